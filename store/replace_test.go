package store

import (
	"os"
	"path/filepath"
	"testing"
)

// rewrites are the two ways the store file is replaced by a new one:
// compact, and the upgrade's copy step (a schema-4 store).
var rewrites = []struct {
	name string
	run  func(path string) error
}{
	{"compact", func(path string) error { _, _, err := Compact(path, Options{}); return err }},
	{"upgrade", func(path string) error {
		s, err := Open(path, Options{})
		if err == nil {
			s.Close()
		}
		return err
	}},
}

// fixtureFor is the schema-4 fixture, upgraded first for compact.
func fixtureFor(t *testing.T, rewrite string) string {
	t.Helper()
	path := unzipFixture(t, "schema4")
	if rewrite == "compact" {
		s, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	return path
}

// noTemps fails the test for a temporary file left in dir.
func noTemps(t *testing.T, dir string) {
	t.Helper()
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestReplaceThroughSymlink: compact and the upgrade's copy step on a store
// named by a symlink (link.db → data/real.db) rewrite the link's target,
// and the link stays.
func TestReplaceThroughSymlink(t *testing.T) {
	for _, rw := range rewrites {
		t.Run(rw.name, func(t *testing.T) {
			dir := t.TempDir()
			real := filepath.Join(dir, "data", "real.db")
			if err := os.Mkdir(filepath.Dir(real), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(fixtureFor(t, rw.name), real); err != nil {
				t.Fatal(err)
			}
			was, _ := os.Stat(real)
			link := filepath.Join(dir, "link.db")
			if err := os.Symlink("data/real.db", link); err != nil {
				t.Fatal(err)
			}
			if err := rw.run(link); err != nil {
				t.Fatal(err)
			}
			if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
				t.Fatalf("link.db after %s: %v %v, want the symlink", rw.name, fi, err)
			}
			if to, _ := os.Readlink(link); to != "data/real.db" {
				t.Errorf("link points to %q", to)
			}
			now, _ := os.Stat(real)
			if os.SameFile(was, now) {
				t.Errorf("%s did not rewrite the target", rw.name)
			}
			s, err := Open(real, Options{ReadOnly: true})
			if err != nil {
				t.Fatalf("the target after %s: %v", rw.name, err)
			}
			s.Close()
			noTemps(t, dir)
			noTemps(t, filepath.Dir(real))
		})
	}
}
