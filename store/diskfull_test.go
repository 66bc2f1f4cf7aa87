package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestDiskFullSaysNothingWasStored: a commit that meets a full disk fails
// in one line naming the store and saying what the user can do, still
// matching ErrDiskFull; bbolt's own text (write FILE: no space left on
// device) said neither.
func TestDiskFullSaysNothingWasStored(t *testing.T) {
	f := newFixture(t)
	// A write returns the file's path with the errno; bbolt's fdatasync
	// the bare errno.
	for _, full := range []error{&os.PathError{Op: "write", Path: f.db.Path(), Err: syscall.ENOSPC}, syscall.ENOSPC} {
		err := f.update(func(*txn) error { return full })
		if !errors.Is(err, ErrDiskFull) || !strings.HasPrefix(err.Error(), "store "+f.path+": the disk is full: nothing of this change was stored") || strings.Contains(err.Error(), "\n") {
			t.Errorf("a full disk (%v): %v", full, err)
		}
	}
}

// TestBackupDiskFullIsNotTheStores: a backup whose copy meets a full disk
// names the copy's file, not the store, and speaks of no change.
func TestBackupDiskFullIsNotTheStores(t *testing.T) {
	f := newFixture(t)
	full := &os.PathError{Op: "write", Path: filepath.Join(t.TempDir(), "copy.db"), Err: syscall.ENOSPC}
	_, err := f.copyTo(&failingWriter{room: 2 << 12, err: full}) // past bbolt's meta pages, whose errors it words itself
	if err == nil || errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), "copy.db: no space left on device") {
		t.Errorf("a backup's full disk: %v", err)
	}
}

// failingWriter takes room bytes, then fails every write with err.
type failingWriter struct {
	room int
	err  error
}

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.room {
		return 0, w.err
	}
	w.room -= len(p)
	return len(p), nil
}
