package store

import (
	"encoding/binary"
	"fmt"
	"time"

	"assessor/review"
)

// Active review time (review.Activity): a claim and each draft save note
// an action on the attempt; the decision notes the last and files the
// reviewer's active time under the attempt and reviewer in
// bucketReviewTimes, where the report's consistency section reads it.
// Decisions imported from elsewhere have none.

// DefaultActiveFloor is the active time under which a decision is flagged
// for a second look, unless configured.
const DefaultActiveFloor = 3 * time.Minute

// noteActivity records an action by reviewer on k at now.
func (t *txn) noteActivity(k review.AttemptKey, reviewer string, now time.Time) error {
	b, err := t.createBucket(bucketActivity)
	if err != nil {
		return err
	}
	var a review.Activity
	if _, err := getJSON(b, attemptKey(k), &a); err != nil {
		return err
	}
	return putJSON(b, attemptKey(k), a.Note(reviewer, now))
}

// finishActivity notes the decision and files the active time.
func (t *txn) finishActivity(k review.AttemptKey, reviewer string, now time.Time) error {
	b := t.bucket(bucketActivity)
	if b == nil {
		return nil // claimed before activity was kept
	}
	var a review.Activity
	if ok, err := getJSON(b, attemptKey(k), &a); err != nil || !ok || a.Reviewer != reviewer {
		return err
	}
	a = a.Note(reviewer, now)
	if err := b.Delete(attemptKey(k)); err != nil {
		return err
	}
	times, err := t.createBucket(bucketReviewTimes)
	if err != nil {
		return err
	}
	return times.Put(reviewTimeKey(k, reviewer), binary.BigEndian.AppendUint64(nil, uint64(a.Active)))
}

func reviewTimeKey(k review.AttemptKey, reviewer string) []byte {
	return append(append(attemptKey(k), sep), reviewer...)
}

// reviewTime returns the active time of reviewer's review of k, if filed.
func (t *txn) reviewTime(k review.AttemptKey, reviewer string) (*time.Duration, error) {
	b := t.bucket(bucketReviewTimes)
	if b == nil {
		return nil, nil
	}
	v := b.Get(reviewTimeKey(k, reviewer))
	if v == nil {
		return nil, nil
	}
	if len(v) != 8 {
		return nil, fmt.Errorf("%w (bad review time of %s)", ErrCorrupt, k)
	}
	d := time.Duration(binary.BigEndian.Uint64(v))
	return &d, nil
}

// SetActiveFloor sets the active time under which decisions are flagged.
func (s *Store) SetActiveFloor(d time.Duration) error {
	if err := review.CheckActiveFloor(d); err != nil {
		return fmt.Errorf("config consistency: %w", err) // as SetSecondReviewRate says it
	}
	return s.update(func(t *txn) error { return t.putConfig(keyActiveFloor, d) })
}

// ActiveFloor returns the floor, DefaultActiveFloor unless set.
func (s *Store) ActiveFloor() (time.Duration, error) {
	var d time.Duration
	err := s.view(func(t *txn) (err error) { d, err = t.activeFloor(); return err })
	return d, err
}

func (t *txn) activeFloor() (time.Duration, error) {
	d := DefaultActiveFloor
	_, err := t.config(keyActiveFloor, &d)
	return d, err
}
