package external

import (
	"path/filepath"
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
