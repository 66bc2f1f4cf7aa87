package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// ErrBackupOverStore means a backup was asked to overwrite the store it
// copies.
var ErrBackupOverStore = errors.New("backup file is the store itself")

// Backup writes a consistent copy of the whole store to w and returns the
// bytes written. The copy is the store as of one moment: it is written
// inside one read transaction, so decisions, drafts and imports committed
// meanwhile by other goroutines are either wholly in it or wholly absent,
// and none of them waits for the backup. The bytes are a complete bbolt
// file: restoring is copying them back over the store file while no
// process has it open.
//
// While the backup runs, a writer that must grow the file (a large import)
// waits for it to finish, as bbolt cannot remap the file under an open read
// transaction. Backup is safe for concurrent use. Over `assessor serve`,
// which holds the store's lock, this is the only way to back up: no other
// process can open the file.
func (s *Store) Backup(w io.Writer) (int64, error) {
	var n int64
	err := s.txError(s.db.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	}))
	if err != nil {
		return n, fmt.Errorf("backup %s: %w", s.path, err)
	}
	return n, nil
}

// BackupFile writes a consistent copy of the store (see Backup) to path,
// atomically: to path+".tmp" first, synced to disk, then renamed over path,
// so path is always either the previous file or a complete backup, even if
// the process dies midway. The file is created 0600, as it holds the
// identity vault. It refuses to overwrite the store itself.
func (s *Store) BackupFile(path string) (int64, error) {
	if same, err := samePath(s.path, path); err != nil {
		return 0, fmt.Errorf("backup to %s: %w", path, err)
	} else if same {
		return 0, fmt.Errorf("backup to %s: %w", path, ErrBackupOverStore)
	}
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	n, err := s.Backup(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return 0, fmt.Errorf("backup to %s: %w", path, err)
	}
	// The rename is durable only once the directory entry is on disk.
	if err := syncDir(filepath.Dir(path)); err != nil {
		return n, fmt.Errorf("backup to %s: %w", path, err)
	}
	return n, nil
}

// samePath reports whether a and b name the same file: the same cleaned
// absolute path, or, when both exist, the same inode (links, bind mounts).
func samePath(a, b string) (bool, error) {
	absA, err := filepath.Abs(a)
	if err != nil {
		return false, err
	}
	absB, err := filepath.Abs(b)
	if err != nil {
		return false, err
	}
	if absA == absB {
		return true, nil
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb), nil
}

// syncDir fsyncs a directory so a rename inside it survives a crash.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
