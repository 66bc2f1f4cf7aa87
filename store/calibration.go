package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"assessor/review"
)

// CalibrationPolicy returns the calibration settings
// (review.DefaultCalibrationPolicy() until a lead sets them).
func (s *Store) CalibrationPolicy() (review.CalibrationPolicy, error) {
	var p review.CalibrationPolicy
	err := s.view(func(t *txn) (err error) {
		p, err = t.calibrationPolicy()
		return err
	})
	return p, err
}

// SetCalibrationPolicy stores the calibration settings. Turning Required on
// takes effect at each reviewer's next queue read or claim.
func (s *Store) SetCalibrationPolicy(p review.CalibrationPolicy) error {
	if err := p.Check(); err != nil {
		return fmt.Errorf("config calibration: %w", err)
	}
	return s.update(func(t *txn) error { return t.putConfig(keyCalibrationPolicy, p) })
}

func (t *txn) calibrationPolicy() (review.CalibrationPolicy, error) {
	p := review.DefaultCalibrationPolicy()
	_, err := t.config(keyCalibrationPolicy, &p)
	return p, err
}

// AddCalibrationExample makes a decided attempt a calibration example, as a
// lead, under review.NewCalibrationExample's rules: its reference levels
// are the decision of record's, with levels (which may be nil) overriding
// criterion by criterion. Adding an example again is refused
// (ErrExampleExists): reviewers' agreement so far was measured against its
// levels. Adding one a lead removed deletes the responses it had, so
// reviewers are offered it again. Nothing about the attempt itself changes.
func (s *Store) AddCalibrationExample(lead string, key review.AttemptKey, levels map[string]string) (review.CalibrationExample, error) {
	var ex review.CalibrationExample
	err := s.update(func(t *txn) error {
		if err := t.requireLead(lead); err != nil {
			return err
		}
		a, d, r, err := t.decidedAttempt(key)
		if err != nil {
			return err
		}
		// Reviewers who scored it were compared with its reference
		// levels: replacing them would change their agreement, and who
		// is calibrated, without a word.
		if b := t.bucket(bucketCalibration); b != nil {
			var old review.CalibrationExample
			if ok, err := getJSON(b, calibrationExampleKey(key), &old); err != nil {
				return err
			} else if ok {
				return review.Mendf("calibration remove "+old.Handle, "", "%s is already a calibration example, added by %s on %s: %w; to give it other reference levels, remove it (%s) and add it again",
					old.Handle, old.AddedBy, old.AddedAt.UTC().Format("2006-01-02"), ErrExampleExists)
			}
		}
		if ex, err = review.NewCalibrationExample(lead, t.s.clock(), a, d, r, levels); err != nil {
			return err
		}
		app, _, err := t.application(key.Application)
		if err != nil {
			return err
		}
		if err := review.CheckExampleClosed(app, t.s.clock()); err != nil {
			return err
		}
		other, err := t.exampleOf(key.Application)
		if err != nil {
			return err
		}
		if err := review.CheckExampleAlone(other); err != nil {
			return err
		}
		b, err := t.calibrationBucket()
		if err != nil {
			return err
		}
		// Answers from when it was an example before were compared with
		// other reference levels: each reviewer scores it afresh.
		if err := t.dropCalibrationResponses(b, key); err != nil {
			return err
		}
		return putJSON(b, calibrationExampleKey(key), ex)
	})
	if err != nil {
		return review.CalibrationExample{}, fmt.Errorf("calibration add: %w", err)
	}
	return ex, nil
}

// exampleOf returns the handle of an example of application app's, or
// "" when none of its attempts is one.
func (t *txn) exampleOf(app string) (handle string, err error) {
	err = t.calibrationRange(append([]byte{calibrationExample}, idPrefix(app)...), func(k, v []byte) error {
		var ex review.CalibrationExample
		_, err := decodeJSON(k, v, &ex)
		handle = ex.Handle
		return err
	})
	return handle, err
}

