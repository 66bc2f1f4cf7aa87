package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestStartedDecidedUnderLock: a store another process started, wrote to
// and closed while this one waited for its lock was not started by this
// one, though there was no file when it began to open: a failure of this
// command must not remove it (Started).
func TestStartedDecidedUnderLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "program.db")
	first, err := Open(path, Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if !first.Started() {
		t.Errorf("the open that laid the store out: Started false")
	}
	opened := make(chan *Store)
	go func() {
		s, err := Open(path, Options{Timeout: 5 * time.Second})
		if err != nil {
			t.Error(err)
		}
		opened <- s
	}()
	time.Sleep(200 * time.Millisecond)
	if _, err := first.AddRubric(testRubric("descriptive-feedback", 1, 3)); err != nil {
		t.Fatal(err)
	}
	first.Close()
	second := <-opened
	if second == nil {
		t.FailNow()
	}
	defer second.Close()
	if second.Started() {
		t.Errorf("an open that found the store laid out by another: Started true")
	}
}

// TestOpenOfRemovedStoreFails: an open that found a store and waited for
// its lock, while a command that had started it failed and removed it,
// fails in one line. What it wrote to the removed file would be lost
// (a rubric reported "added" and gone), and an empty store started in its
// place would be reported on as if it were the one it named.
func TestOpenOfRemovedStoreFails(t *testing.T) {
	path := filepath.Join(t.TempDir(), "program.db")
	first, err := Open(path, Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		s, err := Open(path, Options{Timeout: 5 * time.Second})
		if err == nil {
			s.Close()
		}
		done <- err
	}()
	time.Sleep(200 * time.Millisecond) // waiting for first's lock
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	first.Close()
	err = <-done
	if _, serr := os.Stat(path); err == nil || !strings.Contains(err.Error(), "removed while") || serr == nil {
		t.Errorf("open of a store removed while it waited: %v; a store at the path: %v", err, serr == nil)
	}
}
