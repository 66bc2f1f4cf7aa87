//go:build unix

package store

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// deadPID is the id of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skipf("cannot run true: %v", err)
	}
	return cmd.Process.Pid
}

// TestRemoveStaleBackups: a backup killed midway leaves its temporary file,
// a whole copy of the store, beside the backup; the next backup to that
// file removes it. It leaves a file whose writer still runs, a link, the
// names of other files and temporary files that name no writer (a
// compact's or an upgrade's of a store kept in that folder).
func TestRemoveStaleBackups(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "b.db")
	dead := deadPID(t)
	write := func(name string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("copy"), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	killed := write(fmt.Sprintf(".b.db.p%d-123.tmp", dead))
	kept := []string{
		write(fmt.Sprintf(".b.db.p%d-456.tmp", os.Getpid())),
		write(".b.db.789.tmp"),
		write(fmt.Sprintf(".c.db.p%d-123.tmp", dead)),
	}
	link := filepath.Join(dir, fmt.Sprintf(".b.db.p%d-321.tmp", dead))
	if err := os.Symlink(kept[2], link); err != nil {
		t.Fatal(err)
	}
	if n := RemoveStaleBackups(target); n != 1 {
		t.Errorf("removed %d, want 1", n)
	}
	if _, err := os.Stat(killed); !os.IsNotExist(err) {
		t.Errorf("the killed backup's file is still there (%v)", err)
	}
	for _, p := range append(kept, link) {
		if _, err := os.Lstat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
}

// TestBackupNamesItsWriter: a backup's temporary file names the process
// writing it, so a sweep while it writes leaves it alone.
func TestBackupNamesItsWriter(t *testing.T) {
	target := filepath.Join(t.TempDir(), "b.db")
	err := writeAtomicAs(target, backupTemp(target), func(f *os.File) error {
		if want := fmt.Sprintf(".b.db.p%d-", os.Getpid()); !strings.HasPrefix(filepath.Base(f.Name()), want) {
			t.Errorf("temporary file %s, want it to start %s", f.Name(), want)
		}
		if n := RemoveStaleBackups(target); n != 0 {
			t.Errorf("a sweep removed %d files while the backup wrote", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