// dropCalibrationResponses deletes every reviewer's response to key.
// Drafts stay: they are compared with nothing, and a reviewer's open
// screen may still be saving one.
func (t *txn) dropCalibrationResponses(b *bucket, key review.AttemptKey) error {
	want := attemptKey(key)
	var drop [][]byte
	err := t.calibrationRange([]byte{calibrationResponse}, func(k, _ []byte) error {
		if i := bytes.IndexByte(k, sep); i > 0 && bytes.Equal(k[i+1:], want) {
			drop = append(drop, bytes.Clone(k)) // deleting while the cursor walks would skip keys
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range drop {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// RemoveCalibrationExample stops using an attempt as an example, as a
// lead. Responses to it are kept but no longer count, and are deleted if
// it is added again.
func (s *Store) RemoveCalibrationExample(lead string, key review.AttemptKey) error {
	err := s.update(func(t *txn) error {
		if err := t.requireLead(lead); err != nil {
			return err
		}
		b := t.bucket(bucketCalibration)
		if b == nil || b.Get(calibrationExampleKey(key)) == nil {
			return review.Mendf("calibration list", "", "%s is not a calibration example: %w (see: %s)", key, ErrNotFound)
		}
		return b.Delete(calibrationExampleKey(key))
	})
	if err != nil {
		return fmt.Errorf("calibration remove: %w", err)
	}
	return nil
}

// CalibrationExamples lists the examples in attempt key order.
func (s *Store) CalibrationExamples() ([]review.CalibrationExample, error) {
	var out []review.CalibrationExample
	err := s.view(func(t *txn) error {
		exs, err := t.calibrationExamples()
		for _, ex := range exs {
			out = append(out, ex)
		}
		return err
	})
	sort.Slice(out, func(i, j int) bool {
		return bytes.Compare(attemptKey(out[i].Attempt), attemptKey(out[j].Attempt)) < 0
	})
	return out, err
}

// calibrationExamples reads every example. There are few (a lead picks
// them by hand), so gates may read them all.
func (t *txn) calibrationExamples() (map[review.AttemptKey]review.CalibrationExample, error) {
	out := map[review.AttemptKey]review.CalibrationExample{}
	err := t.calibrationRange([]byte{calibrationExample}, func(k, v []byte) error {
		var ex review.CalibrationExample
		if err := json.Unmarshal(v, &ex); err != nil {
			return fmt.Errorf("%w (bad calibration example %q: %v)", ErrCorrupt, k, err)
		}
		out[ex.Attempt] = ex
		return nil
	})
	return out, err
}

// calibrationResponses reads one reviewer's responses.
func (t *txn) calibrationResponses(reviewer string) ([]review.CalibrationResponse, error) {
	var out []review.CalibrationResponse
	err := t.calibrationRange(calibrationReviewerPrefix(calibrationResponse, reviewer), func(k, v []byte) error {
		var r review.CalibrationResponse
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("%w (bad calibration response %q: %v)", ErrCorrupt, k, err)
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// calibrationRange calls fn on each key of bucketCalibration with prefix.
func (t *txn) calibrationRange(prefix []byte, fn func(k, v []byte) error) error {
	b := t.bucket(bucketCalibration)
	if b == nil {
		return nil
	}
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

// CalibrationScores reports each reviewer's calibration standing, sorted
// by reviewer; with reviewer set, only theirs (even with no responses).
// Every registered reviewer and everyone who responded is listed.
func (s *Store) CalibrationScores(reviewer string) ([]review.CalibrationScore, error) {
	var out []review.CalibrationScore
	err := s.view(func(t *txn) error {
		p, err := t.calibrationPolicy()
		if err != nil {
			return err
		}
		exs, err := t.calibrationExamples()
		if err != nil {
			return err
		}
		ids := map[string]bool{}
		if reviewer != "" {
			ids[reviewer] = true
		} else {
			if b := t.bucket(bucketReviewers); b != nil {
				_ = b.ForEach(func(k, _ []byte) error { ids[string(k)] = true; return nil })
			}
			_ = t.calibrationRange([]byte{calibrationResponse}, func(k, _ []byte) error {
				if i := bytes.IndexByte(k, sep); i > 1 {
					ids[string(k[1:i])] = true
				}
				return nil
			})
		}
		deciders, err := t.exampleDeciders(exs)
		if err != nil {
			return err
		}
		for _, id := range sortedIDs(ids) {
			rs, err := t.calibrationResponses(id)
			if err != nil {
				return err
			}
			g, err := t.gate(id)
			if errors.Is(err, ErrNotRegistered) {
				// Removed since their responses (no conflicts to read),
				// or left without a key: scored with what gate read.
				err = nil
			}
			if err != nil {
				return err
			}
			theirs, withheld, err := g.scorable(exs, deciders)
			if err != nil {
				return err
			}
			out = append(out, review.ScoreCalibration(id, theirs, withheld, rs, p))
		}
		return nil
	})
	return out, err
}

func sortedIDs(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// calibrationBucket returns bucketCalibration, creating it.
func (t *txn) calibrationBucket() (*bucket, error) {
	return t.createBucket(bucketCalibration)
}
