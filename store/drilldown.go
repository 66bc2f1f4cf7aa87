package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"assessor/review"
)

// The lead dashboard's drill-down: the attempts behind a credential,
// reviewer or criterion row, and one application's history. Both read
// attempts without their evidence (attemptLite) and carry no identity.

// DrillDown lists the attempts f picks (review.SortDrillRows's order), at
// most limit of them (0: all), and how many there are in all, in one
// transaction. A credential's attempts are read application by
// application; a reviewer's or a criterion's, which are decided, from the
// decisions. Attempts are read only as far as their dates (decodeAttemptFront),
// never their evidence.
func (s *Store) DrillDown(f review.DrillFilter, limit int) ([]review.DrillRow, int, error) {
	var rows []review.DrillRow
	keep := func(app review.Application, n int, submitted time.Time, d *review.Decision) {
		if row, ok := f.DrillRowOf(app, n, submitted, d); ok {
			rows = append(rows, row)
		}
	}
	err := s.view(func(t *txn) error {
		if f.Reviewer == "" && f.Criterion == "" {
			return t.eachApplication(func(app review.Application) error {
				if f.Credential != "" && app.Credential != f.Credential {
					return nil // skip its attempts unread
				}
				return t.eachAttemptFront(app.ID, func(k []byte, a attemptHead) error {
					d, err := t.decisionLite(k)
					keep(app, a.Number, a.SubmittedAt, d)
					return err
				})
			})
		}
		apps := map[string]review.Application{}
		// What the stored JSON of a decision of the reviewer, or one that
		// scores the criterion, must hold: most decisions are passed over
		// unread (a reviewer's few among 100,000 took seconds to decode).
		var need [][]byte
		if f.Reviewer != "" {
			need = append(need, []byte(`"reviewer":`+strconv.Quote(f.Reviewer)))
		}
		if f.Criterion != "" {
			need = append(need, []byte(strconv.Quote(f.Criterion)+":"))
		}
		return t.eachDecisionLite(need, func(k []byte, d *review.Decision) error {
			if (f.Reviewer != "" && d.Reviewer != f.Reviewer) || (f.Criterion != "" && d.Levels[f.Criterion] == "") {
				return nil
			}
			app, ok := apps[d.Application]
			if !ok {
				var err error
				if app, ok, err = t.application(d.Application); err != nil {
					return err
				} else if !ok {
					return fmt.Errorf("%w (decision %q has no application)", ErrCorrupt, k)
				}
				apps[app.ID] = app
			}
			if f.Credential != "" && app.Credential != f.Credential {
				return nil
			}
			a, err := decodeAttemptFront(t.bucket(bucketAttempts).Get(k))
			if err != nil {
				return fmt.Errorf("%w (bad attempt %q: %v)", ErrCorrupt, k, err)
			}
			keep(app, d.Attempt, a.SubmittedAt, d)
			return nil
		})
	})
	if err != nil {
		return nil, 0, fmt.Errorf("drill-down: %w", err)
	}
	review.SortDrillRows(rows)
	total := len(rows)
	if limit > 0 && len(rows) > limit {
		rows = rows[:limit]
	}
	return rows, total, nil
}

// eachAttemptFront calls fn with each attempt of application id, in
// number order, read as far as decodeAttemptFront reads.
func (t *txn) eachAttemptFront(id string, fn func(k []byte, a attemptHead) error) error {
	b := t.bucket(bucketAttempts)
	if b == nil {
		return nil
	}
	prefix := idPrefix(id)
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		a, err := decodeAttemptFront(v)
		if err != nil {
			return fmt.Errorf("%w (bad attempt %q: %v)", ErrCorrupt, k, err)
		}
		if err := fn(k, a); err != nil {
			return err
		}
	}
	return nil
}

// decisionLite reads the decision of record at attempt key k without its
// feedback; nil while the attempt is pending.
func (t *txn) decisionLite(k []byte) (*review.Decision, error) {
	b := t.bucket(bucketDecisions)
	if b == nil {
		return nil, nil
	}
	return decodeDecisionLite(k, b.Get(k))
}

// eachDecisionLite calls fn with every decision of record whose stored
// JSON holds each of need, without feedback, in attempt key order.
func (t *txn) eachDecisionLite(need [][]byte, fn func(k []byte, d *review.Decision) error) error {
	b := t.bucket(bucketDecisions)
	if b == nil {
		return nil
	}
	return b.ForEach(func(k, v []byte) error {
		for _, n := range need {
			if !bytes.Contains(v, n) {
				return nil
			}
		}
		d, err := decodeDecisionLite(k, v)
		if err != nil || d == nil {
			return err
		}
		return fn(k, d)
	})
}

// decodeDecisionLite decodes a stored decision at attempt key k without
// its feedback; nil for no value.
func decodeDecisionLite(k, v []byte) (*review.Decision, error) {
	if v == nil {
		return nil, nil
	}
	key, ok := decodeAttemptKey(k)
	var dl decisionLite
	if err := json.Unmarshal(v, &dl); err != nil || !ok {
		return nil, fmt.Errorf("%w (bad decision %q: %v)", ErrCorrupt, k, err)
	}
	return &review.Decision{Application: key.Application, Attempt: key.Attempt, Reviewer: dl.Reviewer, DecidedAt: dl.DecidedAt,
		Outcome: dl.Outcome, Levels: dl.Levels, RubricVersion: dl.RubricVersion}, nil
}

// decodeAttemptFront decodes a stored attempt's attemptHead fields and
// stops there: they come before the evidence, which can be tens of
// kilobytes a dashboard list has no use for (json.Unmarshal would scan it
// all). A field out of that order is still found, only later.
func decodeAttemptFront(v []byte) (attemptHead, error) {
	var a attemptHead
	dec := json.NewDecoder(bytes.NewReader(v))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return a, fmt.Errorf("not a JSON object (%v)", err)
	}
	fields := map[string]any{"application": &a.Application, "pseudonym": &a.Pseudonym, "credential": &a.Credential,
		"rubric_version": &a.RubricVersion, "attempt": &a.Number, "submitted_at": &a.SubmittedAt}
	for len(fields) > 0 && dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return a, err
		}
		name, _ := tok.(string)
		dst, ok := fields[name]
		if !ok {
			var skip json.RawMessage
			dst = &skip
		}
		if err := dec.Decode(dst); err != nil {
			return a, err
		}
		delete(fields, name)
	}
	return a, nil
}

// AttemptLogs is the history of the application of attempt key: every
// attempt, oldest first, with its decision of record and each change to
// it. An unknown application wraps ErrNotFound.
func (s *Store) AttemptLogs(key review.AttemptKey) ([]review.AttemptLog, error) {
	var out []review.AttemptLog
	err := s.view(func(t *txn) error {
		app, ok, err := t.application(key.Application)
		if err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("application of %s: %w", key, ErrNotFound)
		}
		sa, err := t.storedApp(app.ID)
		if err != nil {
			return err
		}
		for _, a := range sa.attempts {
			log := review.AttemptLog{Handle: review.Attempt{Pseudonym: app.Pseudonym, Number: a.Number}.Handle(), SubmittedAt: a.SubmittedAt}
			if d, ok, err := t.decision(a.key()); err != nil {
				return err
			} else if ok {
				log.Decision = &d
			}
			if log.History, err = t.history(a.key()); err != nil {
				return err
			}
			out = append(out, log)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	return out, nil
}
