package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"assessor/review"
)

// Applications lists every application, oldest started_at first (ties by
// id). Applications hold no identity; their status is
// review.Application.StatusAt. It reads the whole applications bucket, so
// it is for lead and admin tools, not for screens.
func (s *Store) Applications() ([]review.Application, error) {
	var out []review.Application
	err := s.view(func(t *txn) error {
		return t.eachApplication(func(a review.Application) error {
			out = append(out, a)
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].StartedAt.Equal(out[j].StartedAt) {
			return out[i].StartedAt.Before(out[j].StartedAt)
		}
		return out[i].ID < out[j].ID
	})
	return out, err
}

// eachApplication calls fn with every application, in id order.
func (t *txn) eachApplication(fn func(review.Application) error) error {
	b := t.bucket(bucketApplications)
	if b == nil {
		return nil
	}
	return b.ForEach(func(k, v []byte) error {
		var app review.Application
		if err := json.Unmarshal(v, &app); err != nil {
			return fmt.Errorf("%w (bad application %q: %v)", ErrCorrupt, k, err)
		}
		return fn(app)
	})
}

// AttemptRecord is one attempt with its decision of record (nil while
// pending) and every change to that decision, oldest first.
type AttemptRecord struct {
	Attempt  review.Attempt
	Decision *review.Decision
	History  []review.HistoryEntry
}

// ApplicationRecord returns an application with all of its attempts, oldest
// first, their decisions and decision histories, read in one transaction.
// An unknown id wraps ErrNotFound. It carries no identity, but decisions
// name reviewers: it is for lead tools and candidate exports, which must
// leave the reviewer out.
func (s *Store) ApplicationRecord(id string) (review.Application, []AttemptRecord, error) {
	var app review.Application
	var out []AttemptRecord
	err := s.view(func(t *txn) error {
		var ok bool
		var err error
		if app, ok, err = t.application(id); err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("application %s: %w", id, ErrNotFound)
		}
		attempts, err := t.attempts(id, app.Attempts+1)
		if err != nil {
			return err
		}
		for _, a := range attempts {
			rec := AttemptRecord{Attempt: a}
			if d, ok, err := t.decision(a.Key()); err != nil {
				return err
			} else if ok {
				rec.Decision = &d
			}
			if rec.History, err = t.history(a.Key()); err != nil {
				return err
			}
			out = append(out, rec)
		}
		return nil
	})
	if err != nil {
		return review.Application{}, nil, err
	}
	return app, out, nil
}

// history reads every change to an attempt's decision, oldest first.
func (t *txn) history(k review.AttemptKey) ([]review.HistoryEntry, error) {
	b := t.bucket(bucketHistory)
	if b == nil {
		return nil, nil
	}
	var out []review.HistoryEntry
	prefix := attemptKey(k)
	c := b.Cursor()
	for hk, v := c.Seek(prefix); hk != nil && bytes.HasPrefix(hk, prefix); hk, v = c.Next() {
		if len(hk) != len(prefix)+8 {
			continue
		}
		var h review.HistoryEntry
		if err := json.Unmarshal(v, &h); err != nil {
			return nil, fmt.Errorf("%w (bad history entry %q: %v)", ErrCorrupt, hk, err)
		}
		out = append(out, h)
	}
	return out, nil
}

// Resolve names an attempt for a lead or admin command: by application id
// ("A-1001", "A-1001#2") or by reviewer-facing handle ("DF-7KQ2",
// "DF-7KQ2#2"). Without "#n" it is the application's latest attempt, and
// named is false. A name that is one application's id and another's
// handle (stores from before import refused that) is refused as
// ambiguous, saying how to name each. An unknown name wraps ErrNotFound.
func (s *Store) Resolve(name string) (key review.AttemptKey, named bool, err error) {
	id, num, named := strings.Cut(strings.TrimSpace(name), "#")
	err = s.view(func(t *txn) error {
		app, ok, err := t.application(id)
		if err != nil {
			return err
		}
		var byHandle string // the application whose handle id is
		if p := t.bucket(bucketPseudonyms); p != nil && review.ValidID(id) {
			byHandle = string(p.Get([]byte(id)))
		}
		switch {
		case ok && byHandle != "" && byHandle != app.ID:
			return fmt.Errorf("name %q: %w: it is one application's id and another's handle: name the first by its handle %s, the second by its id %s", id, ErrInvalid, app.Pseudonym, byHandle)
		case !ok && byHandle != "":
			if app, ok, err = t.application(byHandle); err != nil {
				return err
			}
		}
		if !ok {
			return review.Mendf("applications", "", "%w: no application or handle %q (see: %s)", ErrNotFound, id)
		}
		key = review.AttemptKey{Application: app.ID, Attempt: app.Attempts}
		if named {
			n, err := strconv.Atoi(num)
			if err != nil || n < 1 || n > app.Attempts {
				return fmt.Errorf("%w: %s has attempts 1 to %d, not %q", ErrNotFound, id, app.Attempts, num)
			}
			key.Attempt = n
		}
		return nil
	})
	return key, named, err
}
