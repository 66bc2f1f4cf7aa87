package store

import (
	"maps"
	"slices"

	"assessor/review"
)

// An example's answer is known to whoever decided it, and to whoever
// decided a later attempt of its application, reading it as the earlier
// feedback: they are not offered it (exampleState), and it does not count toward their standing, which is
// judged over the examples they may score (scorable): not theirs, and not
// of a candidate they declared a conflict with.

// decidersOf is who made attempt key's decision of record, before a lead
// amended it too, or one of its two reviews; and the same of each later
// attempt of its application, whose reviewer read key's decision as the
// earlier feedback.
func (t *txn) decidersOf(key review.AttemptKey) ([]string, error) {
	app, ok, err := t.application(key.Application)
	if err != nil {
		return nil, err
	}
	last := key.Attempt
	if ok {
		last = max(last, app.Attempts)
	}
	var who []string
	for n := key.Attempt; n <= last; n++ {
		if who, err = t.appendDeciders(who, review.AttemptKey{Application: key.Application, Attempt: n}); err != nil {
			return nil, err
		}
	}
	return who, nil
}

// appendDeciders appends to who those who decided or reviewed attempt key.
func (t *txn) appendDeciders(who []string, key review.AttemptKey) ([]string, error) {
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

// scorable is exs without those g's reviewer may not score: the examples
// they decided (deciders), those of candidates they declared a conflict
// with (rule 7 holds in calibration too), and those with open flags while
// the policy holds them back (flags_policy.go); withheld is how many it
// left out.
func (g *gate) scorable(exs map[review.AttemptKey]review.CalibrationExample, deciders map[review.AttemptKey][]string) (theirs map[review.AttemptKey]review.CalibrationExample, withheld int, err error) {
	held, err := g.flagsHeld()
	if err != nil {
		return nil, 0, err
	}
	theirs = maps.Clone(exs)
	for k := range exs {
		conflicted, err := g.conflicted(k.Application)
		if err != nil {
			return nil, 0, err
		}
		if conflicted || slices.Contains(deciders[k], g.actor.ID) || held && g.t.flagsOpen(k) {
			delete(theirs, k)
		}
	}
	return theirs, len(exs) - len(theirs), nil
}

// examplesFor is scorable, the deciders read here.
func (g *gate) examplesFor(exs map[review.AttemptKey]review.CalibrationExample) (map[review.AttemptKey]review.CalibrationExample, int, error) {
	deciders, err := g.t.exampleDeciders(exs)
	if err != nil {
		return nil, 0, err
	}
	return g.scorable(exs, deciders)
}
