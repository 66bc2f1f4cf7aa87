package store

import (
	"errors"
	"fmt"

	"assessor/review"
)

// ErrFlagsOpen means the program requires a lead to work an attempt's
// flags before a reviewer claims it, and some are still open.
var ErrFlagsOpen = errors.New("a lead must first work its possible identifying details (assessor leaks)")

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
// back. It decodes the attempt (its flags are kept with the evidence) only
// when the policy holds attempts back from the gate's actor.
func (g *gate) flagsWorked(k review.AttemptKey) error {
	held, err := g.flagsHeld()
	if err != nil || !held {
		return err
	}
	a, _, err := g.t.attempt(k)
	if err != nil || len(a.Leaks) == 0 {
		return err
	}
	return fmt.Errorf("%s: %w", a.Handle(), ErrFlagsOpen)
}
