package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMissingStore: a command that reads or shows refuses a store that is
// not there and creates nothing; a command that stores something (here a
// setting) starts the store.
func TestMissingStore(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "typo.db")
	for _, args := range [][]string{{"report"}, {"applications"}, {"config", "files"}, {"config", "calibration"}} {
		_, err := run(t, "", append(args, "--db", db)...)
		if err == nil || !strings.HasPrefix(err.Error(), "no store at "+db+": ") || !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("%v: err = %v", args, err)
		}
		if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("%v created the store", args)
		}
	}
	out, err := run(t, "", "config", "files", "--max-file", "20MB", "--db", db)
	if err != nil || !strings.Contains(out, "per file: 20 MB") {
		t.Fatalf("setting a limit: %v\n%s", err, out)
	}
	if _, err := run(t, "", "config", "files", "--db", db); err != nil {
		t.Fatalf("showing the limits of the store just started: %v", err)
	}
}
