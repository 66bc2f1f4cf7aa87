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
// one (exclusive, 0600) and synced before the rename, so a crash leaves the
// old store or the new one, never half of one. A process that was waiting
// for the lock when the file was replaced opens the new file (Open checks
// that the file it locked is still the one at path).
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
	err = writeAtomic(path, func(f *os.File) error {
		dst, err := bolt.Open(f.Name(), 0o600, &bolt.Options{Timeout: opt.Timeout})
		if err != nil {
			return err
		}
		err = s.guard(func() error { return bolt.Compact(dst, s.db, compactTxSize) })
		if cerr := dst.Close(); err == nil {
			err = cerr
		}
		return err
	})
	if err != nil {
		return before, 0, fmt.Errorf("compact %s: %w", path, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return before, 0, fmt.Errorf("compact %s: %w", path, err)
	}
	return before, fi.Size(), nil
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

// replaced reports whether the file at path is no longer the one seen
// before opening it (was): then the lock just taken is on a file Compact
// has renamed a new store over.
func replaced(path string, was os.FileInfo) bool {
	now := fileID(path)
	return was != nil && (now == nil || !os.SameFile(was, now))
}
