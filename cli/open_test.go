package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"assessor/store"
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
	// In a folder that is not there, the hint is the folder, not import.
	nodir := filepath.Join(t.TempDir(), "nodir", "x.db")
	if _, err := run(t, "", "report", "--db", nodir); err == nil || err.Error() != "no store at "+nodir+": folder "+filepath.Dir(nodir)+" does not exist; --db picks another file" {
		t.Errorf("a store in a missing folder: %v", err)
	}
	out, err := run(t, "", "config", "files", "--max-file", "20MB", "--db", db)
	if err != nil || !strings.Contains(out, "per file: 20 MB") {
		t.Fatalf("setting a limit: %v\n%s", err, out)
	}
	if _, err := run(t, "", "config", "files", "--db", db); err != nil {
		t.Fatalf("showing the limits of the store just started: %v", err)
	}
}

// TestCannotWrite: what makes a reading command open the store read-only
// (openReading): permission denied and a read-only file system, which the
// tests cannot mount, as store.Open wraps them; nothing else.
func TestCannotWrite(t *testing.T) {
	t.Parallel()
	for err, want := range map[error]bool{
		fmt.Errorf("open store x.db: %w", syscall.EROFS):  true,
		fmt.Errorf("open store x.db: %w", syscall.EACCES): true,
		fmt.Errorf("open store x.db: %w", syscall.EPERM):  true,
		fmt.Errorf("open store x.db: %w", syscall.ENOSPC): false,
		store.ErrLocked: false,
		nil:             false,
	} {
		if got := cannotWrite(err); got != want {
			t.Errorf("cannotWrite(%v) = %v, want %v", err, got, want)
		}
	}
}
