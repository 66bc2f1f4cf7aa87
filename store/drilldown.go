package store

import (
	"fmt"

	"assessor/review"
)

// The lead dashboard's drill-down: the attempts behind a credential,
// reviewer or criterion row, and one application's history. Both read
// attempts without their evidence (attemptLite) and carry no identity.

// DrillDown lists the attempts f picks (review.SortDrillRows's order), at
// most limit of them (0: all), and how many there are in all. It reads
// every application of the credential, or every application when f names
// none, in one transaction: a lead's screen, not a reviewer's.
func (s *Store) DrillDown(f review.DrillFilter, limit int) ([]review.DrillRow, int, error) {
	var rows []review.DrillRow
	err := s.view(func(t *txn) error {
		return t.eachApplication(func(app review.Application) error {
			if f.Credential != "" && app.Credential != f.Credential {
				return nil // skip its attempts unread
			}
			sa, err := t.storedApp(app.ID)
			if err != nil {
				return err
			}
			for i, a := range sa.attempts {
				if row, ok := f.DrillRowOf(sa.app, a.Number, a.SubmittedAt, sa.decisions[i]); ok {
					rows = append(rows, row)
				}
			}
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
