package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"assessor/review"
)

// Consistency returns the report's reviewer consistency section
// (review.ReviewerConsistency) over the decisions of record on the
// applications whose attempt 1 was submitted in [since, until), zero
// bounds meaning none, with the configured active-time floor. It reads
// each covered application and its decisions in one read transaction.
func (s *Store) Consistency(since, until time.Time) (review.Consistency, error) {
	var c review.Consistency
	err := s.view(func(t *txn) error {
		floor, err := t.activeFloor()
		if err != nil {
			return err
		}
		var ds []review.ConsistencyDecision
		each := func(id string) error {
			var app review.Application
			if ok, err := t.get(bucketApplications, []byte(id), &app); err != nil || !ok {
				return err
			}
			prefix := idPrefix(id)
			cur := t.bucket(bucketDecisions).Cursor()
			for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
				var d struct {
					Attempt   int            `json:"attempt"`
					Reviewer  string         `json:"reviewer"`
					DecidedAt time.Time      `json:"decided_at"`
					Outcome   review.Outcome `json:"outcome"`
				}
				if err := json.Unmarshal(v, &d); err != nil {
					return fmt.Errorf("%w (bad decision %q: %v)", ErrCorrupt, k, err)
				}
				key := review.AttemptKey{Application: id, Attempt: d.Attempt}
				active, err := t.reviewTime(key, d.Reviewer)
				if err != nil {
					return err
				}
				ds = append(ds, review.ConsistencyDecision{
					Handle:   review.QueueItem{Pseudonym: app.Pseudonym, Attempt: d.Attempt}.Handle(),
					Reviewer: d.Reviewer, Credential: app.Credential, Attempt: d.Attempt,
					Pass: d.Outcome == review.Pass, DecidedAt: d.DecidedAt, Active: active,
				})
			}
			return nil
		}
		if err := t.coveredApplications(since, until, each); err != nil {
			return err
		}
		c = review.ReviewerConsistency(ds, floor)
		return nil
	})
	if err != nil {
		return review.Consistency{}, fmt.Errorf("report consistency: %w", err)
	}
	return c, nil
}
