package store

import (
	"cmp"
	"errors"
	"fmt"

	"assessor/review"
)

// Next claims for the reviewer the oldest pending attempt they may take, of
// one credential or of any when credential is "": one review.Actor.Offered
// lets them have (not leased to another reviewer, free of conflicts of
// interest, not one whose first review they gave), submitted by now
// (review.Actor.Submitted: import takes times a little ahead of the
// clock). An attempt the reviewer still holds a live lease on comes first
// (review.Resume). It fails with review.ErrQueueEmpty when there is none,
// and with review.ErrCalibrateFirst when the program requires calibration
// and the reviewer (not a lead or admin) is not calibrated. Search and
// claim are one transaction, so concurrent calls never hand two reviewers
// the same attempt.
func (s *Store) Next(reviewer, credential string) (review.Assignment, error) {
	if reviewer == "" {
		return review.Assignment{}, ErrNoReviewer
	}
	var claimed review.AttemptKey
	var lease review.Lease
	var resumed bool
	err := s.batch(func(t *txn) (err error) {
		claimed, lease, resumed, err = t.next(reviewer, credential) // batch.go: a run may be repeated
		return err
	})
	if err != nil {
		return review.Assignment{}, err
	}
	as, err := s.assignment(reviewer, claimed, lease)
	as.Resumed = resumed
	return as, err
}

// next is Next's transaction: the attempt the reviewer resumes (resumed),
// or the oldest one they are offered, leased to them.
func (t *txn) next(reviewer, credential string) (_ review.AttemptKey, _ review.Lease, resumed bool, _ error) {
	g, err := t.gate(reviewer)
	if err != nil {
		return review.AttemptKey{}, review.Lease{}, false, err
	}
	actor, err := g.calibrated()
	if err != nil {
		return review.AttemptKey{}, review.Lease{}, false, err
	}
	if err := actor.RequireCalibrated(); err != nil {
		return review.AttemptKey{}, review.Lease{}, false, err
	}
	held, err := g.flagsHeld() // flags_policy.go
	if err != nil {
		return review.AttemptKey{}, review.Lease{}, false, err
	}
	found, holding, err := g.ownLease(credential, held)
	if err != nil {
		return review.AttemptKey{}, review.Lease{}, false, err
	}
	resumed = found != nil
	if found == nil {
		// The hint (claim_hint.go) is for walks of the whole queue by a
		// reviewer who holds nothing: one who holds a lease might be
		// offered that attempt among the held ones.
		hinted := credential == "" && !holding && !t.s.noClaimHint
		var from []byte
		if hinted {
			from = t.hintFrom(actor.Now)
		}
		head := heldHead{now: actor.Now}
		err = t.walkQueueFrom(credential, from, func(q queued) (bool, error) {
			if !actor.Submitted(q.submittedAt) {
				// Dated ahead of the clock, it could not be decided yet
				// (review.Claim); the queue runs oldest submitted first,
				// so neither could any after it. Its key tells, no read.
				return true, nil
			}
			s, err := g.queued(q.key)
			if err != nil {
				return true, err
			}
			if hinted {
				head.see(q.rawKey, s.Lease)
			}
			if !actor.Offered(s) {
				return false, nil
			}
			if held {
				// Its flags, or an earlier attempt's, from the leak index.
				if _, flagged := g.t.flagsOpenThrough(q.key); flagged {
					return false, nil
				}
			}
			found = &q.key
			return true, nil
		})
		if err != nil {
			return review.AttemptKey{}, review.Lease{}, false, err
		}
		if hinted { // before the claim writes: the walk's keys are the tx's
			t.keepHint(from, head)
		}
	}
	if found == nil {
		return review.AttemptKey{}, review.Lease{}, false, review.ErrQueueEmpty
	}
	lease, err := g.claim(*found)
	return *found, lease, resumed, err
}

