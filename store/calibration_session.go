package store

import (
	"cmp"
	"errors"
	"fmt"

	"assessor/review"
)

// CalibrationSession is the store as the reviewer screens see it in
// calibration mode (`assessor calibrate`): the queue is the calibration
// examples the reviewer has not scored, and Decide records a calibration
// response. It never reads or writes an example's decision of record,
// leases, the live queue or any tally, and claims return no earlier
// attempts, so the reviewer scores blind. It has the method set of
// ui.Backend and is safe for concurrent use like the Store.
type CalibrationSession struct{ s *Store }

// Calibration returns the store's calibration mode.
func (s *Store) Calibration() *CalibrationSession { return &CalibrationSession{s: s} }

// Credentials lists the latest rubric of every credential.
func (c *CalibrationSession) Credentials() ([]review.Rubric, error) { return c.s.Credentials() }

// Queue lists the examples, of one credential or all, that the reviewer has
// not scored yet, oldest submitted first; those from candidates the
// reviewer declared a conflict with are left out.
func (c *CalibrationSession) Queue(reviewer, credential string, limit int) ([]review.QueueItem, error) {
	var out []review.QueueItem
	err := c.s.view(func(t *txn) (err error) {
		out, err = t.calibrationQueue(reviewer, credential, limit)
		return err
	})
	return out, err
}

