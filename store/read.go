package store

import (
	"fmt"

	"assessor/review"
)

// Counts are running totals kept in the same transaction as each change, so
// reading them costs the same at any size.
type Counts struct {
	Applications int // applications imported
	Attempts     int // attempts imported
	Pending      int // attempts awaiting a decision
	Decided      int // attempts with a decision of record
}

// Counts returns the running totals.
func (s *Store) Counts() (Counts, error) {
	var c Counts
	err := s.view(func(t *txn) error {
		c = Counts{
			Applications: t.counter(keyApplications),
			Attempts:     t.counter(keyAttempts),
			Pending:      t.counter(keyPending),
			Decided:      t.counter(keyDecided),
		}
		return nil
	})
	return c, err
}

// Attempt returns an attempt as reviewers see it, without identity; an
// unknown key wraps ErrNotFound.
func (s *Store) Attempt(key review.AttemptKey) (review.Attempt, error) {
	var a review.Attempt
	err := s.view(func(t *txn) error {
		var ok bool
		var err error
		if a, ok, err = t.attempt(key); err == nil && !ok {
			err = fmt.Errorf("attempt %s: %w", key, ErrNotFound)
		}
		return err
	})
	return a, err
}

// Application returns an application; an unknown id wraps ErrNotFound.
func (s *Store) Application(id string) (review.Application, error) {
	var a review.Application
	err := s.view(func(t *txn) error {
		var ok bool
		var err error
		if a, ok, err = t.application(id); err == nil && !ok {
			err = fmt.Errorf("application %s: %w", id, ErrNotFound)
		}
		return err
	})
	return a, err
}

// Decision returns the decision of record on an attempt, and false when it
// has none.
func (s *Store) Decision(key review.AttemptKey) (review.Decision, bool, error) {
	var d review.Decision
	var ok bool
	err := s.view(func(t *txn) (err error) {
		d, ok, err = t.decision(key)
		return err
	})
	return d, ok, err
}

// Draft returns the reviewer's draft on an attempt, and false when there is
// none.
func (s *Store) Draft(reviewer string, key review.AttemptKey) (review.Draft, bool, error) {
	var d review.Draft
	var ok bool
	err := s.view(func(t *txn) (err error) {
		d, ok, err = t.draft(key, reviewer)
		return err
	})
	return d, ok, err
}

// There is deliberately no exported vault read here: the identity behind an
// application leaves the store only through Reveal (audit.go), which checks
// the lead's role and writes the audit record in the same transaction.
