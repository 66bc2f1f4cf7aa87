package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"syscall"
)

// upgradeBackupPath is where migrate backs up a store of schema old at
// path: the first of BackupPath (PATH.v<old>.bak), PATH.v<old>.1.bak,
// PATH.v<old>.2.bak, … that does not exist, so that no upgrade overwrites
// the backup an earlier one left. The caller holds the store's lock: no
// other upgrade of it can take the same name meanwhile.
func upgradeBackupPath(path string, old int) string {
	p := BackupPath(path, old)
	for i := 1; ; i++ {
		if _, err := os.Lstat(p); err != nil {
			return p // missing (or unreadable: the backup then fails saying so)
		}
		p = path + ".v" + strconv.Itoa(old) + "." + strconv.Itoa(i) + ".bak"
	}
}

// undoUpgrade is the error of an upgrade from schema from whose step m
// failed with err, after putting the backup bak back over the store when
// an earlier step (or m's copy) had changed it, so that the store is as it
// was: a store left between schemas is refused by this build as old and by
// the old build as new. It closes the store, which Open then discards.
//
// The backup goes back while the lock on the changed file is still held,
// as compact replaces a file: a process waiting for the lock then opens
// the restored file (Open's replaced check); closing first would let it
// lock the half-upgraded one and start upgrading it.
func (s *Store) undoUpgrade(from int, m migration, err error, bak string, changed bool) error {
	defer s.db.Close()
	var p *pageError
	if errors.As(err, &p) {
		err = fmt.Errorf("%w (%s)", ErrCorrupt, p.msg) // as guard says it
	}
	if changed {
		rerr := s.restoreBackup(bak)
		if errors.Is(rerr, syscall.ENOSPC) {
			rerr = s.restoreInPlace(bak)
		}
		if rerr != nil {
			return fmt.Errorf("upgrade store %s to schema %d (%s): %w; putting the backup back failed too (%v): the store is between schemas: copy %s over it", s.path, m.to, m.what, err, rerr, bak)
		}
	}
	return fmt.Errorf("upgrade store %s to schema %d (%s): %w; the store is unchanged (schema %d), its backup is in %s", s.path, m.to, m.what, err, from, bak)
}

// restoreBackup copies bak over the store (replaceFile: beside it, synced,
// renamed over it, with the store's mode and owner).
func (s *Store) restoreBackup(bak string) error {
	return replaceFile(s.path, func(f *os.File) error { return copyInto(f, bak) })
}

// restoreInPlace puts bak back for a full disk, where restoreBackup's
// copy beside the store found no room: it writes bak's bytes over the
// store's file only where they differ, a page at a time, and cuts the
// file to bak's length. The pages that differ are those the upgrade
// wrote, which the file holds already, so (on a file system that
// overwrites in place) nothing new is taken from the disk. It is not
// atomic as a rename is: killed meanwhile, the file is torn, and the
// error names the backup to copy over it.
func (s *Store) restoreInPlace(bak string) error {
	src, err := os.Open(bak)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(s.path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer dst.Close()
	const page = 4096
	want, have := make([]byte, 64*page), make([]byte, 64*page)
	var off int64
	for {
		n, rerr := io.ReadFull(src, want)
		m, err := dst.ReadAt(have[:n], off)
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		for i := 0; i < n; i += page {
			j := min(i+page, n)
			if j > m || !bytes.Equal(want[i:j], have[i:j]) {
				if _, err := dst.WriteAt(want[i:j], off+int64(i)); err != nil {
					return err
				}
			}
		}
		off += int64(n)
		if errors.Is(rerr, io.EOF) || errors.Is(rerr, io.ErrUnexpectedEOF) {
			break
		}
		if rerr != nil {
			return rerr
		}
	}
	if err := dst.Truncate(off); err != nil {
		return err
	}
	return dst.Sync()
}

// copyInto copies the file at path into f, byte for byte.
func copyInto(f *os.File, path string) error {
	src, err := os.Open(path)
	if err != nil {
		return err
	}
	defer src.Close()
	_, err = io.Copy(f, src)
	return err
}

// backupBeforeUpgrade copies the store's file to bak byte for byte
// (writeAtomic: 0600, never half written) and checks the copy as backup
// does. Open holds the store's exclusive lock and has written nothing
// yet, so the file is the store as it is; byte for byte, rather than
// bbolt's copy (which writes its own meta pages), so that a failed upgrade
// puts back exactly the file it found.
func (s *Store) backupBeforeUpgrade(bak string) error {
	return writeAtomic(bak, func(f *os.File) error {
		if err := copyInto(f, s.path); err != nil {
			return err
		}
		// As backup checks its copy, less part of its advice: backup
		// --force refuses a store of an older schema too. The command
		// that runs upgrade names the store in it (review.RewordHere).
		return s.verifyCopy(f.Name(), advice{check: "check"})
	})
}