func (t *txn) calibrationQueue(reviewer, credential string, limit int) ([]review.QueueItem, error) {
	if reviewer == "" {
		return nil, ErrNoReviewer
	}
	g, err := t.gate(reviewer)
	if err != nil {
		return nil, err
	}
	exs, err := t.calibrationExamples()
	if err != nil {
		return nil, err
	}
	var out []review.QueueItem
	for k, ex := range exs {
		if credential != "" && ex.Credential != credential {
			continue
		}
		st, err := g.exampleState(k, true)
		if err != nil {
			return nil, err
		} else if st.MayScore() != nil {
			continue
		}
		a := st.Attempt
		// The calibration draft is marked as a live one is.
		draft := false
		if b := t.bucket(bucketCalibration); b != nil {
			draft = b.Get(calibrationDraftKey(reviewer, k)) != nil
		}
		out = append(out, review.QueueItem{Application: k.Application, Pseudonym: a.Pseudonym, Credential: a.Credential,
			Attempt: a.Number, SubmittedAt: a.SubmittedAt, Flags: review.LeakParts(a.Leaks), Draft: draft})
	}
	review.SortQueue(out)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// responded reports whether the reviewer has scored example k.
func (t *txn) responded(reviewer string, k review.AttemptKey) bool {
	b := t.bucket(bucketCalibration)
	return b != nil && b.Get(calibrationResponseKey(reviewer, k)) != nil
}

// Next opens the oldest example the reviewer has not scored and may read
// (one with open flags is passed by while the policy holds it back:
// flags_policy.go), or fails with review.ErrQueueEmpty.
func (c *CalibrationSession) Next(reviewer, credential string) (review.Assignment, error) {
	items, err := c.Queue(reviewer, credential, 0)
	if err != nil {
		return review.Assignment{}, err
	}
	for _, it := range items {
		as, err := c.Claim(reviewer, it.Key())
		if it.Flags > 0 && errors.Is(err, ErrFlagsOpen) {
			continue
		}
		return as, err
	}
	return review.Assignment{}, review.ErrQueueEmpty
}

// Claim opens an example the reviewer has not scored: the attempt as
// imported, its rubric version and the reviewer's calibration draft. No
// lease is taken (many reviewers calibrate on one example at once), and
// Previous is empty: earlier attempts' feedback would hint at the answer.
// An attempt that is not an example, already scored, or conflicted is
// review.ErrNotPending alike.
func (c *CalibrationSession) Claim(reviewer string, key review.AttemptKey) (review.Assignment, error) {
	var as review.Assignment
	err := c.s.view(func(t *txn) error {
		a, err := t.calibrationAttempt(reviewer, key)
		if err != nil {
			return err
		}
		as = review.Assignment{Attempt: a, LeaseExpiry: t.s.clock().Add(review.LeaseDuration)}
		if as.Rubric, err = t.rubric(a.Credential, a.RubricVersion); err != nil {
			return err
		}
		if b := t.bucket(bucketCalibration); b != nil {
			_, err = getJSON(b, calibrationDraftKey(reviewer, key), &as.Draft)
		}
		return err
	})
	if err != nil {
		return review.Assignment{}, fmt.Errorf("calibration: %w", err)
	}
	return as, nil
}

// calibrationAttempt reads what review.ExampleState holds about example
// key for the reviewer and returns its attempt if review.ExampleState.MayScore.
func (t *txn) calibrationAttempt(reviewer string, key review.AttemptKey) (review.Attempt, error) {
	st, err := t.exampleState(reviewer, key)
	if err != nil {
		return review.Attempt{}, err
	}
	if err := st.MayScore(); err != nil {
		return review.Attempt{}, err
	}
	// An example is evidence as any attempt is: the policy that holds
	// one with open flags back from reviewers holds it back here too.
	if len(st.Attempt.Leaks) > 0 {
		g, err := t.gate(reviewer)
		if err != nil {
			return review.Attempt{}, err
		}
		if held, err := g.flagsHeld(); err != nil || held {
			return review.Attempt{}, cmp.Or(err, fmt.Errorf("%s: %w", st.Attempt.Handle(), ErrFlagsOpen))
		}
	}
	return st.Attempt, nil
}

// exampleState reads what the calibration rules know about example key for
// the reviewer.
func (t *txn) exampleState(reviewer string, key review.AttemptKey) (review.ExampleState, error) {
	if reviewer == "" {
		return review.ExampleState{}, ErrNoReviewer
	}
	b := t.bucket(bucketCalibration)
	example := b != nil && b.Get(calibrationExampleKey(key)) != nil
	if !example {
		return review.ExampleState{}, nil // MayScore refuses it already: read no more
	}
	g, err := t.gate(reviewer)
	if err != nil {
		return review.ExampleState{}, err
	}
	return g.exampleState(key, example)
}

// exampleState reads, for g's reviewer, what the calibration rules know
// about key, whose being an example the caller knows. It stops at the
// first fact that refuses it.
func (g *gate) exampleState(key review.AttemptKey, example bool) (review.ExampleState, error) {
	st := review.ExampleState{Example: example, Responded: g.t.responded(g.actor.ID, key)}
	if !st.Example || st.Responded {
		return st, nil
	}
	var err error
	if st.Conflicted, err = g.conflicted(key.Application); err != nil || st.Conflicted {
		return st, err
	}
	if st.Decided, err = g.t.decidedBy(g.actor.ID, key); err != nil || st.Decided {
		return st, err
	}
	st.Attempt, st.Stored, err = g.t.attempt(key)
	return st, err
}

// SaveDraft keeps the reviewer's unfinished calibration scoring, apart from
// live drafts. Like a live draft, a copy that another session of the
// reviewer's saved over since it was read is refused with
// review.ErrDraftChanged (review.Draft.Over).
func (c *CalibrationSession) SaveDraft(reviewer string, key review.AttemptKey, d review.Draft) error {
	return c.s.update(func(t *txn) error {
		a, err := t.calibrationAttempt(reviewer, key)
		if err != nil {
			return err
		}
		b, err := t.calibrationBucket()
		if err != nil {
			return err
		}
		stored, err := calibrationDraftHead(b, reviewer, key)
		if err != nil {
			return err
		}
		if d, err = d.Over(stored, a.Handle()); err != nil {
			return err
		}
		d.SavedAt = t.s.clock()
		return putJSON(b, calibrationDraftKey(reviewer, key), d)
	})
}

// calibrationDraftHead reads the revision and session of the reviewer's
// calibration draft of key, as draftHead does a live one's.
func calibrationDraftHead(b *bucket, reviewer string, key review.AttemptKey) (review.Draft, error) {
	k := calibrationDraftKey(reviewer, key)
	return draftHeadOf(k, b.Get(k))
}

// Release does nothing: calibration takes no lease.
func (c *CalibrationSession) Release(string, review.AttemptKey) error { return nil }

// Decide records the reviewer's calibration response to an example, under
// review.RespondCalibration's rules (those of a decision: complete levels,
// feedback on every not-yet criterion), and deletes their calibration
// draft. The returned Decision is the response in decision form; it is not
// a decision of record, and the example's own decision, queue state and
// tallies stay as they were.
func (c *CalibrationSession) Decide(reviewer string, key review.AttemptKey, levels, feedback map[string]string) (review.Decision, error) {
	return c.decide(reviewer, key, levels, feedback, nil)
}

// DecideDraft is Decide on the levels and feedback of d, the review
// screen's copy of the calibration draft, refused with
// review.ErrDraftChanged as a live DecideDraft is.
func (c *CalibrationSession) DecideDraft(reviewer string, key review.AttemptKey, d review.Draft) (review.Decision, error) {
	return c.decide(reviewer, key, d.Levels, d.Feedback, &d)
}

// decide is Decide, and DecideDraft from a copy of the draft when from is
// not nil.
func (c *CalibrationSession) decide(reviewer string, key review.AttemptKey, levels, feedback map[string]string, from *review.Draft) (review.Decision, error) {
	var d review.Decision
	err := c.s.update(func(t *txn) error {
		st, err := t.exampleState(reviewer, key)
		if err != nil {
			return err
		}
		var r review.Rubric
		if st.MayScore() == nil {
			if r, err = t.rubric(st.Attempt.Credential, st.Attempt.RubricVersion); err != nil {
				return err
			}
		}
		var resp review.CalibrationResponse
		if resp, d, err = review.RespondCalibration(reviewer, t.s.clock(), st, r, levels, feedback); err != nil {
			return err
		}
		b, err := t.calibrationBucket()
		if err != nil {
			return err
		}
		if from != nil {
			stored, err := calibrationDraftHead(b, reviewer, key)
			if err != nil {
				return err
			}
			if _, err := from.Over(stored, st.Attempt.Handle()); err != nil {
				return err
			}
		}
		if err := putJSON(b, calibrationResponseKey(reviewer, key), resp); err != nil {
			return err
		}
		return b.Delete(calibrationDraftKey(reviewer, key))
	})
	if err != nil {
		return review.Decision{}, fmt.Errorf("calibration: %w", err)
	}
	return d, nil
}

// Snippets is the reviewer's comment bank, as in live review.
func (c *CalibrationSession) Snippets(reviewer, credential, criterion string) ([]review.Snippet, error) {
	return c.s.Snippets(reviewer, credential, criterion)
}

// SaveSnippet adds to the comment bank, as in live review.
func (c *CalibrationSession) SaveSnippet(reviewer string, sn review.Snippet) (review.Snippet, error) {
	return c.s.SaveSnippet(reviewer, sn)
}

// Attachment returns the bytes of an evidence file of an example the
// reviewer may score, in place of the lease live review requires; only the
// example's own files (Previous is empty in calibration). A hash the
// attempt does not list wraps ErrNotFound.
func (c *CalibrationSession) Attachment(reviewer string, key review.AttemptKey, hash string) ([]byte, error) {
	var out []byte
	err := c.s.view(func(t *txn) error {
		a, err := t.calibrationAttempt(reviewer, key)
		if err != nil {
			return err
		}
		if !listsHash(a, hash) {
			return fmt.Errorf("file %.12s of %s: %w", hash, a.Handle(), ErrNotFound)
		}
		var data []byte
		if b := t.bucket(bucketBlobs); b != nil {
			data = b.Get([]byte(hash))
		}
		if data == nil {
			return fmt.Errorf("%w (file %.12s of %s has no stored bytes)", ErrCorrupt, hash, a.Handle())
		}
		out = append([]byte(nil), data...) // bbolt's memory ends with the transaction
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("calibration attachment: %w", err)
	}
	return out, nil
}
