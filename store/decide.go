package store

import (
	"bytes"
	"encoding/json"
	"fmt"

	"assessor/review"
)

// Decide records the reviewer's decision on a pending attempt in one
// transaction. The rules are review.Decide's: the outcome is computed from
// levels (rule 1), a resubmit needs feedback on every not-yet criterion
// (rule 2; a violation is a *review.FieldError), an attempt is decided once
// (rule 3: review.ErrAlreadyDecided); review.ErrClaimed while another
// reviewer holds a live lease, review.ErrCalibrateFirst when calibration is
// required and the reviewer is not calibrated, review.ErrNotPending when
// the reviewer gave the attempt's first review. Decide reads the state they
// need, asks, and writes what comes back: on an attempt sampled for a
// second review a first or second review (second_review.go); otherwise the
// decision of record, and the attempt leaves the queue, its lease and
// drafts are deleted, the decision is appended to the history and the
// application's LastOutcome is updated. Feedback is sanitized for the
// terminal and blank entries dropped.
func (s *Store) Decide(reviewer string, key review.AttemptKey, levels, feedback map[string]string) (review.Decision, error) {
	return s.decide(reviewer, key, levels, feedback, nil)
}

// DecideDraft is Decide on the levels and feedback of d, a session's copy
// of the reviewer's draft, refused with review.ErrDraftChanged, recording
// nothing, when another session of the reviewer's saved the draft since d
// was read (review.Draft.Over): the decision would drop what it saved.
func (s *Store) DecideDraft(reviewer string, key review.AttemptKey, d review.Draft) (review.Decision, error) {
	return s.decide(reviewer, key, d.Levels, d.Feedback, &d)
}

// decide is Decide, and DecideDraft from a copy of the draft when from is not nil.
func (s *Store) decide(reviewer string, key review.AttemptKey, levels, feedback map[string]string, from *review.Draft) (review.Decision, error) {
	if reviewer == "" {
		return review.Decision{}, ErrNoReviewer
	}
	var d review.Decision
	err := s.batch(func(t *txn) error {
		d = review.Decision{} // batch.go: a run may be repeated
		g, err := t.gate(reviewer)
		if err != nil {
			return err
		}
		st, err := g.state(key)
		if err != nil {
			return err
		}
		actor, err := g.calibrated()
		if err != nil {
			return err
		}
		var r review.Rubric
		if st.Stored {
			if r, err = t.sharedRubric(st.Attempt.Credential, st.Attempt.RubricVersion); err != nil {
				return err
			}
		}
		eff, err := review.Decide(actor, st, r, levels, feedback)
		if err != nil {
			return err
		}
		if !st.Lease.Holds(reviewer, actor.Now) {
			// Deciding without the claim (a lead released it, or it ran
			// out) takes the attempt as a claim would: it waits for the
			// flags a lead must work first, as a draft save does.
			if err := g.flagsWorked(key); err != nil {
				return err
			}
		}
		if from != nil {
			stored, err := t.draftHead(key, reviewer)
			if err != nil {
				return err
			}
			if _, err := from.Over(stored, st.Attempt.Handle()); err != nil {
				return err
			}
		}
		d = eff.Decision
		if err := t.applyDecide(st.Attempt, r, eff); err != nil {
			return err
		}
		return t.finishActivity(key, reviewer, actor.Now) // activity.go
	})
	if err != nil {
		// No "decide:" before it: a screen says "Not recorded: " + err.
		return review.Decision{}, err
	}
	return d, nil
}

// applyDecide writes what review.Decide returned for attempt a, scored
// against rubric version r.
func (t *txn) applyDecide(a review.Attempt, r review.Rubric, eff review.DecideEffect) error {
	if eff.OneOfTwo() {
		k := a.Key()
		if err := t.del(bucketDrafts, draftKey(k, eff.Decision.Reviewer)); err != nil {
			return err
		}
		if err := t.del(bucketLeases, attemptKey(k)); err != nil {
			return err
		}
	}
	if eff.Reviews != nil {
		return t.putSecondReview(a, *eff.Reviews, eff.Disputed) // second_review.go
	}
	return t.resolve(a, r, *eff.Resolution)
}

// resolve writes a new decision of record and its double review, if any:
// the pair, the history entries, the reviewers' agreement and, last,
// everything recordDecision does.
func (t *txn) resolve(a review.Attempt, r review.Rubric, res review.Resolution) error {
	if res.Pair != nil {
		if err := t.putDoubleReview(a, *res.Pair); err != nil { // second_review.go
			return err
		}
		for _, e := range res.Pair.History() {
			if err := t.appendHistory(a.Key(), e); err != nil {
				return err
			}
		}
		if err := t.countAgreement(*res.Pair, 1); err != nil {
			return err
		}
	}
	return t.recordDecision(a, r, res.Decision, res.Entry)
}

// recordDecision stores d as the decision of record on pending attempt a,
// scored against rubric version r, and does everything that follows from it
// (queue, lease, drafts, application, counters, running tallies) in the
// caller's transaction.
func (t *txn) recordDecision(a review.Attempt, r review.Rubric, d review.Decision, h review.HistoryEntry) error {
	k := a.Key()
	if err := t.put(bucketDecisions, attemptKey(k), d); err != nil {
		return err
	}
	if err := t.appendHistory(k, h); err != nil {
		return err
	}
	if err := t.dequeue(a); err != nil {
		return err
	}
	if err := t.del(bucketLeases, attemptKey(k)); err != nil {
		return err
	}
	// Drafts of a decided attempt can never be reopened: drop everyone's.
	if err := t.deletePrefix(bucketDrafts, attemptKey(k)); err != nil {
		return err
	}
	app, ok, err := t.application(a.Application)
	if err != nil {
		return err
	}
	if app, changed := app.Decided(a.Number, d.Outcome); ok && changed {
		if err := t.put(bucketApplications, []byte(app.ID), app); err != nil {
			return err
		}
	}
	if err := t.tallyDecision(a, d, r.PassingLevel()); err != nil {
		return err
	}
	if err := t.stackDecided(a, d, 1); err != nil { // stacks.go
		return err
	}
	if err := t.settleSampled(a); err != nil { // second_review.go
		return err
	}
	return t.countAll(map[string]int{keyPending: -1, keyDecided: 1})
}

// appendHistory adds an entry under the next sequence number.
func (t *txn) appendHistory(k review.AttemptKey, h review.HistoryEntry) error {
	// The sequence is the bucket's own, apart from its keys: an import
	// need not write the keys it staged to draw the next one.
	var seq uint64
	var err error
	if t.snap != nil {
		seq = t.snapNextSeq() // import_snapshot.go
	} else if seq, err = t.rawBucket(bucketHistory).NextSequence(); err != nil {
		return err
	}
	return t.put(bucketHistory, historyKey(k, seq), h)
}

// History lists every change to the attempt's decision of record, oldest
// first; empty when it was never decided.
func (s *Store) History(key review.AttemptKey) ([]review.HistoryEntry, error) {
	var out []review.HistoryEntry
	err := s.view(func(t *txn) error {
		b := t.bucket(bucketHistory)
		if b == nil {
			return nil
		}
		prefix := attemptKey(key)
		c := b.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8; k, v = c.Next() {
			var h review.HistoryEntry
			if err := json.Unmarshal(v, &h); err != nil {
				return fmt.Errorf("%w (bad history entry %q: %v)", ErrCorrupt, k, err)
			}
			out = append(out, h)
		}
		return nil
	})
	return out, err
}
