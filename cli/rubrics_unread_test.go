package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRubricsAddDirNamesWhatItLeaves: a program keeps its rubrics in one
// folder a stack. `rubrics add DIR` reads the .md files directly in DIR;
// it said "added" for those and nothing of a folder of rubrics under it
// or of a file named .MD. A warning names each; hidden folders and
// folders of no rubrics pass without one.
func TestRubricsAddDirNamesWhatItLeaves(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(t.TempDir(), "s.db")
	writeFile(t, dir, "top.md", "---\nid: top\ntitle: Top\n---\n### C1. One\n")
	writeFile(t, dir, "SHOUT.MD", "---\nid: shout\ntitle: Shout\n---\n### C1. One\n")
	for _, sub := range []string{"assessment-literacy", ".git", "images"} {
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, filepath.Join(dir, "assessment-literacy"), "deep.md", "---\nid: deep\ntitle: Deep\n---\n### C1. One\n")
	writeFile(t, filepath.Join(dir, ".git"), "notes.md", "not a rubric\n")
	writeFile(t, filepath.Join(dir, "images"), "a.png", "png")
	out, err := run(t, "", "rubrics", "add", dir, "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"top v1: added",
		"assessor: warning: " + filepath.Join(dir, "assessment-literacy") + "/: a folder, not read: add it on its own",
		"assessor: warning: " + filepath.Join(dir, "SHOUT.MD") + ": not read: a rubric file's name ends in .md",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("rubrics add DIR said\n%s\nwithout %q", out, want)
		}
	}
	if n := strings.Count(out, "warning"); n != 2 {
		t.Errorf("%d warnings, want 2 (none for .git or images):\n%s", n, out)
	}
}

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
