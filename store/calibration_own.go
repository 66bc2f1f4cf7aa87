package store

import (
	"maps"
	"slices"

	"assessor/review"
)

// An example's answer is known to whoever decided it: they are not offered
// it (exampleState), and it does not count toward their standing, which is
// judged over the examples they may score (examplesFor).

// decidersOf is who made attempt key's decision of record, before a lead
// amended it too, or one of its two reviews.
func (t *txn) decidersOf(key review.AttemptKey) ([]string, error) {
	var who []string
	d, ok, err := t.decision(key)
	if err != nil {
		return nil, err
	}
	if ok {
		who = append(who, d.Reviewer)
	}
	hist, err := t.history(key) // what amendments replaced
	if err != nil {
		return nil, err
	}
	for _, h := range hist {
		who = append(who, h.Decision.Reviewer)
	}
	var two review.DoubleReview
	if ok, err = t.get(bucketDoubleReviews, attemptKey(key), &two); err != nil {
		return nil, err
	}
	if ok {
		who = append(who, two.Reviews[0].Reviewer, two.Reviews[1].Reviewer)
	}
	return who, nil
}

// decidedBy reports whether reviewer is one of decidersOf(key).
func (t *txn) decidedBy(reviewer string, key review.AttemptKey) (bool, error) {
	who, err := t.decidersOf(key)
	return slices.Contains(who, reviewer), err
}

// exampleDeciders is decidersOf each example of exs.
func (t *txn) exampleDeciders(exs map[review.AttemptKey]review.CalibrationExample) (map[review.AttemptKey][]string, error) {
	out := make(map[review.AttemptKey][]string, len(exs))
	for k := range exs {
		who, err := t.decidersOf(k)
		if err != nil {
			return nil, err
		}
		out[k] = who
	}
	return out, nil
}

// withoutOwn is exs without the examples reviewer decided (deciders).
func withoutOwn(exs map[review.AttemptKey]review.CalibrationExample, deciders map[review.AttemptKey][]string, reviewer string) map[review.AttemptKey]review.CalibrationExample {
	out := maps.Clone(exs)
	maps.DeleteFunc(out, func(k review.AttemptKey, _ review.CalibrationExample) bool {
		return slices.Contains(deciders[k], reviewer)
	})
	return out
}

// examplesFor is the examples reviewer may score: exs without their own.
func (t *txn) examplesFor(reviewer string, exs map[review.AttemptKey]review.CalibrationExample) (map[review.AttemptKey]review.CalibrationExample, error) {
	deciders, err := t.exampleDeciders(exs)
	if err != nil {
		return nil, err
	}
	return withoutOwn(exs, deciders, reviewer), nil
}
