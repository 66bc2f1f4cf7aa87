package reviewer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"assessor/demo"
	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/internal/uitest"
)

// filesFake is the fake with stored files on attempt DF-7KQ2#2's part 2:
// notes.txt changed since attempt 1 (and names the candidate), feedback.md,
// scores.csv, plan.pdf and photo.jpg are new, and attempt 1's old.pdf is
// gone.
func filesFake(t *testing.T) *fakeBackend {
	t.Helper()
	f := newFake()
	f.blobs = map[string][]byte{}
	attach := func(files map[string][]byte, names ...string) review.EvidencePart {
		p := review.EvidencePart{Title: "Part 2: Artifacts", Text: "Three samples with feedback and revisions."}
		for _, n := range names {
			a := review.NewAttachment(n, files[n])
			f.blobs[a.Hash] = files[n]
			p.Files, p.Attachments = append(p.Files, n), append(p.Attachments, a)
		}
		return p
	}
	notes := "Week 3 notes\nPrepared by Dana Ruiz"
	cur := map[string][]byte{
		"notes.txt":   []byte(notes),
		"feedback.md": []byte("# Feedback notes\n\n- a **claim** in the first sentence\n"),
		"scores.csv":  []byte("student,draft,revision\nS1,2,3\nS2,1,3\n"),
		"plan.pdf":    demo.PDF([]string{"Lesson plan", "Learning target: explain energy transfer."}),
		"photo.jpg":   []byte("\xff\xd8\xff not really a photo"),
	}
	old := map[string][]byte{"notes.txt": []byte("Week 3 notes"), "old.pdf": demo.PDF([]string{"Old plan"})}
	a := &f.attempts[0]
	a.Parts[1] = attach(cur, "notes.txt", "feedback.md", "scores.csv", "plan.pdf", "photo.jpg")
	start := strings.Index(notes, "Dana")
	a.Leaks = []review.Leak{{Part: 1, File: 1, Attachment: true, Start: start, End: start + len("Dana Ruiz"), Kind: review.LeakCandidateName}}
	prev := f.previous[a.Key()]
	prev[0].Attempt.Parts = append([]review.EvidencePart(nil), prev[0].Attempt.Parts...)
	prev[0].Attempt.Parts[1] = attach(old, "notes.txt", "old.pdf")
	return f
}

func openFilesReview(t *testing.T, f *fakeBackend, opt common.Options) *session {
	t.Helper()
	s := start(t, f, opt, 180, 70)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "Attempt 1 feedback", "Files (a to view):", "plan.pdf · PDF · ",
		"possible identifying detail in part 2, file notes.txt (name)")
	return s
}

// TestAttachmentInlineViews: each inline type is shown in the terminal,
// text with its leak marked, Markdown as its source (as the redactor read
// it: rendered, "**Mari**sol" would draw as a name), CSV as a table, a
// PDF's extracted text.
func TestAttachmentInlineViews(t *testing.T) {
	f := filesFake(t)
	s := openFilesReview(t, f, common.Options{})
	s.Do(keys("a"), "Files · 5 stored", "notes.txt · text", "scores.csv · CSV · 37 B · added since attempt 1", "changed since attempt 1", "⚑ possible identifying detail")
	s.Do(keys("enter"), "Files · notes.txt", "Week 3 notes", "Prepared by ⟦Dana Ruiz⟧")
	s.Do(keys("esc", "j", "enter"), "Files · feedback.md", "# Feedback notes", "- a **claim** in the first sentence")
	s.Do(keys("esc", "j", "enter"), "Files · scores.csv", "student", "revision", "S2")
	s.Do(keys("esc", "j", "enter"), "Files · plan.pdf", "Learning target: explain energy transfer.")
	s.Do(keys("esc", "esc"), "Evidence")
	s.quit()
}

// TestFlaggedMarkdownAndCSVMarked: a Markdown file the leak scan flagged
// shows the span marked in its source; a flagged CSV is shown as its text,
// since a table could not show where the detail is.
func TestFlaggedMarkdownAndCSVMarked(t *testing.T) {
	f := filesFake(t)
	a := &f.attempts[0]
	md, csv := "# Feedback notes\n\n- a **claim** in the first sentence\n", "student,draft,revision\nS1,2,3\nS2,1,3\n"
	claim, s2 := strings.Index(md, "claim"), strings.Index(csv, "S2")
	a.Leaks = append(a.Leaks,
		review.Leak{Part: 1, File: 2, Attachment: true, Start: claim, End: claim + len("claim"), Kind: review.LeakListedName},
		review.Leak{Part: 1, File: 3, Attachment: true, Start: s2, End: s2 + len("S2"), Kind: review.LeakListedName})
	s := openFilesReview(t, f, common.Options{})
	s.Do(keys("a"), "Files · 5 stored")
	s.Do(keys("j", "enter"), "Files · feedback.md", "- a **⟦claim⟧** in the first sentence")
	s.Do(keys("esc", "j", "enter"), "Files · scores.csv", "⟦S2⟧,1,3") // the note line is unchanged, so not redrawn
	s.quit()
}

