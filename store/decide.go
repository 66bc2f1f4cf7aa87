package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"strings"

	"assessor/review"
)

// Decide records the reviewer's decision of record on a pending attempt in
// one transaction: the outcome is computed from levels (rule 1), a resubmit
// needs feedback on every not-yet criterion (rule 2; a violation is a
// *review.FieldError), and an attempt is decided once (rule 3:
// review.ErrAlreadyDecided). It fails with review.ErrClaimed while another
// reviewer holds a live lease, with ErrCalibrateFirst when calibration is
// required and the reviewer is not calibrated, and with
// review.ErrNotPending when the reviewer gave the attempt's first review.
// On an attempt sampled for a second review the decision is a first or
// second review instead (second_review.go). Otherwise the attempt leaves the queue, its
// lease and drafts are deleted, the decision is appended to the history and
// the application's LastOutcome is updated. Feedback is sanitized for the
// terminal and blank entries dropped.
func (s *Store) Decide(reviewer string, key review.AttemptKey, levels, feedback map[string]string) (review.Decision, error) {
	if reviewer == "" {
		return review.Decision{}, ErrNoReviewer
	}
	var d review.Decision
	err := s.update(func(t *txn) error {
		g, err := t.gate(reviewer)
		if err != nil {
			return err
		}
		if _, decided, err := t.decision(key); err != nil {
			return err
		} else if decided {
			return g.decidedError(key)
		}
		a, err := g.pending(key)
		if err != nil {
			return err
		}
		if err := g.reviewable(key); err != nil { // calibration, second review
			return err
		}
		r, err := t.sharedRubric(a.Credential, a.RubricVersion)
		if err != nil {
			return err
		}
		d = review.Decision{
			Application: a.Application, Attempt: a.Number, Reviewer: reviewer,
			DecidedAt: g.now, Levels: maps.Clone(levels), Feedback: cleanFeedback(feedback),
			RubricVersion: a.RubricVersion,
		}
		if d.Outcome, err = review.ComputeOutcome(r, d.Levels); err != nil {
			return err
		}
		if err := review.Validate(r, d); err != nil {
			return err
		}
		if sr, sampled, err := t.secondReview(key); err != nil {
			return err
		} else if sampled {
			return t.decideSampled(a, r, sr, d) // second_review.go
		}
		return t.recordDecision(a, r, d, review.HistoryEntry{Action: review.ActionDecide, By: reviewer, At: g.now})
	})
	if err != nil {
		return review.Decision{}, fmt.Errorf("decide: %w", err)
	}
	return d, nil
}

// decidedError is the error for deciding an attempt twice, unless the
// reviewer has a conflict with it, which stays hidden behind ErrNotPending.
func (g *gate) decidedError(k review.AttemptKey) error {
	if bad, err := g.conflicted(k.Application); err != nil {
		return err
	} else if bad {
		return review.ErrNotPending
	}
	a, _, err := g.t.attempt(k)
	if err != nil {
		return err
	}
	return fmt.Errorf("%s: %w", a.Handle(), review.ErrAlreadyDecided)
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
	h.Decision = d
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
	if ok && app.Attempts == a.Number {
		app.LastOutcome = d.Outcome
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
	b := t.bucket(bucketHistory)
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	return putJSON(b, historyKey(k, seq), h)
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

// cleanFeedback sanitizes feedback for terminals and drops blank entries.
func cleanFeedback(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		if v = review.Sanitize(v); strings.TrimSpace(v) != "" {
			out[k] = v
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
