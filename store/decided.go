package store

import (
	"fmt"

	"assessor/review"
)

// decidedAttempt reads an attempt that has a decision of record, with that
// decision and the rubric version it was scored against: what every lead
// action on a past decision starts from. unlessDecided says, for the
// error, why an undecided attempt will not do.
func (t *txn) decidedAttempt(key review.AttemptKey, unlessDecided string) (review.Attempt, review.Decision, review.Rubric, error) {
	a, ok, err := t.attempt(key)
	if err != nil {
		return a, review.Decision{}, review.Rubric{}, err
	} else if !ok {
		return a, review.Decision{}, review.Rubric{}, fmt.Errorf("attempt %s: %w", key, ErrNotFound)
	}
	d, decided, err := t.decision(key)
	if err != nil {
		return a, d, review.Rubric{}, err
	} else if !decided {
		return a, d, review.Rubric{}, fmt.Errorf("%s: %w: %s", a.Handle(), ErrNotDecided, unlessDecided)
	}
	r, err := t.rubric(a.Credential, a.RubricVersion)
	return a, d, r, err
}
