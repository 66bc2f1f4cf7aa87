//go:build unix

package store

import (
	"os"
	"path/filepath"
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
