package store

import (
	"fmt"

	"assessor/review"
)

// ErrFlagsOpen is review.ErrFlagsOpen: a lead must first work the
// attempt's open flags (the policy require-worked).
var ErrFlagsOpen = review.ErrFlagsOpen

// heldAside is a draft save refused the lease while the draft is kept:
// err says why (ErrFlagsOpen), and it is review.ErrDraftAside too, which
// screens read as "kept, without the attempt".
type heldAside struct{ err error }

func (e heldAside) Error() string   { return e.err.Error() + "; your draft is kept" }
func (e heldAside) Unwrap() []error { return []error{e.err, review.ErrDraftAside} }

// SetRequireFlagsWorked turns on or off the policy that holds an attempt
// with open flags back from reviewers (not leads or admins): Next passes
// it by and Claim refuses it until a lead has redacted or cleared every
// flag (assessor leaks). The queue still lists it, with its ⚑ count.
func (s *Store) SetRequireFlagsWorked(on bool) error {
	return s.update(func(t *txn) error { return t.putConfig(keyFlagsWorked, on) })
}

// RequireFlagsWorked reports the policy; off unless set.
func (s *Store) RequireFlagsWorked() (bool, error) {
	var on bool
	err := s.view(func(t *txn) (err error) { _, err = t.config(keyFlagsWorked, &on); return err })
	return on, err
}

// flagsHeld reports whether the policy holds attempts with open flags back
// from the gate's actor.
func (g *gate) flagsHeld() (bool, error) {
	if g.actor.Who.CanLead() {
		return false, nil
	}
	var on bool
	_, err := g.t.config(keyFlagsWorked, &on)
	return on, err
}

// flagsWorked fails with ErrFlagsOpen when the policy holds attempt k
// back: it, or an earlier attempt of its application, has open flags. It
// decodes the flagged attempt, for its handle, only when it is held.
func (g *gate) flagsWorked(k review.AttemptKey) error {
	held, err := g.flagsHeld()
	if err != nil || !held {
		return err
	}
	flagged, ok := g.t.flagsOpenThrough(k)
	if !ok {
		return nil
	}
	a, _, err := g.t.attempt(flagged)
	if err != nil {
		return err
	}
	return fmt.Errorf("%s: %w", a.Handle(), ErrFlagsOpen)
}

// flagsOpen reports whether attempt k has open flags: the leak index
// lists it (flags.go), read without decoding the attempt.
func (t *txn) flagsOpen(k review.AttemptKey) bool {
	b := t.bucket(bucketLeakIndex)
	return b != nil && b.Get(attemptKey(k)) != nil
}

// flagsOpenThrough returns the first attempt of k's application, up to k,
// with open flags: a reviewer of k reads the earlier attempts too (the
// resubmission's diff, the history, their files).
func (t *txn) flagsOpenThrough(k review.AttemptKey) (review.AttemptKey, bool) {
	for n := 1; n <= k.Attempt; n++ {
		if e := (review.AttemptKey{Application: k.Application, Attempt: n}); t.flagsOpen(e) {
			return e, true
		}
	}
	return review.AttemptKey{}, false
}
