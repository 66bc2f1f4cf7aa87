//go:build unix

package store

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOpenStoreWithNonUTF8Name: a store file whose name is not UTF-8 (a
// Latin-1 file name on a Unix file system, which holds any bytes) opens as
// any other does, or fails in one line; the open never panics. The
// leftovers' pattern is built from the file's name (leftoverName), and
// regexp refuses invalid UTF-8 in a pattern: every read-write open of such
// a store panicked, the one that creates it included.
func TestOpenStoreWithNonUTF8Name(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pr\xfcfung.db") // "prüfung" in Latin-1
	var s *Store
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("Open(%q) panicked: %v", path, r)
			}
		}()
		s, err = Open(path, Options{Timeout: 100 * time.Millisecond})
	}()
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	s.Close()
}

// TestRemoveStaleBackupsNonUTF8Name: `assessor backup DEST` sweeps a killed
// backup's temporary files beside DEST by a pattern built from DEST's
// name; a DEST that is not UTF-8 must not panic the command.
func TestRemoveStaleBackupsNonUTF8Name(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "sauvegarde-\xe9t\xe9.db") // Latin-1 "été"
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("RemoveStaleBackups(%q) panicked: %v", dest, r)
		}
	}()
	if n := RemoveStaleBackups(dest); n != 0 {
		t.Errorf("removed %d, want 0", n)
	}
}

// TestBackupFileRefusesAFifo: a backup's destination that is not a
// regular file (a named pipe, or a device such as /dev/null run as root)
// is refused, as a folder is, and left as it was: the rename would put a
// regular file holding the identity vault in its place (root's
// `assessor backup /dev/null` replaces the system's /dev/null).
func TestBackupFileRefusesAFifo(t *testing.T) {
	f := newFixture(t)
	dst := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(dst, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := f.BackupFile(dst, false)
	fi, lerr := os.Lstat(dst)
	if lerr != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("backup to a named pipe: %v; the pipe is now %v %v, want it left a named pipe", err, fi.Mode(), lerr)
	}
	if err == nil || !strings.Contains(err.Error(), dst) {
		t.Errorf("backup to a named pipe: err %v, want a one-line refusal naming %s", err, dst)
	}
}
