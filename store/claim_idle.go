package store

import (
	"slices"
	"time"
)

// ReleaseIdleClaims ends every live claim on which its reviewer has stored
// nothing (no draft) and returns how many it ended. serve calls it as it
// starts, when no session holds a claim: the attempt opened for a reviewer
// after their decision is given back when they quit or serve stops
// gracefully, but one a crashed server left would keep the attempt from
// everyone for up to review.LeaseDuration. A claim with a draft stays to
// its time, for its reviewer to come back to.
func (s *Store) ReleaseIdleClaims() (int, error) {
	n := 0
	err := s.update(func(t *txn) error {
		drafts, now := t.bucket(bucketDrafts), t.s.clock()
		var err error
		n, err = t.deleteLeases(func(k []byte, who string, expires time.Time) bool {
			key, ok := decodeAttemptKey(k)
			return ok && expires.After(now) && (drafts == nil || drafts.Get(draftKey(key, who)) == nil)
		})
		return err
	})
	return n, err
}

// deleteLeases deletes every lease (attempt key k, its reviewer and when
// it expires, live or not) that pick picks, and returns how many.
func (t *txn) deleteLeases(pick func(k []byte, reviewer string, expires time.Time) bool) (int, error) {
	b := t.bucket(bucketLeases)
	if b == nil {
		return 0, nil
	}
	var picked [][]byte
	err := b.ForEach(func(k, v []byte) error {
		if who, expires, ok := decodeLease(v); ok && pick(k, who, expires) {
			picked = append(picked, slices.Clone(k))
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	// Deleted after the walk: bbolt's ForEach must not see its bucket change.
	for _, k := range picked {
		if err := b.Delete(k); err != nil {
			return 0, err
		}
	}
	return len(picked), nil
}
