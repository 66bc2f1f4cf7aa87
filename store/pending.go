package store

import (
	"encoding/binary"
	"fmt"
	"time"

	"assessor/review"
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

// OldestPending lists up to limit pending attempts, oldest submitted
// first (0 or less: no limit): the queue as a reviewer with no conflicts
// sees it, merged with the attempts waiting for a lead, marked Disputed,
// so the longest waits are not left out. It reads at most limit entries
// of each index, never the reviews of a dispute.
func (s *Store) OldestPending(limit int) ([]review.QueueItem, error) {
	var out []review.QueueItem
	err := s.view(func(t *txn) (err error) {
		if out, err = t.queueItems("", "", limit, nil); err != nil {
			return err
		}
		if out, err = t.disputedItems(limit, out); err != nil {
			return err
		}
		review.SortQueue(out)
		if limit > 0 && len(out) > limit {
			out = out[:limit]
		}
		return nil
	})
	return out, err
}

// disputedItems appends to out up to limit attempts waiting for a lead
// (0 or less: all), oldest first, each read without its evidence.
func (t *txn) disputedItems(limit int, out []review.QueueItem) ([]review.QueueItem, error) {
	b := t.bucket(bucketDisputes)
	if b == nil {
		return out, nil
	}
	c, n := b.Cursor(), 0
	for qk, _ := c.First(); qk != nil && (limit <= 0 || n < limit); qk, _ = c.Next() {
		at, k, ok := decodeQueueKey(qk)
		if !ok {
			return out, fmt.Errorf("%w (bad dispute key %q)", ErrCorrupt, qk)
		}
		a, ok, err := t.attemptHead(k)
		if err != nil {
			return out, err
		} else if !ok {
			return out, fmt.Errorf("%w (disputed attempt %s is missing)", ErrCorrupt, k)
		}
		out = append(out, review.QueueItem{Application: k.Application, Attempt: k.Attempt, SubmittedAt: at,
			Pseudonym: a.Pseudonym, Credential: a.Credential, Disputed: true})
		n++
	}
	return out, nil
}
