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
	"time"

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

// TestStoreNoticeOnce: a line the store says as it opens (here that its
// latest record is dated after this machine's clock) is printed once,
// also by a lead's command naming --as and by demo on its own store,
// whose permission check (demo's check that the store is its own) opens
// the store before the command does: they printed it twice.
func TestStoreNoticeOnce(t *testing.T) {
	t.Parallel()
	db := storeAhead(t)
	for _, args := range [][]string{
		{"reviewers", "list", "--db", db},
		{"report", "--as", demoLead, "--db", db},
		{"demo", "--build-only", "--db", db},
		{"config", "leaks", "add", "Kapolei High", "--as", demoAdmin, "--db", db},
		{"check", "--as", demoAdmin, "--db", db},
		{"upgrade", "--db", db},
		// Named, its permission check opens the store before it does.
		{"upgrade", "--as", demoAdmin, "--db", db},
	} {
		var stderr strings.Builder
		out := newFileMode(t, filepath.Join(t.TempDir(), "out"), 0o600)
		err := runChildTo(t, out, &stderr, nil, args...)
		out.Close()
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, stderr.String())
		}
		if n := strings.Count(stderr.String(), clockAheadLine); n != 1 {
			t.Errorf("%v: the clock's line %d times, want once:\n%s", args, n, stderr.String())
		}
	}
}

// clockAheadLine is part of the notice a store opened behind its latest
// record gives.
const clockAheadLine = "its latest record is dated"

// storeAhead is a demo store whose latest record (a claim) is dated three
// hours ahead of the machine's clock, so every open of it gives a notice.
func storeAhead(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "demo.db")
	if out, err := run(t, "", "demo", "--build-only", "--applications", "12", "--db", db); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	ahead := time.Now().Add(3 * time.Hour)
	st, err := store.Open(db, store.Options{Now: func() time.Time { return ahead }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Next("rev-01", ""); err != nil { // a claim dated 3h ahead
		t.Fatal(err)
	}
	st.Close()
	return db
}
