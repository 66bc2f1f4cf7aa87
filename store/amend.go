package store

import (
	"fmt"

	"assessor/review"
)

// Amend changes the decision of record on a decided attempt, as a lead
// (rule 3), in one transaction. The rules are review.Amend's: levels and
// feedback change the decision criterion by criterion, the outcome is
// recomputed and validated against the attempt's rubric version, reason
// must not be blank (review.ErrNoReason), and it fails with
// review.ErrNotDecided on a pending attempt, review.ErrNoChange when nothing
// would change and review.ErrLaterAttempts when the attempt would pass
// although the candidate has submitted a later one. It refuses a
// calibration example (review.ErrAmendExample) and an amendment that would
// reopen an application holding one (review.ErrAmendReopens). lead must be
// a reviewer with role lead or admin (review.ErrNotLead) without a declared
// conflict with the candidate (review.ErrConflictOfInterest, rule 7), and
// a decision imported dated after now waits until then
// (review.ErrDatedAhead).
//
// Nothing is overwritten in history: the old decision stays in the entry
// that recorded it, and a review.ActionAmend entry with the lead, time,
// reason and new decision is appended. Running tallies take the old
// decision back and count the new one, and the stack index follows a flip
// between pass and resubmit; the application's LastOutcome follows when it
// is the last attempt.
func (s *Store) Amend(lead string, key review.AttemptKey, levels, feedback map[string]string, reason string) (review.Decision, error) {
	reason, err := review.Reason(reason)
	if err != nil {
		return review.Decision{}, fmt.Errorf("amend: %w", err)
	}
	var d review.Decision
	err = s.update(func(t *txn) error {
		if err := t.requireLead(lead); err != nil {
			return err
		}
		st := review.AmendState{Lead: lead, Now: t.s.clock()}
		var err error
		if st.Attempt, st.Record, st.Rubric, err = t.decidedAttempt(key); err != nil {
			return err
		}
		if st.Record == nil {
			b := t.bucket(bucketDisputes)
			st.Disputed = b != nil && b.Get(queueKey(st.Attempt.SubmittedAt, key)) != nil
		} else {
			var ok bool
			if st.Application, ok, err = t.application(st.Attempt.Application); err != nil {
				return err
			} else if !ok {
				return fmt.Errorf("%w (attempt %s has no application)", ErrCorrupt, key)
			}
		}
		if b := t.bucket(bucketCalibration); b != nil {
			st.Example = b.Get(calibrationExampleKey(key)) != nil
		}
		if st.AppExample, err = t.exampleOf(key.Application); err != nil {
			return err
		}
		g, err := t.gate(lead)
		if err != nil {
			return err
		}
		if st.Conflicted, err = g.conflicted(key.Application); err != nil {
			return err
		}
		eff, err := review.Amend(st, levels, feedback, reason)
		if err != nil {
			return err
		}
		d = eff.Decision
		return t.applyAmend(st.Attempt, st.Rubric, eff)
	})
	if err != nil {
		return review.Decision{}, fmt.Errorf("amend: %w", err)
	}
	s.notify(review.AttemptNotice{Key: key, Amended: true})
	return d, nil
}

// applyAmend writes what review.Amend returned for attempt a, scored
// against rubric version r.
func (t *txn) applyAmend(a review.Attempt, r review.Rubric, eff review.AmendEffect) error {
	key, d, old := a.Key(), eff.Decision, eff.Old
	if err := t.put(bucketDecisions, attemptKey(key), d); err != nil {
		return err
	}
	if err := t.appendHistory(key, eff.History); err != nil {
		return err
	}
	if app := eff.Application; app != nil {
		if err := t.put(bucketApplications, []byte(app.ID), *app); err != nil {
			return err
		}
	}
	if err := t.countDecision(a, old, r.PassingLevel(), -1); err != nil {
		return err
	}
	if err := t.countDecision(a, d, r.PassingLevel(), 1); err != nil {
		return err
	}
	if old.Outcome == d.Outcome {
		return nil // the stack index counts passes only: nothing moved
	}
	// One of the two is a no-op (only a pass counts); the other moves
	// the candidate's pass in the stack index (stacks.go).
	if err := t.stackDecided(a, old, -1); err != nil {
		return err
	}
	return t.stackDecided(a, d, 1)
}

