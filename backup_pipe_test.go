package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBackupToClosedPipeLeavesNoCopy: `assessor backup - | head -c 10`
// ends non-zero and leaves no checked copy of the
// whole store, identity vault included, beside the store
// (.STORE.NNN.check): the reader stopping early is routine, not a crash.
func TestBackupToClosedPipeLeavesNoCopy(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary: skipped with -short")
	}
	bin := assessorBinary(t)
	db := demoStore(t, bin)
	dir := filepath.Dir(db)
	cmd := exec.Command(bin, "backup", "-", "--db", db)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = w
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	buf := make([]byte, 10)
	_, _ = io.ReadFull(r, buf) // head -c 10
	r.Close()
	if err := cmd.Wait(); err == nil {
		t.Errorf("backup - into a closed pipe exited 0")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".check") || strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("backup - | head -c 10 left %s beside the store", e.Name())
		}
	}
}
