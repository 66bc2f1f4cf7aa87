package store

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"assessor/review"
)

// withFiles is a submission line whose one part names files.
func withFiles(app string, n int, submitted string, files ...string) line {
	return submission(app, "descriptive-feedback", n, submitted).with("parts",
		[]map[string]any{{"title": "Part 1: Overview questions", "text": "My students set goals each week.", "files": files}})
}

// importFiles imports lines with one FileSource for every record.
func (f *fixture) importFiles(src Files, lines ...line) (ImportStats, error) {
	f.t.Helper()
	return f.ImportWithFiles("test.jsonl", records(f.t, lines...), func(review.Record) FileSource { return src })
}

func blobCount(t *testing.T, f *fixture) int {
	t.Helper()
	n := 0
	err := f.view(func(tx *txn) error {
		if b := tx.bucket(bucketBlobs); b != nil {
			n = b.b.Stats().KeyN
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportStoresFilesOnce(t *testing.T) {
	f := newFixture(t)
	src := Files{"plan.pdf": []byte("%PDF-not-really"), "notes.txt": []byte("Week 3 notes.")}
	st, err := f.importFiles(src,
		withFiles("A-1", 1, "2024-02-01T10:00:00Z", "plan.pdf", "notes.txt"),
		withFiles("A-2", 1, "2024-02-02T10:00:00Z", "plan.pdf")) // same bytes, another attempt
	if err != nil || st.Submissions != 2 {
		t.Fatalf("import: %+v, %v", st, err)
	}
	if n := blobCount(t, f); n != 2 {
		t.Errorf("%d blobs, want 2 (same bytes stored once)", n)
	}
	a, err := f.Attempt(key("A-1", 1))
	if err != nil {
		t.Fatal(err)
	}
	p := a.Parts[0]
	if len(p.Attachments) != 2 || p.Attachments[0].Name != "plan.pdf" || p.Attachments[1].Type != review.TypeText ||
		p.Attachments[1].Size != 13 || p.Files[1] != "notes.txt" {
		t.Fatalf("attachments %+v, files %v", p.Attachments, p.Files)
	}
	b, _ := f.Attempt(key("A-2", 1))
	if b.Parts[0].Attachments[0].Hash != p.Attachments[0].Hash {
		t.Error("same bytes, different hashes")
	}
	// Idempotent with the same bytes; a changed file is a conflict.
	if st, err := f.importFiles(src, withFiles("A-2", 1, "2024-02-02T10:00:00Z", "plan.pdf")); err != nil || st.Unchanged != 1 {
		t.Errorf("re-import: %+v, %v", st, err)
	}
	_, err = f.importFiles(Files{"plan.pdf": []byte("other")}, withFiles("A-2", 1, "2024-02-02T10:00:00Z", "plan.pdf"))
	if !errors.Is(err, review.ErrImportConflict) {
		t.Errorf("changed file re-imported: %v, want review.ErrImportConflict", err)
	}
	if problems, err := f.Check(); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}

func TestImportFileErrors(t *testing.T) {
	if err := newFixture(t).SetFileLimits(review.FileLimits{PerFile: -1}); err == nil {
		t.Error("negative limit accepted")
	}
	big := make([]byte, 2048)
	tests := []struct {
		name   string
		limits review.FileLimits
		files  []string
		want   string
	}{
		{"missing", review.FileLimits{}, []string{"plan.pdf", "gone.pdf"}, `test.jsonl:2: parts[0].files[1]: "gone.pdf": not found`},
		// review.ParseLine refuses such a name; the store refuses it too
		// from a caller that made its records otherwise.
		{"escape", review.FileLimits{}, []string{"../secret.txt"}, `test.jsonl:2: parts[0].files[0]: "../secret.txt": must be a file name or a relative path`},
		{"per file", review.FileLimits{PerFile: 1024}, []string{"plan.pdf", "big.pdf"}, `test.jsonl:2: parts[0].files[1]: "big.pdf" is 2 KB, over the 1 KB limit per file`},
		{"per attempt", review.FileLimits{PerFile: 3000, PerAttempt: 3000}, []string{"big.pdf", "big2.pdf"}, `test.jsonl:2: parts[0].files[1]: "big2.pdf" brings the attempt's files to 4 KB, over the 2.9 KB limit per attempt`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			if tt.limits != (review.FileLimits{}) {
				if err := f.SetFileLimits(tt.limits); err != nil {
					t.Fatal(err)
				}
			}
			src := Files{"plan.pdf": []byte("x"), "big.pdf": big, "big2.pdf": append([]byte{1}, big...)}
			recs := records(t, withFiles("A-1", 1, "2024-02-01T10:00:00Z", "plan.pdf"),
				withFiles("A-2", 1, "2024-02-02T10:00:00Z", slices.Repeat([]string{"plan.pdf"}, len(tt.files))...))
			copy(recs[1].Submission.Parts[0].Files, tt.files)
			_, err := f.ImportWithFiles("test.jsonl", recs, func(review.Record) FileSource { return src })
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
			if c := f.counts(); c.Attempts != 0 || blobCount(t, f) != 0 {
				t.Errorf("a failed import stored something: %+v, %d blobs", c, blobCount(t, f))
			}
		})
	}
}

func TestFileLimitsConfig(t *testing.T) {
	f := newFixture(t)
	if l, err := f.FileLimits(); err != nil || l != review.DefaultFileLimits() {
		t.Fatalf("defaults %+v, %v", l, err)
	}
	if err := f.SetFileLimits(review.FileLimits{PerFile: 1 << 20}); err != nil {
		t.Fatal(err)
	}
	if l, _ := f.FileLimits(); l.PerFile != 1<<20 || l.PerAttempt != review.DefaultFileLimits().PerAttempt {
		t.Errorf("after set %+v", l)
	}
}

// TestFileLeaksFlagged: a candidate's name inside a file's text and name
// is redacted in the reviewer's copy, which is plain text and marked
// Redacted; another detail in the file stays flagged and the lead's list
// names the file.
func TestFileLeaksFlagged(t *testing.T) {
	f := newFixture(t)
	src := Files{"plan.txt": []byte("Lesson plan\nPrepared by Dana Ruiz, call 808-555-0199"), "ruiz-notes.md": []byte("# Notes")}
	if _, err := f.importFiles(src, withFiles("A-1", 1, "2024-02-01T10:00:00Z", "plan.txt", "ruiz-notes.md")); err != nil {
		t.Fatal(err)
	}
	a, _ := f.Attempt(key("A-1", 1))
	ats := a.Parts[0].Attachments
	if !ats[0].Redacted || ats[0].Type != review.TypeText || ats[1].Redacted || ats[1].Name != "[candidate name]-notes.md" || a.Parts[0].Files[1] != ats[1].Name {
		t.Fatalf("attachments %+v", ats)
	}
	if _, err := f.Claim("rev-1", key("A-1", 1)); err != nil {
		t.Fatal(err)
	}
	if data, err := f.Attachment("rev-1", key("A-1", 1), ats[0].Hash); err != nil || string(data) != "Lesson plan\nPrepared by [candidate name], call 808-555-0199" {
		t.Fatalf("reviewer's file %q, %v", data, err)
	}
	var inText bool
	for _, l := range a.Leaks {
		inText = inText || (l.Attachment && l.File == 1 && l.Kind == review.LeakPhone)
	}
	if !inText || len(a.Leaks) != 1 {
		t.Fatalf("leaks %+v: in text %v", a.Leaks, inText)
	}
	notes := strings.Join(review.LeakNotes(a.Parts, a.Leaks), "\n")
	if !strings.Contains(notes, "possible identifying detail in part 1, file plan.txt (phone)") {
		t.Errorf("notes:\n%s", notes)
	}
	flagged, err := f.Flagged()
	if err != nil || len(flagged) != 1 {
		t.Fatalf("flagged %v, %v", flagged, err)
	}
	if q, _ := f.Queue("rev-1", "", 5); len(q) != 1 || q[0].Flags != 1 {
		t.Errorf("queue %+v", q)
	}
	if problems, err := f.Check(); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}

// TestAttachmentAccess: files are served only to the reviewer holding the
// attempt, or a later attempt of the application, and only the files that
// attempt lists.
func TestAttachmentAccess(t *testing.T) {
	f := newFixture(t)
	src := Files{"plan.pdf": []byte("v1"), "other.pdf": []byte("other candidate")}
	if _, err := f.importFiles(src, withFiles("A-1", 1, "2024-02-01T10:00:00Z", "plan.pdf"),
		withFiles("B-1", 1, "2024-02-01T11:00:00Z", "other.pdf"),
		decision("A-1", 1, "rev-0", "2024-02-05T10:00:00Z", "meets", "not-yet", "meets")); err != nil {
		t.Fatal(err)
	}
	if _, err := f.importFiles(Files{"plan.pdf": []byte("v2")}, withFiles("A-1", 2, "2024-02-10T10:00:00Z", "plan.pdf")); err != nil {
		t.Fatal(err)
	}
	a1, _ := f.Attempt(key("A-1", 1))
	a2, _ := f.Attempt(key("A-1", 2))
	b1, _ := f.Attempt(key("B-1", 1))
	h1, h2, hb := a1.Parts[0].Attachments[0].Hash, a2.Parts[0].Attachments[0].Hash, b1.Parts[0].Attachments[0].Hash

	if _, err := f.Attachment("rev-a", key("A-1", 2), h2); !errors.Is(err, ErrNoLease) {
		t.Errorf("without a claim: %v, want ErrNoLease", err)
	}
	if _, err := f.Claim("rev-a", key("A-1", 2)); err != nil {
		t.Fatal(err)
	}
	if b, err := f.Attachment("rev-a", key("A-1", 2), h2); err != nil || string(b) != "v2" {
		t.Errorf("own attempt: %q, %v", b, err)
	}
	if b, err := f.Attachment("rev-a", key("A-1", 1), h1); err != nil || string(b) != "v1" {
		t.Errorf("previous attempt: %q, %v", b, err)
	}
	if _, err := f.Attachment("rev-a", key("A-1", 2), hb); !errors.Is(err, ErrNotFound) {
		t.Errorf("another attempt's hash: %v, want ErrNotFound", err)
	}
	if _, err := f.Attachment("rev-a", key("B-1", 1), hb); !errors.Is(err, ErrNoLease) {
		t.Errorf("another application: %v, want ErrNoLease", err)
	}
	if _, err := f.Attachment("rev-b", key("A-1", 2), h2); !errors.Is(err, ErrNoLease) {
		t.Errorf("another reviewer: %v, want ErrNoLease", err)
	}
	f.clock.Advance(review.LeaseDuration + 1)
	if _, err := f.Attachment("rev-a", key("A-1", 2), h2); !errors.Is(err, ErrNoLease) {
		t.Errorf("expired lease: %v, want ErrNoLease", err)
	}
}

// TestSetFileLimitsBounds: limits past the most an import can hold, or a
// per-file limit no file could reach under the per-attempt one, are
// refused and leave the limits as they were.
func TestSetFileLimitsBounds(t *testing.T) {
	f := newFixture(t)
	for _, l := range []review.FileLimits{
		{PerFile: review.MaxFileLimit + 1, PerAttempt: review.MaxAttemptLimit},
		{PerAttempt: review.MaxAttemptLimit + 1},
		{PerFile: 100 << 20}, // over the default 50 MB per attempt
	} {
		if err := f.SetFileLimits(l); !errors.Is(err, ErrInvalid) {
			t.Errorf("SetFileLimits(%+v) = %v, want ErrInvalid", l, err)
		}
	}
	if l, err := f.FileLimits(); err != nil || l != review.DefaultFileLimits() {
		t.Errorf("limits now %+v (%v), want the defaults", l, err)
	}
	if err := f.SetFileLimits(review.FileLimits{PerFile: 100 << 20, PerAttempt: 200 << 20}); err != nil {
		t.Errorf("raising both: %v", err)
	}
}

// TestImportFileTextBoundedPerAttempt: once an attempt's files come to
// review.MaxAttemptFileText of text, the next files' text is not read: they
// are marked Unread (neither scanned nor shown inline), so many large files
// cannot make an import read gigabytes.
func TestImportFileTextBoundedPerAttempt(t *testing.T) {
	f := newFixture(t)
	const n = 9 // 9 × 4 MiB of text is past the 32 MiB bound
	src := Files{}
	var names []string
	for i := range n {
		name := fmt.Sprintf("notes-%d.txt", i)
		body := strings.Repeat(fmt.Sprintf("week %d notes ", i), (4<<20)/12+1)
		if i == n-1 {
			body = "Ask ann.other@example.org. " + body
		}
		src[name], names = []byte(body), append(names, name)
	}
	if _, err := f.importFiles(src, withFiles("A-1", 1, "2024-02-01T10:00:00Z", names...)); err != nil {
		t.Fatal(err)
	}
	a, err := f.Attempt(key("A-1", 1))
	if err != nil {
		t.Fatal(err)
	}
	for i, at := range a.Parts[0].Attachments {
		if want := i == n-1; at.Unread != want {
			t.Errorf("file %d: Unread %v, want %v", i+1, at.Unread, want)
		}
	}
	for _, l := range a.Leaks {
		if l.File == n {
			t.Errorf("a flag in the unread file: %+v", l)
		}
	}
}

// TestImportLongFileNameNotInSourceIsShort: a file name of 4,000 bytes
// that the source lacks is quoted cut to 64 bytes in the import's error,
// as a bad value is (docs/formats.md).
func TestImportLongFileNameNotInSourceIsShort(t *testing.T) {
	f := newFixture(t)
	name := strings.Repeat("d/", 1999) + "yy"
	_, err := f.importFiles(Files{}, withFiles("A-1", 1, "2024-02-01T10:00:00Z", name))
	if err == nil || len(err.Error()) > 300 || !strings.Contains(err.Error(), "test.jsonl:1: parts[0].files[0]: ") ||
		!errors.Is(err, ErrNotFound) {
		t.Errorf("error %.200v (%d bytes), want one line under 300 naming the file, line and field", err, len(fmt.Sprint(err)))
	}
}