// TestAttachmentDiff: the evidence diff lists added, removed and changed
// files, and a changed text file diffs word by word.
func TestAttachmentDiff(t *testing.T) {
	f := filesFake(t)
	s := openFilesReview(t, f, common.Options{})
	s.Do(keys("d"), "notes.txt (changed)", "old.pdf (removed)-]", "feedback.md (added)")
	s.Do(keys("d", "a", "d"), "notes.txt · diff vs attempt 1", "[+Prepared by")
	s.quit()
}

// TestAttachmentOpener: other types go to $ASSESSOR_OPENER through a
// private temp file that is gone once the opener exits.
func TestAttachmentOpener(t *testing.T) {
	bin := t.TempDir()
	rec := filepath.Join(bin, "opened")
	opener := uitest.EditorScript(t, bin, `ls -l "$f" > '`+rec+`.ls'
cp "$f" '`+rec+`.copy'
printf '%s' "$f" > '`+rec+`'`)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv("ASSESSOR_OPENER", opener)
	f := filesFake(t)
	s := openFilesReview(t, f, common.Options{})
	s.Do(keys("a", "j", "j", "j", "j"), "Files · 5 stored")
	s.Do(keys("enter"), "Opened the file")
	path, err := os.ReadFile(rec)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(string(path), "-photo.jpg") || filepath.Dir(string(path)) != tmp {
		t.Errorf("opener got %q, want a temp file in %s named after photo.jpg", path, tmp)
	}
	if _, err := os.Stat(string(path)); !os.IsNotExist(err) {
		t.Errorf("temp file %s still there: %v", path, err)
	}
	if b, _ := os.ReadFile(rec + ".copy"); string(b) != "\xff\xd8\xff not really a photo" {
		t.Errorf("opener saw %q", b)
	}
	if ls, _ := os.ReadFile(rec + ".ls"); !strings.HasPrefix(string(ls), "-rw-------") {
		t.Errorf("temp file mode: %q, want private", ls)
	}
	requireNoTempFiles(t, tmp)
	s.quit()

	// Over SSH (NoExternalEditor) the opener never runs.
	os.Remove(rec)
	s = openFilesReview(t, f, common.Options{NoExternalEditor: true})
	s.Do(keys("a", "j", "j", "j", "j", "enter"), "this file cannot be shown in the terminal")
	s.Press("o")
	s.quit()
	if _, err := os.Stat(rec); !os.IsNotExist(err) {
		t.Error("the opener ran with NoExternalEditor set")
	}
}

// TestRedactedFileReadInlineOnly: a file whose text was redacted at import
// is labelled as such, shown inline, and never handed to the opener until
// a lead clears it; the other files still open.
func TestRedactedFileReadInlineOnly(t *testing.T) {
	bin := t.TempDir()
	rec := filepath.Join(bin, "opened")
	t.Setenv("ASSESSOR_OPENER", uitest.EditorScript(t, bin, `printf '%s' "$f" > '`+rec+`'`))
	t.Setenv("TMPDIR", t.TempDir())
	f := filesFake(t)
	a := &f.attempts[0]
	text := "Week 3 notes\nPrepared by [candidate name]"
	red := review.NewAttachment("notes.txt", []byte(text))
	red.Redacted = true
	f.blobs[red.Hash] = []byte(text)
	a.Parts[1].Attachments[0] = red
	a.Leaks = nil
	s := start(t, f, common.Options{}, 180, 70)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "Files (a to view):")
	s.Do(keys("a"), "notes.txt · redacted text", "redacted: read it here")
	s.Do(keys("o", "enter"), "Files · notes.txt", "Prepared by [candidate name]")
	if _, err := os.Stat(rec); !os.IsNotExist(err) {
		t.Fatal("the opener ran on a redacted file")
	}
	s.Do(keys("esc", "j", "j", "j", "j", "o"), "Opened the file") // photo.jpg is not redacted
	s.quit()
}

// TestCSVRowWhole: a cell wider than its column is cut in the table; enter
// shows the selected row with every cell whole, wrapped to the pane, and
// esc goes back to the table, then to the list.
func TestCSVRowWhole(t *testing.T) {
	f := newFake()
	f.blobs = map[string][]byte{}
	long := "Supercalifragilistic " + strings.Repeat("word ", 40) + "the end of the cell"
	data := []byte("student,comment\nS1,short\nS2," + long + "\n")
	at := review.NewAttachment("notes.csv", data)
	f.blobs[at.Hash] = data
	a := &f.attempts[0]
	a.Parts[1] = review.EvidencePart{Title: "Part 2", Text: "See the table.", Files: []string{"notes.csv"}, Attachments: []review.Attachment{at}}
	s := start(t, f, common.Options{NoExternalEditor: true}, 100, 40)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "Files (a to view):")
	s.Do(keys("a", "enter"), "Files · notes.csv", "enter whole row", "▸  S1", "┃     S2")
	s.Do(keys("down"), "▸  S2", "┃     S1") // the ▸ moves with the row
	s.Do(keys("enter"), "Row 2 of 2", "the end of the cell")
	s.Press("?", "?") // the help's resize keeps the row:
	s.Do(keys("esc"), "enter whole row", "▸  S2")
	s.Do(keys("enter"), "Row 2 of 2")
	s.Do(keys("esc"), "enter whole row")
	s.Do(keys("esc"), "Files · 1 stored")
	s.quit()
}
