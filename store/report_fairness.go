package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"assessor/review"
)

// Fairness returns the report's fairness section (review.FairnessFigures)
// over the applications whose attempt 1 was submitted in [since, until),
// zero bounds meaning none, with the configured minimum group size. A bound
// must be a month's start (FairnessBound). It reads each application's
// vault entry and decisions, in one read transaction: its cost grows with
// the applications covered. The vault values never leave it except as
// group labels of the figures.
func (s *Store) Fairness(since, until time.Time) (review.Fairness, error) {
	var f review.Fairness
	for _, b := range []time.Time{since, until} {
		if !FairnessBound(b) {
			return f, fmt.Errorf("report fairness: %s is not the start of a month: fairness figures cover whole months", b.UTC().Format(time.RFC3339Nano))
		}
	}
	err := s.view(func(t *txn) error {
		k, err := t.fairnessMinGroup()
		if err != nil {
			return err
		}
		var apps []review.FairnessApp
		each := func(id string) error {
			fa, err := t.fairnessApp(id)
			apps = append(apps, fa)
			return err
		}
		if err := t.coveredApplications(since, until, each); err != nil {
			return err
		}
		f = review.FairnessFigures(apps, k)
		return nil
	})
	if err != nil {
		return review.Fairness{}, fmt.Errorf("report fairness: %w", err)
	}
	return f, nil
}

// FairnessBound reports whether t may bound the fairness figures' window:
// no bound (zero) or midnight UTC on the first of a month. Two reports
// whose windows differed by a day would differ by that day's applications,
// showing a candidate's group by subtraction though each report hides it;
// whole months make a difference a month's applications.
func FairnessBound(t time.Time) bool {
	u := t.UTC()
	return t.IsZero() || u.Equal(time.Date(u.Year(), u.Month(), 1, 0, 0, 0, 0, time.UTC))
}

// coveredApplications calls fn with the id of every application whose
// attempt 1 was submitted in [since, until), or of every application when
// both are zero.
func (t *txn) coveredApplications(since, until time.Time, fn func(id string) error) error {
	if since.IsZero() && until.IsZero() {
		return t.bucket(bucketApplications).ForEach(func(k, _ []byte) error { return fn(string(k)) })
	}
	return t.applicationsBetween(since, until, fn)
}

// fairnessApp reads what the fairness figures need of one application.
func (t *txn) fairnessApp(id string) (review.FairnessApp, error) {
	var fa review.FairnessApp
	c, ok, err := t.candidate(id)
	if err != nil {
		return fa, err
	}
	if ok {
		fa.Candidate = &c
	}
	prefix := idPrefix(id)
	cur := t.bucket(bucketDecisions).Cursor()
	for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
		var d struct {
			Attempt int            `json:"attempt"`
			Outcome review.Outcome `json:"outcome"`
		}
		if err := json.Unmarshal(v, &d); err != nil {
			return fa, fmt.Errorf("%w (bad decision %q: %v)", ErrCorrupt, k, err)
		}
		pass := d.Outcome == review.Pass
		fa.AnyDecided, fa.Passed = true, fa.Passed || pass
		if d.Attempt == 1 {
			fa.FirstDecided, fa.FirstPass = true, pass
		}
	}
	return fa, nil
}

// SetFairnessMinGroup sets k, the fewest applications a fairness group
// must have to be shown (review.DefaultMinGroup unless set).
func (s *Store) SetFairnessMinGroup(k int) error {
	if k < 2 {
		return fmt.Errorf("fairness minimum group %d: want 2 or more (1 would show every candidate's outcome)", k)
	}
	return s.update(func(t *txn) error { return t.putConfig(keyFairnessMinGroup, k) })
}

// FairnessMinGroup returns k.
func (s *Store) FairnessMinGroup() (int, error) {
	var k int
	err := s.view(func(t *txn) (err error) { k, err = t.fairnessMinGroup(); return err })
	return k, err
}

func (t *txn) fairnessMinGroup() (int, error) {
	k := review.DefaultMinGroup
	_, err := t.config(keyFairnessMinGroup, &k)
	return k, err
}
