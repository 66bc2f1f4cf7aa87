//go:build unix

package store

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

// owner is the uid and gid of the file fi describes.
func owner(fi os.FileInfo) (uid, gid int) {
	st := fi.Sys().(*syscall.Stat_t)
	return int(st.Uid), int(st.Gid)
}

// TestReplaceKeepsOwner: compact and the upgrade's copy step give the new
// store file the old one's mode (0640 here) and, when run as root, its
// owner and group (nobody's here), so the service user that owns the store
// can still open it; the backup before the upgrade stays 0600.
func TestReplaceKeepsOwner(t *testing.T) {
	root := os.Geteuid() == 0
	for _, rw := range rewrites {
		t.Run(rw.name, func(t *testing.T) {
			path := fixtureFor(t, rw.name)
			if err := os.Chmod(path, 0o640); err != nil {
				t.Fatal(err)
			}
			if root {
				if err := os.Chown(path, 65534, 65534); err != nil {
					t.Fatal(err)
				}
			}
			was, _ := os.Stat(path)
			if err := rw.run(path); err != nil {
				t.Fatal(err)
			}
			now, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if os.SameFile(was, now) {
				t.Fatalf("%s did not rewrite the file", rw.name)
			}
			if now.Mode().Perm() != 0o640 {
				t.Errorf("mode %v after %s, want 0640", now.Mode().Perm(), rw.name)
			}
			if uid, gid := owner(now); root && (uid != 65534 || gid != 65534) {
				t.Errorf("owner %d:%d after %s, want 65534:65534", uid, gid, rw.name)
			}
			if rw.name == "upgrade" {
				if fi, err := os.Stat(BackupPath(path, 4)); err != nil || fi.Mode().Perm() != 0o600 {
					t.Errorf("backup: %v %v, want 0600", fi, err)
				}
			}
			noTemps(t, filepath.Dir(path))
		})
	}
}

// TestExposedStoreSaysSo: a store file others may read or change (a copy or
// restore made 0644) says so in one line as it opens, where it was used
// without a word: whoever reads it holds the identity vault. One of 0600
// says nothing.
func TestExposedStoreSaysSo(t *testing.T) {
	f := newFixture(t)
	f.Close()
	f.Store = nil
	for _, mode := range []os.FileMode{0o600, 0o644, 0o660, 0o611} {
		if err := os.Chmod(f.path, mode); err != nil {
			t.Fatal(err)
		}
		var said []string
		opt := f.options()
		opt.Notify = func(line string) { said = append(said, line) }
		s, err := Open(f.path, opt)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		want := []string(nil)
		if mode&0o066 != 0 { // 0611: no one else may read or change it
			want = []string{"store " + f.path + " may be read or changed by others (" + fmt.Sprintf("%04o", mode) + "): it holds the identity vault; chmod 600 it"}
		}
		if !slices.Equal(said, want) {
			t.Errorf("a store of mode %04o said %q, want %q", mode, said, want)
		}
	}
}