// ownLease reads the attempts the reviewer holds a live lease on and
// returns the one review.Resume picks, or nil, and whether they hold any.
// With flagsHeld, one with open flags is not resumed: held since before
// the policy came on, it is passed by as the queue's walk passes it by.
// The leases bucket holds about one entry per reviewer at work, so reading
// it whole is cheap.
func (g *gate) ownLease(credential string, flagsHeld bool) (*review.AttemptKey, bool, error) {
	b := g.t.bucket(bucketLeases)
	if b == nil {
		return nil, false, nil
	}
	var mine []review.AttemptKey
	err := b.ForEach(func(k, v []byte) error {
		who, expires, ok := decodeLease(v)
		if key, okKey := decodeAttemptKey(k); ok && okKey && (review.Lease{Reviewer: who, Expires: expires}).Holds(g.actor.ID, g.actor.Now) {
			mine = append(mine, key)
		}
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	holding := len(mine) > 0
	actor, err := g.calibrated()
	if err != nil {
		return nil, holding, err
	}
	states := make([]review.AttemptState, 0, len(mine))
	for _, k := range mine {
		if flagsHeld {
			if _, flagged := g.t.flagsOpenThrough(k); flagged {
				continue
			}
		}
		s, err := g.state(k)
		if err != nil {
			return nil, holding, err
		}
		states = append(states, s)
	}
	k, ok, err := review.Resume(actor, states, credential)
	if err != nil || !ok {
		return nil, holding, err
	}
	return &k, holding, nil
}

// Claim leases the attempt to the reviewer for review.LeaseDuration (renewing
// their own lease) and returns it with its rubric version, the reviewer's
// draft and the application's earlier attempts. It fails with
// review.ErrClaimed when another reviewer holds a live lease, and with
// review.ErrNotPending when the attempt is unknown, decided, or from a
// candidate the reviewer has a conflict with (which it does not reveal), or
// whose first review they gave; with review.ErrCalibrateFirst as Next does;
// and with review.ErrBeforeSubmitted, as its decision would, while the
// attempt is dated ahead of the clock.
func (s *Store) Claim(reviewer string, key review.AttemptKey) (review.Assignment, error) {
	if reviewer == "" {
		return review.Assignment{}, ErrNoReviewer
	}
	var lease review.Lease
	err := s.batch(func(t *txn) error {
		lease = review.Lease{} // batch.go: a run may be repeated
		g, err := t.gate(reviewer)
		if err != nil {
			return err
		}
		lease, err = g.claim(key)
		return err
	})
	if err == nil {
		var as review.Assignment
		if as, err = s.assignment(reviewer, key, lease); err == nil {
			return as, nil
		}
	}
	return review.Assignment{}, fmt.Errorf("claim: %w", err)
}

// claim leases a pending attempt (review.Claim) in the caller's write
// transaction, and returns the lease. The transaction checks and writes
// only: what the reviewer is shown is read after it commits
// (assignment), since every claim and decision batched with this one
// waits for the transaction, and decoding the evidence and the earlier
// attempts there was two thirds of what a claim did in it.
func (g *gate) claim(k review.AttemptKey) (review.Lease, error) {
	s, err := g.state(k)
	if err != nil {
		return review.Lease{}, err
	}
	actor, err := g.calibrated()
	if err != nil {
		return review.Lease{}, err
	}
	l, err := review.Claim(actor, s)
	if err != nil {
		return review.Lease{}, err
	}
	if err := g.flagsWorked(k); err != nil { // flags_policy.go
		return review.Lease{}, err
	}
	if err := g.t.take(k, l); err != nil {
		return review.Lease{}, err
	}
	return l, g.t.noteActivity(k, g.actor.ID, g.actor.Now) // activity.go
}

// assignment reads what the reviewer is shown of attempt k, which they
// have just leased: the attempt with its evidence and rubric version, their
// draft and the application's earlier attempts with their decisions. It
// reads in a transaction of its own, after the claim's commit: the lease
// keeps every other reviewer's decision off the attempt meanwhile, and
// what it shows can only be newer (a lead's redaction, say).
func (s *Store) assignment(reviewer string, k review.AttemptKey, l review.Lease) (review.Assignment, error) {
	as := review.Assignment{LeaseExpiry: l.Expires}
	err := s.view(func(t *txn) error {
		a, ok, err := t.attempt(k) // with its evidence, for the reviewer
		if err != nil {
			return err
		}
		if !ok {
			return review.ErrNotPending // erased since the claim
		}
		as.Attempt = a
		app, _, err := t.application(k.Application)
		if err != nil {
			return err
		}
		as.WindowCloses = app.ClosesAt()
		if as.Rubric, err = t.sharedRubric(a.Credential, a.RubricVersion); err != nil {
			return err
		}
		if _, as.DoubleReview, err = t.secondReview(k); err != nil {
			return err
		}
		if as.Draft, _, err = t.draft(k, reviewer); err != nil {
			return err
		}
		earlier, err := t.attempts(k.Application, k.Attempt)
		if err != nil {
			return err
		}
		var shown *review.EarlierFeedback // read once feedback needs it
		for _, e := range earlier {
			d, _, err := t.decision(e.Key())
			if err != nil {
				return err
			}
			if len(d.Feedback) > 0 {
				if shown == nil {
					if shown, err = t.earlierFeedback(k.Application, earlier); err != nil {
						return err
					}
				}
				d.Feedback = shown.Shown(d.Feedback)
			}
			p := review.PriorAttempt{Attempt: e, Decision: d}
			// Its criteria as named then: a later version may rename them.
			if v := cmp.Or(d.RubricVersion, e.RubricVersion); v != a.RubricVersion {
				if p.Rubric, err = t.sharedRubric(a.Credential, v); errors.Is(err, ErrNotFound) {
					p.Rubric, err = review.Rubric{}, nil // shown under today's names, as before
				}
				if err != nil {
					return err
				}
			}
			as.Previous = append(as.Previous, p)
		}
		return nil
	})
	if err != nil {
		return review.Assignment{}, err
	}
	return as, nil
}

// SaveDraft stores the reviewer's unfinished scoring of a pending attempt,
// stamped with the current time, and renews their lease, in one
// transaction. When another reviewer holds a live lease it stores the draft
// without one and returns review.ErrDraftAside (also review.ErrClaimed); it
// fails with review.ErrNotPending when the attempt is not pending, and
// with review.ErrDraftChanged when d is a copy that another session of
// the reviewer's saved over since it was read (d.Revision, d.Session:
// review.Draft.Over).
func (s *Store) SaveDraft(reviewer string, key review.AttemptKey, d review.Draft) error {
	_, _, err := s.SaveDraftLease(reviewer, key, d)
	return err
}

// SaveDraftLease is SaveDraft telling the lease it took, if it took one
// (took): the reviewer held no live lease before (a lead released it, or
// it lapsed), so `serve` announces a claim. A renewal is no take.
func (s *Store) SaveDraftLease(reviewer string, key review.AttemptKey, d review.Draft) (taken review.Lease, took bool, err error) {
	if reviewer == "" {
		return review.Lease{}, false, ErrNoReviewer
	}
	var aside error // review.ErrDraftAside: kept, without the lease
	err = s.batch(func(t *txn) error {
		aside, taken, took = nil, review.Lease{}, false // batch.go: a run may be repeated
		g, err := t.gate(reviewer)
		if err != nil {
			return err
		}
		s, err := g.state(key)
		if err != nil {
			return err
		}
		stored, err := t.draftHead(key, reviewer)
		if err != nil {
			return err
		}
		d, l, err := review.SaveDraft(g.actor, s, stored, d)
		if errors.Is(err, review.ErrDraftAside) {
			aside = err
			return t.put(bucketDrafts, draftKey(key, reviewer), d)
		}
		if err != nil {
			return err
		}
		if !s.Lease.Holds(reviewer, g.actor.Now) {
			// The save claims the attempt again (a lead released it, or
			// the lease lapsed): as a claim does, it waits for the flags
			// a lead must work first (flags_policy.go), and the draft is
			// kept without the lease, as when another holds it.
			if err := g.flagsWorked(key); errors.Is(err, ErrFlagsOpen) {
				aside = heldAside{err}
				return t.put(bucketDrafts, draftKey(key, reviewer), d)
			} else if err != nil {
				return err
			}
			taken, took = l, true
		}
		if err := t.take(key, l); err != nil {
			return err
		}
		if err := t.noteActivity(key, reviewer, g.actor.Now); err != nil { // activity.go
			return err
		}
		return t.put(bucketDrafts, draftKey(key, reviewer), d)
	})
	if err == nil {
		err = aside
	}
	if err != nil {
		// No "save draft:" before it: a screen says "Draft not saved: " + err.
		return review.Lease{}, false, err
	}
	return taken, took, nil
}

// Release ends the reviewer's lease on the attempt so others may take it;
// their draft is kept. Releasing a lease the reviewer does not hold is a
// no-op.
func (s *Store) Release(reviewer string, key review.AttemptKey) error {
	_, _, err := s.ReleaseLease(reviewer, key)
	return err
}

// ReleaseLease is Release telling which lease it deleted, if it deleted
// one (ok): `serve` announces only a release that changed the queue, not
// the no-op of a reviewer whose lapsed lease another reviewer took.
func (s *Store) ReleaseLease(reviewer string, key review.AttemptKey) (gone review.Lease, ok bool, err error) {
	err = s.batch(func(t *txn) error {
		gone, ok = review.Lease{}, false // batch.go: a run may be repeated
		l, held, err := t.lease(key)
		if err != nil || !held || !l.Releases(reviewer) {
			return err
		}
		gone, ok = l, true
		return t.del(bucketLeases, attemptKey(key))
	})
	if err != nil {
		return review.Lease{}, false, err
	}
	return gone, ok, nil
}

// ReleaseClaim is a lead ending whoever's live claim on the attempt
// (review.Release): the lease is deleted and a review.ReleaseRecord with
// the lead's reason appended, to the release log and the audit log, in
// one transaction; the holder's draft is
// kept. It fails with review.ErrNotLead, review.ErrNoReason,
// review.ErrNotPending or review.ErrNotClaimed, and then changes nothing.
func (s *Store) ReleaseClaim(lead string, key review.AttemptKey, reason string) (review.ReleaseRecord, error) {
	if lead == "" {
		return review.ReleaseRecord{}, ErrNoReviewer
	}
	var rec review.ReleaseRecord
	err := s.update(func(t *txn) error {
		if err := t.requireLead(lead); err != nil {
			return err
		}
		g, err := t.gate(lead)
		if err != nil {
			return err
		}
		st, err := g.state(key)
		if err != nil {
			return err
		}
		if rec, err = review.Release(g.actor, st, reason); err != nil {
			return err
		}
		if err := t.del(bucketLeases, attemptKey(key)); err != nil {
			return err
		}
		if err := t.appendAudit(rec.Audit()); err != nil {
			return err
		}
		return appendLog(t.bucket(bucketReleases), rec)
	})
	if err != nil {
		return review.ReleaseRecord{}, fmt.Errorf("release: %w", err)
	}
	s.notify(review.AttemptNotice{Key: key, Released: true, Holder: rec.Holder})
	return rec, nil
}

// Releases lists every claim a lead ended, oldest first. No method changes
// or deletes one.
func (s *Store) Releases() ([]review.ReleaseRecord, error) {
	return readLog[review.ReleaseRecord](s, bucketReleases, "release record")
}
