package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenRemovesLeftovers: the temporary files an interrupted upgrade,
// compact, backup check or import left beside the store (each a copy, with
// the identities) are removed by the next read-write open, which holds the
// store's lock (an import reads its spool through the file it holds open);
// also beside a symlink's
// target. A read-only open, which shares the lock, removes nothing, and
// files of other names (another store's, the backups) stay.
func TestOpenRemovesLeftovers(t *testing.T) {
	f := newFixture(t)
	f.Close()
	f.Store = nil
	dir := filepath.Dir(f.path)
	real := filepath.Join(t.TempDir(), "real.db")
	if err := os.Rename(f.path, real); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, f.path); err != nil {
		t.Fatal(err)
	}
	left := []string{
		filepath.Join(dir, ".assessor.db.1234567.tmp"),       // compact, a copy step (before symlinks were followed)
		filepath.Join(dir, ".assessor.db.v4.bak.98765.tmp"),  // the backup before an upgrade
		filepath.Join(dir, ".assessor.db.v4.1.bak.5.tmp"),    // the same, when .v4.bak exists
		filepath.Join(dir, ".assessor.db.42.check"),          // backup's check of its copy
		filepath.Join(filepath.Dir(real), ".real.db.77.tmp"), // compact beside the target
		filepath.Join(dir, ".assessor-import.31337.tar"),     // a killed import's spool of its bundle
		filepath.Join(dir, ".assessor-import.4242.jsonl"),    // and of its stdin
	}
	kept := []string{
		filepath.Join(dir, ".assessor.db.x1.tmp"),
		filepath.Join(dir, ".assessor.db.5.123.tmp"), // a store named assessor.db.5
		filepath.Join(dir, ".other.db.123.tmp"),
		filepath.Join(dir, "assessor.db.v4.bak"),
		filepath.Join(dir, ".assessor.db.123.tmp.keep"),
		filepath.Join(dir, ".assessor.db.v4.bak"),
		filepath.Join(dir, "assessor-import.1.tar"),
		filepath.Join(dir, ".assessor-import.1.tar.gz"),
	}
	for _, p := range append(left, kept...) {
		if err := os.WriteFile(p, []byte("copy"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	exist := func(when string, paths []string, want bool) {
		t.Helper()
		for _, p := range paths {
			_, err := os.Stat(p)
			if got := !errors.Is(err, fs.ErrNotExist); got != want {
				t.Errorf("%s: %s exists: %v, want %v", when, filepath.Base(p), got, want)
			}
		}
	}
	s, err := Open(f.path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	exist("after a read-only open", append(left, kept...), true)

	var notes []string
	s, err = Open(f.path, Options{Notify: func(l string) { notes = append(notes, l) }})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	exist("after a read-write open", left, false)
	exist("after a read-write open", kept, true)
	if len(notes) != 1 || !strings.Contains(notes[0], "removed 7 temporary files") {
		t.Errorf("notices %q, want one naming 7 temporary files", notes)
	}
}
