package store

import (
	"errors"
	"os"
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
	full := &os.PathError{Op: "write", Path: f.path, Err: syscall.ENOSPC}
	err := f.update(func(*txn) error { return full })
	if !errors.Is(err, ErrDiskFull) || !strings.HasPrefix(err.Error(), "store "+f.path+": the disk is full: nothing of this change was stored") || strings.Contains(err.Error(), "\n") {
		t.Errorf("a full disk: %v", err)
	}
}
