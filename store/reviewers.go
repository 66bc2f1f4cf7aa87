package store

import (
	"encoding/json"
	"fmt"

	"assessor/review"
)

// AddReviewer creates or replaces a reviewer. The id must be a valid id
// (docs/formats.md); an empty role means review.RoleReviewer.
func (s *Store) AddReviewer(r review.Reviewer) error {
	if !review.ValidID(r.ID) {
		return fmt.Errorf("reviewer id %q: %w: %w", r.ID, ErrInvalid, review.ErrBadID)
	}
	switch r.Role {
	case "":
		r.Role = review.RoleReviewer
	case review.RoleReviewer, review.RoleLead, review.RoleAdmin:
	default:
		return fmt.Errorf("reviewer %s: %w role %q (want reviewer, lead or admin)", r.ID, ErrInvalid, r.Role)
	}
	return s.update(func(t *txn) error { return t.put(bucketReviewers, []byte(r.ID), r) })
}

// Reviewer returns the reviewer with the given id; an unknown id wraps
// ErrNotFound.
func (s *Store) Reviewer(id string) (review.Reviewer, error) {
	var r review.Reviewer
	err := s.view(func(t *txn) error {
		var ok bool
		var err error
		if r, ok, err = t.reviewer(id); err == nil && !ok {
			err = fmt.Errorf("reviewer %s: %w", id, ErrNotFound)
		}
		return err
	})
	return r, err
}

// Reviewers lists every reviewer, sorted by id.
func (s *Store) Reviewers() ([]review.Reviewer, error) {
	var out []review.Reviewer
	err := s.view(func(t *txn) error {
		b := t.bucket(bucketReviewers)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var r review.Reviewer
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("%w (bad reviewer %q: %v)", ErrCorrupt, k, err)
			}
			out = append(out, r)
			return nil
		})
	})
	return out, err
}
