package ui

import (
	"path/filepath"
	"testing"
)

// TestTempFileRunRemovesFileOnFailure: a command that fails leaves no temp
// file behind and, with readBack, the data as it was.
func TestTempFileRunRemovesFileOnFailure(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	fail := editorScript(t, t.TempDir(), `echo changed > "$f"; exit 3`)
	r := &tempFileRun{argv: []string{fail}, pattern: "assessor-*.md", data: []byte("before\n"), readBack: true}
	if err := r.Run(); err == nil {
		t.Fatal("Run succeeded; want the command's exit status")
	}
	if string(r.data) != "before\n" {
		t.Errorf("data = %q after a failed run, want it untouched", r.data)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "assessor-*")); len(left) > 0 {
		t.Errorf("temp files left behind: %v", left)
	}
}
