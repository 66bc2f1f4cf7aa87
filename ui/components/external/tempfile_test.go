package external

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"assessor/ui/internal/uitest"
)

// TestTempFileRunRemovesFileOnFailure: a command that fails leaves no temp
// file behind and, with readBack, the data as it was.
func TestTempFileRunRemovesFileOnFailure(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	fail := uitest.EditorScript(t, t.TempDir(), `echo changed > "$f"; exit 3`)
	r := &TempFile{Argv: []string{fail}, Pattern: "assessor-*.md", Data: []byte("before\n"), ReadBack: true}
	if err := r.Run(); err == nil {
		t.Fatal("Run succeeded; want the command's exit status")
	}
	if string(r.Data) != "before\n" {
		t.Errorf("data = %q after a failed run, want it untouched", r.Data)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "assessor-*")); len(left) > 0 {
		t.Errorf("temp files left behind: %v", left)
	}
}

// TestEditorReadBackBounded: an editor that leaves more than any feedback
// may hold is an error, read no further than the limit, and the text is
// left as it was; one at the limit is read whole.
func TestEditorReadBackBounded(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	big := uitest.EditorScript(t, t.TempDir(), `head -c 50000000 /dev/zero | tr '\0' a > "$f"`)
	r := Editor([]string{big}, "C1", "before")
	err := r.Run()
	if !errors.Is(err, ErrTooLong) || !strings.Contains(err.Error(), "over 40002 bytes") {
		t.Fatalf("Run = %v, want the read-back refused", err)
	}
	if string(r.Data) != "before\n" {
		t.Errorf("data = %d bytes after a refused read-back, want it untouched", len(r.Data))
	}
	fits := uitest.EditorScript(t, t.TempDir(), `head -c 40002 /dev/zero | tr '\0' a > "$f"`)
	if r := Editor([]string{fits}, "C1", ""); r.Run() != nil || len(r.Data) != 40002 {
		t.Errorf("a file at the limit: %d bytes read back", len(r.Data))
	}
}