// countDecision counts (sign +1) or takes back (−1) decision d on attempt a,
// scored at a rubric version whose passing level is passing: the tallies of
// the application's groups, of d's reviewer and of each criterion, and the
// turnaround index. Unlike tallyDecision it writes through, and it deletes
// reviewer and criterion tallies and index entries that fall to zero, so a
// reviewer whose only decision was amended away leaves no empty row in the
// report, just as a recomputation from raw decisions would have none.
func (t *txn) countDecision(a review.Attempt, d review.Decision, passing string, sign int) error {
	// Cached tallies would be written over these at commit: write them first.
	if err := t.flush(); err != nil {
		return err
	}
	f, err := t.facts(a.Application)
	if err != nil {
		return err
	}
	tb := t.bucket(bucketTallies)
	ns := review.Turnaround(a.SubmittedAt, d.DecidedAt)
	for _, g := range f.groups(a.Credential) {
		subject := groupSubject(g)
		tl, err := readTally(tb.Get(subject), subject, decodeGroupTally)
		if err != nil {
			return err
		}
		tl.Decided(a.Number, d.Outcome, sign)
		if err := tb.Put(subject, encodeGroupTally(tl)); err != nil {
			return err
		}
		if err := t.moveTurnaround(subject, ns, sign); err != nil {
			return err
		}
	}
	subject := reviewerSubject(d.Reviewer)
	rt, err := readTally(tb.Get(subject), subject, decodeReviewerTally)
	if err != nil {
		return err
	}
	rt.Decided(d.Outcome, sign)
	if err := putOrDelete(tb, subject, rt == review.ReviewerTally{}, encodeReviewerTally(rt)); err != nil {
		return err
	}
	if err := t.moveTurnaround(subject, ns, sign); err != nil {
		return err
	}
	for id, level := range d.Levels {
		subject := criterionSubject(review.CriterionKey{Credential: a.Credential, Criterion: id})
		ct, err := readTally(tb.Get(subject), subject, decodeCriterionTally)
		if err != nil {
			return err
		}
		ct.Decided(level != passing, sign)
		if err := putOrDelete(tb, subject, ct == review.CriterionTally{}, encodeCriterionTally(ct)); err != nil {
			return err
		}
	}
	return nil
}

// readTally decodes a stored tally; a missing one is zero.
func readTally[T any](raw, subject []byte, decode func([]byte) (T, bool)) (T, error) {
	var v T
	if raw == nil {
		return v, nil
	}
	v, ok := decode(raw)
	if !ok {
		return v, fmt.Errorf("%w (bad tally %q)", ErrCorrupt, subject)
	}
	return v, nil
}

// moveTurnaround adds (sign > 0) or removes (< 0) |sign| turnarounds of ns
// nanoseconds from subject's histogram and fine keys, deleting what
// empties.
func (t *txn) moveTurnaround(subject []byte, ns int64, sign int) error {
	return t.moveTurnaroundAt(fineKey(subject, ns), subject, ns, sign)
}

// moveTurnaroundAt is moveTurnaround with the fine key k to count at,
// which may be one of a schema before 19 (decodeFineKey) while a store is
// upgraded.
func (t *txn) moveTurnaroundAt(k, subject []byte, ns int64, sign int) error {
	fine := t.bucket(bucketTurnaroundFine)
	n := int64(decodeCounter(fine.Get(k))) + int64(sign)
	if n < 0 {
		return fmt.Errorf("%w (turnaround index of %q lacks a decision being taken back)", ErrCorrupt, subject)
	}
	if err := putOrDelete(fine, k, n == 0, counterValue(uint64(n))); err != nil {
		return err
	}
	if err := t.addMinute(subject, ns, int64(sign), false); err != nil { // median.go
		return err
	}
	h, err := t.histogram(subject)
	if err != nil {
		return err
	}
	h.add(coarseBucket(turnaroundSecs(ns)), int64(sign))
	return putOrDelete(t.bucket(bucketTurnaroundHist), subject, len(h) == 0, h.encode())
}

// putOrDelete stores v at k, or deletes k when empty is set.
func putOrDelete(b *bucket, k []byte, empty bool, v []byte) error {
	if empty {
		return b.Delete(k)
	}
	return b.Put(k, v)
}
