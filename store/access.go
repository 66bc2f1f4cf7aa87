package store

import (
	"fmt"

	"assessor/review"
)

// gate reads, inside one transaction, what the access rules of review
// (review/access.go) need about one reviewer and the attempts they ask
// for; the rules themselves decide.
type gate struct {
	t      *txn
	actor  review.Actor
	cal    bool       // actor.Calibration is loaded
	keyBuf []byte     // hasDraft's key, reused row after row
	walk   *leaseWalk // the leases read whole for a listing under way (lease_walk.go)
}

// gate loads the reviewer's profile (conflicts, role). An unknown reviewer
// has none; under RegisteredOnly they are refused, as is one with no key
// left, and the gate returned still holds what was read.
func (t *txn) gate(reviewer string) (*gate, error) {
	g := &gate{t: t, actor: review.Actor{ID: reviewer, Now: t.s.clock()}}
	if reviewer == "" {
		return g, nil
	}
	if !review.ValidID(reviewer) {
		// Never on a claim, draft or decision of record: no one can be
		// registered so, and every report names reviewers by id.
		return g, fmt.Errorf("reviewer id %q: %w: %w", reviewer, ErrInvalid, review.ErrBadID)
	}
	var err error
	var listed bool
	g.actor.Who, listed, err = t.reviewer(reviewer)
	switch {
	case err != nil || !t.s.registeredOnly.Load():
	case !listed:
		// Read in the transaction that would write: a save or claim on
		// its way as an admin removed the reviewer must not take the
		// attempt back after the removal released it.
		err = fmt.Errorf("reviewer %s: %w (an admin removed them)", reviewer, ErrNotRegistered)
	case len(g.actor.Who.Keys) == 0:
		// Nor one on its way as an admin removed their last key: no one
		// could sign in to go on with it. With a key left, their other
		// sessions go on, and so may a save on its way from the removed
		// one: its claim is theirs to come back to.
		err = fmt.Errorf("reviewer %s: %w (an admin removed their last key)", reviewer, ErrNotRegistered)
	}
	return g, err
}

// RegisteredOnly makes every claim, draft, decision and queue read refuse
// a reviewer the store does not list, or lists with no key, as serve
// wants: there every caller signed in with a registered key.
func (s *Store) RegisteredOnly() { s.registeredOnly.Store(true) }

// calibrated loads the reviewer's calibration standing, once, and returns
// the actor: the policy unless they are exempt, the examples and their
// responses only when the policy requires calibration.
func (g *gate) calibrated() (review.Actor, error) {
	if g.cal || g.actor.CalibrationExempt() {
		return g.actor, nil
	}
	c := &g.actor.Calibration
	var err error
	if c.Policy, err = g.t.calibrationPolicy(); err != nil || !c.Policy.Required {
		g.cal = err == nil
		return g.actor, err
	}
	if c.Examples, err = g.t.calibrationExamples(); err != nil {
		return g.actor, err
	}
	if c.Examples, c.Withheld, err = g.examplesFor(c.Examples); err != nil {
		return g.actor, err
	}
	if c.Responses, err = g.t.calibrationResponses(g.actor.ID); err != nil {
		return g.actor, err
	}
	g.cal = true
	return g.actor, nil
}

// conflicted reports review.Conflicts for the application's candidate. It
// reads the vault only when the reviewer declared a conflict, and reveals
// nothing from it.
func (g *gate) conflicted(application string) (bool, error) {
	if !g.actor.Who.HasConflicts() {
		return false, nil
	}
	c, ok, err := g.t.candidate(application)
	if err != nil || !ok {
		return false, err
	}
	return review.Conflicts(g.actor.Who, c), nil
}

// lease returns the attempt's lease, live or not.
func (t *txn) lease(k review.AttemptKey) (review.Lease, bool, error) {
	b := t.bucket(bucketLeases)
	if b == nil {
		return review.Lease{}, false, nil
	}
	return leaseOf(k, b.Get(attemptKey(k)))
}

// queued reads what review.Actor.Offered needs about a queued attempt
// (readQueued).
func (g *gate) queued(k review.AttemptKey) (review.AttemptState, error) {
	s := review.AttemptState{Key: k}
	err := g.readQueued(&s)
	return s, err
}

// readQueued reads into s what the access rules need about attempt s.Key
// besides its head: the reviewer's conflict with it, its second-review
// state and its lease.
func (g *gate) readQueued(s *review.AttemptState) (err error) {
	if s.Conflicted, err = g.conflicted(s.Key.Application); err != nil {
		return err
	}
	if s.Reviews, s.Sampled, err = g.t.secondReview(s.Key); err != nil {
		return err
	}
	s.Lease, err = g.lease(s.Key)
	return err
}

// state reads everything the access rules know about attempt k: its head
// (without evidence: attemptHead), whether it is decided, the reviewer's
// conflict with it, its lease and its second-review state. An invalid key
// reads nothing: review.Actor.Pending refuses it.
func (g *gate) state(k review.AttemptKey) (review.AttemptState, error) {
	s := review.AttemptState{Key: k}
	if !review.ValidID(k.Application) || k.Attempt < 1 {
		return s, nil
	}
	var err error
	if s.Attempt, s.Stored, err = g.t.attemptHead(k); err != nil || !s.Stored {
		return s, err
	}
	if _, s.Decided, err = g.t.decision(k); err != nil {
		return s, err
	}
	err = g.readQueued(&s)
	return s, err
}

// take writes the lease a rule returned.
func (t *txn) take(k review.AttemptKey, l review.Lease) error {
	return t.bucket(bucketLeases).Put(attemptKey(k), leaseValue(l.Reviewer, l.Expires))
}
