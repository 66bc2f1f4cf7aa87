package store

import (
	"fmt"
	"strconv"
	"strings"

	"assessor/review"
)

// Lookup resolves a reviewer-facing handle, "DF-7KQ2#2" or "DF-7KQ2" (the
// application's latest attempt), to its attempt key, so people who only know
// the pseudonym can name an attempt. An unknown handle wraps ErrNotFound.
func (s *Store) Lookup(handle string) (review.AttemptKey, error) {
	pseudonym, num, hasNum := strings.Cut(strings.TrimSpace(handle), "#")
	var key review.AttemptKey
	err := s.view(func(t *txn) error {
		b := t.bucket(bucketPseudonyms)
		var id []byte
		if b != nil {
			id = b.Get([]byte(pseudonym))
		}
		if id == nil {
			return fmt.Errorf("%w: no application %q", ErrNotFound, pseudonym)
		}
		app, ok, err := t.application(string(id))
		if err != nil || !ok {
			return fmt.Errorf("%w: no application %q", ErrNotFound, pseudonym)
		}
		key = review.AttemptKey{Application: app.ID, Attempt: app.Attempts}
		if hasNum {
			n, err := strconv.Atoi(num)
			if err != nil || n < 1 || n > app.Attempts {
				return fmt.Errorf("%w: %s has attempts 1 to %d, not %q", ErrNotFound, pseudonym, app.Attempts, num)
			}
			key.Attempt = n
		}
		return nil
	})
	return key, err
}
