package store

import (
	"fmt"

	"assessor/review"
)

// decidedAttempt reads what every lead action on a past decision starts
// from: the attempt, its decision of record (nil while pending) and, when
// decided, the rubric version it was scored against. An unknown attempt
// wraps ErrNotFound; review.RequireDecided says whether a pending one will
// do.
func (t *txn) decidedAttempt(key review.AttemptKey) (review.Attempt, *review.Decision, review.Rubric, error) {
	a, ok, err := t.attempt(key)
	if err != nil {
		return a, nil, review.Rubric{}, err
	} else if !ok {
		return a, nil, review.Rubric{}, fmt.Errorf("attempt %s: %w", key, ErrNotFound)
	}
	d, decided, err := t.decision(key)
	if err != nil || !decided {
		return a, nil, review.Rubric{}, err
	}
	r, err := t.rubric(a.Credential, a.RubricVersion)
	return a, &d, r, err
}
