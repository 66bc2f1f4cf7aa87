package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"assessor/review"
)

// TestBackupWhileDeciding copies the store while another goroutine keeps
// claiming, drafting and deciding, then opens the copy: it passes Check,
// and its counts are one moment's (every counter agrees with the records,
// which Check verifies) somewhere between the decisions made before the
// backup started and all of them.
func TestBackupWhileDeciding(t *testing.T) {
	f := newFixture(t)
	const n = 300
	var lines []line
	for i := range n {
		lines = append(lines, submission(fmt.Sprintf("A-%04d", i), "descriptive-feedback", 1,
			t0.Add(-time.Duration(n-i)*time.Minute).Format(time.RFC3339)))
	}
	f.mustImport(lines...)

	started, done := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	var decideErr error
	go func() {
		defer wg.Done()
		defer close(done)
		for i := range n {
			k := key(fmt.Sprintf("A-%04d", i), 1)
			if _, err := f.Claim("rev-a", k); err != nil {
				decideErr = err
				return
			}
			if err := f.SaveDraft("rev-a", k, review.Draft{Levels: map[string]string{"C1": "meets"}}); err != nil {
				decideErr = err
				return
			}
			if _, err := f.Decide("rev-a", k, allMeets, nil); err != nil {
				decideErr = err
				return
			}
			if i == 20 {
				close(started)
			}
		}
	}()
	select { // a failure before the 20th decision ends the goroutine early
	case <-started:
	case <-done:
		t.Fatalf("deciding stopped before the backup: %v", decideErr)
	}
	before := f.counts().Decided
	dst := filepath.Join(t.TempDir(), "backup.db")
	size, err := f.BackupFile(dst, false)
	if err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if decideErr != nil {
		t.Fatal(decideErr)
	}
	if fi, err := os.Stat(dst); err != nil || fi.Size() != size || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v, %v (wrote %d bytes)", fi, err, size)
	}
	if _, err := os.Stat(dst + ".tmp"); !os.IsNotExist(err) {
		t.Errorf("temp file left behind: %v", err)
	}

	cp, err := Open(dst, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if problems, err := cp.Check(); err != nil || len(problems) > 0 {
		t.Fatalf("check of the copy: %v %v", problems, err)
	}
	c, err := cp.Counts()
	if err != nil {
		t.Fatal(err)
	}
	if c.Attempts != n || c.Decided+c.Pending != n || c.Decided < before || c.Decided > n {
		t.Fatalf("copy counts %+v; %d decided when the backup started", c, before)
	}
	t.Logf("copy holds %d of %d decisions (%d when the backup started)", c.Decided, n, before)
}

// TestBackupFileReplacesAtomically: a second backup replaces the first, a
// backup onto the store itself is refused, and a failed one leaves nothing.
func TestBackupFileReplacesAtomically(t *testing.T) {
	f := newFixture(t)
	dst := filepath.Join(t.TempDir(), "b.db")
	if _, err := f.BackupFile(dst, false); err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(dst)
	f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	if _, err := f.BackupFile(dst, false); err != nil {
		t.Fatal(err)
	}
	if second, _ := os.ReadFile(dst); bytes.Equal(first, second) {
		t.Error("second backup did not replace the first")
	}

	storeBytes, _ := os.ReadFile(f.path)
	for _, p := range []string{f.path, filepath.Join(filepath.Dir(f.path), ".", filepath.Base(f.path))} {
		if _, err := f.BackupFile(p, false); !errors.Is(err, ErrBackupOverStore) {
			t.Errorf("backup onto the store %s: %v, want ErrBackupOverStore", p, err)
		}
	}
	if after, _ := os.ReadFile(f.path); !bytes.Equal(storeBytes, after) {
		t.Error("refused backup changed the store")
	}

	missing := filepath.Join(t.TempDir(), "no", "such", "dir", "b.db")
	if _, err := f.BackupFile(missing, false); err == nil || !strings.HasSuffix(err.Error(), "folder "+filepath.Dir(missing)+" does not exist") {
		t.Errorf("backup into a missing directory: %v, want it named (not the temporary file)", err)
	}
	folder := t.TempDir()
	if _, err := f.BackupFile(folder, false); err == nil || !strings.Contains(err.Error(), "it is a folder: name a file in it, such as "+filepath.Join(folder, filepath.Base(f.path))) {
		t.Errorf("backup onto a folder: %v", err)
	}
	if es, _ := os.ReadDir(folder); len(es) != 0 {
		t.Errorf("a refused backup left %v", es)
	}
}

// TestBackupReadOnlyAndClosed: a store opened read-only can be backed up;
// a closed one fails with ErrClosed.
func TestBackupReadOnlyAndClosed(t *testing.T) {
	f := newFixture(t)
	f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	f.Close()
	ro, err := Open(f.path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if n, err := ro.Backup(&buf); err != nil || n != int64(buf.Len()) || n == 0 {
		t.Fatalf("read-only backup: %d bytes, %v", n, err)
	}
	ro.Close()
	if _, err := ro.Backup(&buf); !errors.Is(err, ErrClosed) {
		t.Errorf("backup of a closed store: %v, want ErrClosed", err)
	}
}
