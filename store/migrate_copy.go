package store

import (
	bolt "go.etcd.io/bbolt"
)

// rewriteByCopy runs a step that changes every value (m.rewrite) by
// copying the store into a new file beside it, committing every
// compactTxSize bytes, and renaming the copy into place. Done in one
// transaction, bbolt would hold every rewritten page in memory until the
// commit: about 3.4 times the file (a 10k-attempt store of 106 MiB took
// 357 MB), so a 10 GiB store could not be upgraded on a 24 GiB machine.
// The copy holds one chunk. The copy is written exclusively, 0600, given
// the store's mode and owner (replaceFile) and synced before the rename, so a crash leaves the store as it was, at the
// schema before the step, or the new one; never half of one.
func (s *Store) rewriteByCopy(m migration, opt Options) error {
	db, err := s.replaceWithCopy(opt, func(dst *bolt.DB) error {
		if err := copyRewritten(dst, s.db, compactTxSize, m.rewrite); err != nil {
			return err
		}
		return dst.Update(func(tx *bolt.Tx) error { return setSchema(&txn{tx: tx, s: s}, m.to) })
	}, true)
	if err != nil {
		return err
	}
	// The lock held so far is on the old file, which the rename unlinked:
	// go on with the new one, locked since before the rename.
	_ = s.db.Close()
	tuneBatch(db)
	s.db = db
	return nil
}

// copyRewritten copies every bucket of src into dst, nested buckets and
// sequences included, passing each value through rewrite, and commits
// whenever a transaction has taken maxSize bytes: bbolt's Compact, with a
// rewrite.
func copyRewritten(dst, src *bolt.DB, maxSize int64, rewrite func(k, v []byte) []byte) error {
	tx, err := dst.Begin(true)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	var size int64
	// put copies one entry of the bucket at path (top-level name first);
	// a nil v is a nested bucket.
	put := func(path [][]byte, k, v []byte, seq uint64) error {
		if size += int64(len(k) + len(v)); size > maxSize {
			if err := tx.Commit(); err != nil {
				return err
			}
			if tx, err = dst.Begin(true); err != nil {
				return err
			}
			size = int64(len(k) + len(v))
		}
		if len(path) == 0 {
			b, err := tx.CreateBucket(k)
			if err != nil {
				return err
			}
			return b.SetSequence(seq)
		}
		b := tx.Bucket(path[0])
		for _, name := range path[1:] {
			b = b.Bucket(name)
		}
		b.FillPercent = 1.0 // keys arrive in order: fill each page
		if v == nil {
			nb, err := b.CreateBucket(k)
			if err != nil {
				return err
			}
			return nb.SetSequence(seq)
		}
		return b.Put(k, rewrite(k, v))
	}
	var walk func(b *bolt.Bucket, path [][]byte) error
	walk = func(b *bolt.Bucket, path [][]byte) error {
		return b.ForEach(func(k, v []byte) error {
			if v != nil {
				return put(path, k, v, 0)
			}
			nb := b.Bucket(k)
			if err := put(path, k, nil, nb.Sequence()); err != nil {
				return err
			}
			return walk(nb, append(path[:len(path):len(path)], k))
		})
	}
	err = src.View(func(stx *bolt.Tx) error {
		return stx.ForEach(func(name []byte, b *bolt.Bucket) error {
			if err := put(nil, name, nil, b.Sequence()); err != nil {
				return err
			}
			return walk(b, [][]byte{name})
		})
	})
	if err != nil {
		return err
	}
	return tx.Commit()
}
