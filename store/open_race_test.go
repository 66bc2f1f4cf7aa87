package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestOpenAfterStarterRemovedStore: a command that started a store and
// failed removes it (cli's forgetStarted), holding its lock; another that
// waited for that lock then holds the lock of a file no longer at the
// path. It must open the file at the path instead: what it writes would
// be lost with the removed one, after it said "added".
func TestOpenAfterStarterRemovedStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "program.db")
	first, err := Open(path, Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	opened := make(chan *Store)
	go func() {
		s, err := Open(path, Options{Timeout: 5 * time.Second}) // waits for first's lock
		if err != nil {
			t.Error(err)
		}
		opened <- s
	}()
	time.Sleep(200 * time.Millisecond) // waiting for the lock
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	first.Close()
	second := <-opened
	if second == nil {
		t.FailNow()
	}
	if _, err := second.AddRubric(testRubric("descriptive-feedback", 1, 3)); err != nil {
		t.Fatal(err)
	}
	second.Close()
	s, err := Open(path, Options{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		t.Fatalf("the rubric added after the wait is lost: %v", err)
	}
	defer s.Close()
	if _, err := s.Rubric("descriptive-feedback", 1); err != nil {
		t.Errorf("the rubric added after the wait is lost: %v", err)
	}
}

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
