package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"assessor/review"
)

// TestBadgeSweepStaysInsideItsFolder: export badges removes the assertion
// files an earlier export into DIR wrote and the store no longer issues.
// Its writes stay inside DIR (a symlinked assertions/ leading out is
// refused), but the sweep read DIR/assertions by path: with nothing to
// assert yet (a new program, its first export), a planted symlink
// DIR/assertions -> another folder had every assertion-named file there
// removed, another program's published badges included.
func TestBadgeSweepStaysInsideItsFolder(t *testing.T) {
	db := storeWithKnownRubrics(t) // no passes: nothing to assert
	addReviewers(t, db, review.Reviewer{ID: "lead-1", Role: review.RoleLead})
	if out, err := runBadges(t, "config", "issuer", "--name", "NEA", "--url", "https://badges.example.net/", "--email", "badges@example.net", "--db", db); err != nil {
		t.Fatalf("config issuer: %v\n%s", err, out)
	}
	other := t.TempDir() // another program's published assertions
	published := filepath.Join(other, "c-0123456789abcdef01234567.json")
	if err := os.WriteFile(published, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	if err := os.Symlink(other, filepath.Join(site, "assertions")); err != nil {
		t.Fatal(err)
	}
	out, err := runBadges(t, "export", "badges", site, "--db", db)
	if _, serr := os.Stat(published); serr != nil {
		t.Errorf("export badges into %s removed %s, outside its folder, through a symlink (%v):\n%s", site, published, err, out)
	}
	if err == nil || !strings.Contains(err.Error(), "leads out of "+site) {
		t.Errorf("export badges into %s with assertions/ leading out: %v, want it refused in one line:\n%s", site, err, out)
	}
}

// TestBackupToNonUTF8Name: `assessor backup DEST` with a DEST whose name is
// not UTF-8 (a Latin-1 file name) writes the copy, or fails in one line;
// it panicked, in the sweep of a killed backup's temporary files.
func TestBackupToNonUTF8Name(t *testing.T) {
	db := storeWithKnownRubrics(t)
	dest := filepath.Join(t.TempDir(), "sauvegarde-\xe9t\xe9.db")
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("backup %q panicked: %v", dest, r)
		}
	}()
	if out, err := run(t, "", "backup", dest, "--db", db); err != nil {
		t.Fatalf("backup %q: %v\n%s", dest, err, out)
	}
}
