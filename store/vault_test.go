package store

import (
	"fmt"

	"assessor/review"
)

// Candidate reads the identity behind an application from the vault without
// an audit record. It exists for tests only: production code reads the vault
// through Reveal, which checks the role and audits the read.
func (s *Store) Candidate(applicationID string) (review.Candidate, error) {
	var c review.Candidate
	err := s.view(func(t *txn) error {
		var ok bool
		var err error
		if c, ok, err = t.candidate(applicationID); err == nil && !ok {
			err = fmt.Errorf("candidate of application %s: %w", applicationID, ErrNotFound)
		}
		return err
	})
	return c, err
}
