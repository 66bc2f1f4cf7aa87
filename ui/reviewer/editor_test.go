package reviewer

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/internal/uitest"
)

// editorEnv points $EDITOR at editor (with a flag, to check word
// splitting), clears $VISUAL and gives the temp files a directory of their
// own, which it returns.
func editorEnv(t *testing.T, editor string) string {
	t.Helper()
	tmp := t.TempDir()
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", editor+" --wait")
	t.Setenv("TMPDIR", tmp)
	return tmp
}

// requireNoTempFiles fails when an assessor temp file is left in dir.
func requireNoTempFiles(t *testing.T, dir string) {
	t.Helper()
	left, _ := filepath.Glob(filepath.Join(dir, "assessor-*"))
	if len(left) > 0 {
		t.Errorf("temp files left behind: %v", left)
	}
}

func TestExternalEditorEditsFeedback(t *testing.T) {
	bin := t.TempDir()
	log := filepath.Join(bin, "seen")
	editor := uitest.EditorScript(t, bin, `ls -l "$f" > '`+log+`'
t=$(cat "$f")
printf '%s (edited)\n' "$t" > "$f"`)
	tmp := editorEnv(t, editor)

	f := newFake()
	f.drafts[f.attempts[0].Key()] = review.Draft{Feedback: map[string]string{"C2": "Name one strength."}}
	s := openScoring(t, f, common.Options{DraftDelay: 50 * time.Millisecond}, 100, 30)
	s.Do(keys("j", "E"), "C2 feedback updated from your editor", "Name one strength. (edited)")
	waitFor(t, "a debounced draft save with the edited text", func() bool {
		d, _ := f.lastSave()
		return d.Feedback["C2"] == "Name one strength. (edited)"
	})
	requireNoTempFiles(t, tmp)

	seen, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	// ls -l: mode first, path last.
	fields := strings.Fields(string(seen))
	if len(fields) == 0 || fields[0] != "-rw-------" {
		t.Errorf("temp file mode = %q, want -rw------- (private)", seen)
	}
	if name := filepath.Base(fields[len(fields)-1]); !regexp.MustCompile(`^assessor-C2-\d+\.md$`).MatchString(name) {
		t.Errorf("temp file name = %q, want assessor-C2-*.md", name)
	}
	if filepath.Dir(fields[len(fields)-1]) != tmp {
		t.Errorf("temp file %s not in $TMPDIR %s", fields[len(fields)-1], tmp)
	}
}

func TestExternalEditorOverall(t *testing.T) {
	editor := uitest.EditorScript(t, t.TempDir(), `printf 'Strong targets.\n' > "$f"`)
	tmp := editorEnv(t, editor)
	f := newFake()
	s := openScoring(t, f, common.Options{}, 100, 30)
	s.Do(keys("O"), "Overall feedback updated from your editor", "Strong targets.")
	if app := s.quit(); app.review.scoring.Feedback()[review.OverallKey] != "Strong targets." {
		t.Errorf("overall = %q, want the editor's text less its newline", app.review.scoring.Feedback()[review.OverallKey])
	}
	requireNoTempFiles(t, tmp)
}

func TestExternalEditorFailureKeepsText(t *testing.T) {
	editor := uitest.EditorScript(t, t.TempDir(), `printf 'half-written' > "$f"
exit 1`)
	tmp := editorEnv(t, editor)
	f := newFake()
	f.drafts[f.attempts[0].Key()] = review.Draft{Feedback: map[string]string{"C2": "Keep me."}}
	s := openScoring(t, f, common.Options{}, 100, 30)
	s.Do(keys("j", "E"), "Editor failed (fake-editor: exit status 1); C2", "feedback unchanged")
	app := s.quit()
	if got := app.review.scoring.Feedback()["C2"]; got != "Keep me." {
		t.Errorf("C2 feedback = %q after a failed editor, want it kept", got)
	}
	if _, n := f.lastSave(); n != 0 {
		t.Errorf("%d drafts saved though nothing changed", n)
	}
	requireNoTempFiles(t, tmp)
}

func TestNoExternalEditorHidesBinding(t *testing.T) {
	bin := t.TempDir()
	marker := filepath.Join(bin, "ran")
	editor := uitest.EditorScript(t, bin, `touch '`+marker+`'`)
	editorEnv(t, editor)

	for _, off := range []bool{false, true} {
		s := openScoring(t, newFake(), common.Options{NoExternalEditor: off}, 100, 30)
		m := s.Mark()
		if off {
			s.Press("E", "O") // must do nothing
		}
		s.Press("?")
		s.WaitAfter(m, "prev criterion") // the full help is drawn
		help := s.Out.String()[m:]
		if shown := strings.Contains(help, "$EDITOR"); shown == off {
			t.Errorf("NoExternalEditor=%v: help shows $EDITOR: %v", off, shown)
		}
		if !regexp.MustCompile(`\?\s+help`).MatchString(help) {
			t.Errorf("NoExternalEditor=%v: the full help lost its last column", off)
		}
		s.quit()
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("the editor ran although NoExternalEditor is set")
	}
}
