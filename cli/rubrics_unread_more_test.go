package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRubricsAddDirOfFoldersNamesThem: a program keeps every stack's
// rubrics in a folder of its own and nothing at the top. `rubrics add
// DIR` reads none of them; what it says names the folders left unread,
// as the docs promise ("a warning names each folder of rubrics left
// unread").
func TestRubricsAddDirOfFoldersNamesThem(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(t.TempDir(), "s.db")
	if err := os.Mkdir(filepath.Join(dir, "assessment-literacy"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "assessment-literacy"), "deep.md", "---\nid: deep\ntitle: Deep\n---\n### C1. One\n")
	out, err := run(t, "", "rubrics", "add", dir, "--db", db)
	said := out
	if err != nil {
		said += err.Error()
	}
	if !strings.Contains(said, "assessment-literacy") {
		t.Errorf("rubrics add DIR of folders said %q: nothing of the folder it left unread", said)
	}
}

// TestRubricsAddDirNamesALinkedFolder: a folder of rubrics linked into
// DIR (a symbolic link to a folder elsewhere) is left unread like any folder, and
// named like one. Its .md files linked one by one are read.
func TestRubricsAddDirNamesALinkedFolder(t *testing.T) {
	t.Parallel()
	dir, elsewhere := t.TempDir(), t.TempDir()
	db := filepath.Join(t.TempDir(), "s.db")
	writeFile(t, dir, "top.md", "---\nid: top\ntitle: Top\n---\n### C1. One\n")
	writeFile(t, elsewhere, "deep.md", "---\nid: deep\ntitle: Deep\n---\n### C1. One\n")
	if err := os.Symlink(elsewhere, filepath.Join(dir, "stack")); err != nil {
		t.Fatal(err)
	}
	out, err := run(t, "", "rubrics", "add", dir, "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "top v1: added") || !strings.Contains(out, filepath.Join(dir, "stack")) {
		t.Errorf("rubrics add DIR with a linked folder of rubrics said\n%s\nnothing of %s", out, filepath.Join(dir, "stack"))
	}
}
