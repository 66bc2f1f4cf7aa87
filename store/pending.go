package store

import (
	"encoding/binary"
	"time"
)

// PendingBefore counts the pending attempts submitted before t: how many
// have waited longer than a promise, however many there are. Those in the
// queue and those whose two reviews disagree, which left the queue to
// wait for a lead, both wait; each index is kept oldest first, so it
// reads only those.
func (s *Store) PendingBefore(t time.Time) (int64, error) {
	var n int64
	err := s.view(func(tx *txn) error {
		end := uint64(t.UnixNano())
		for _, name := range []string{bucketQueue, bucketDisputes} {
			b := tx.bucket(name)
			if b == nil {
				continue
			}
			c := b.Cursor()
			for k, _ := c.First(); k != nil && len(k) >= 8 && binary.BigEndian.Uint64(k) < end; k, _ = c.Next() {
				n++
			}
		}
		return nil
	})
	return n, err
}
