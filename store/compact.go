package store

import (
	"fmt"
	"os"

	bolt "go.etcd.io/bbolt"
)

// compactTxSize is how many bytes of keys and values Compact copies per
// transaction of the new file: bbolt's own tool uses 64 KiB; larger
// commits mean fewer fsyncs for a store of gigabytes.
const compactTxSize = 64 << 20

// Compact rewrites the store at path into a fresh file with bbolt's own
// Compact (every key once, pages full, no free pages) and renames it into
// place, returning the file's size before and after. A large import leaves
// thousands of free pages whose list every later commit rewrites
// (docs/PERFORMANCE.md); a compacted store commits without them.
//
// It holds the store's lock throughout (opt.Timeout, as Open), so it runs
// only while nothing else has the store open, and it refuses a store that
// fails bbolt's consistency check. The new file is written beside the old
// one (exclusive, 0600; a symlink's target is the file replaced, the link
// stays), given the old one's mode and owner (replaceFile) and synced
// before the rename, so a crash leaves the old store or
// the new one, never half of one. A process that was waiting for the lock
// when the file was replaced opens the new file (Open checks that the file
// it locked is still the one at path).
func Compact(path string, opt Options) (before, after int64, err error) {
	s, err := Open(path, opt)
	if err != nil {
		return 0, 0, err
	}
	defer s.Close()
	if opt.ReadOnly {
		return 0, 0, fmt.Errorf("compact %s: %w", path, ErrReadOnly)
	}
	if err := s.verify(); err != nil {
		return 0, 0, err
	}
	if fi, err := os.Stat(path); err == nil {
		before = fi.Size()
	}
	_, err = s.replaceWithCopy(opt, func(dst *bolt.DB) error { return bolt.Compact(dst, s.db, compactTxSize) }, false)
	if err != nil {
		return before, 0, fmt.Errorf("compact %s: %w", path, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return before, 0, fmt.Errorf("compact %s: %w", path, err)
	}
	return before, fi.Size(), nil
}

// replaceWithCopy writes a new store file beside the store (exclusive,
// 0600; beside a symlink's target, replaceFile), lets fill copy the store
// into it as a bbolt database, syncs it and renames it over the store: a
// crash leaves the old file or the new one.
// fill runs under guard, so a damaged page it reads is an error. The store
// keeps its handle on the old file. With reopen set, it returns the new
// file opened as the store is (openBolt), its lock taken before the
// rename made it the store: closed and opened again after, another
// process could take the store in between, half upgraded, and the caller
// would go on writing a file with no name. bbolt knows it by the
// temporary name (DB.Path), which nothing that reads the store's file
// by name may use.
func (s *Store) replaceWithCopy(opt Options, fill func(dst *bolt.DB) error, reopen bool) (held *bolt.DB, err error) {
	err = replaceFile(s.path, func(f *os.File) error {
		// No sync per commit: writeAtomic syncs the whole file once.
		dst, err := bolt.Open(f.Name(), 0o600, &bolt.Options{Timeout: opt.Timeout, NoSync: true})
		if err != nil {
			return err
		}
		err = s.guard(func() error { return fill(dst) })
		if cerr := dst.Close(); err == nil {
			err = cerr
		}
		if err == nil && reopen {
			held, _, err = openBolt(f.Name(), opt)
		}
		return err
	})
	if err != nil && held != nil {
		_ = held.Close()
		held = nil
	}
	return held, err
}

// fileID is the identity of the file at path (nil when missing), to tell
// whether Compact replaced it while Open waited for the lock.
func fileID(path string) os.FileInfo {
	fi, err := os.Stat(path)
	if err != nil {
		return nil
	}
	return fi
}

// replaced reports whether the file at path is no longer was (nil: none
// was seen): another took its name, as Compact renames a new store over
// it, or none has it.
func replaced(path string, was os.FileInfo) bool {
	now := fileID(path)
	return was != nil && (now == nil || !os.SameFile(was, now))
}
