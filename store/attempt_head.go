package store

import (
	"fmt"

	"assessor/review"
)

// attemptHead reads attempt k without its evidence (parts, note and
// leaks): all that the paths that check, lease or count an attempt use.
// Claims and decisions call it inside the single writer's transaction, so
// it stops reading at the evidence (decodeAttemptFront): json.Unmarshal
// scanned all of it twice, checking it and then skipping it, a quarter of
// the writer's CPU under 200 sessions.
func (t *txn) attemptHead(k review.AttemptKey) (review.Attempt, bool, error) {
	key := attemptKey(k)
	v := t.getRaw(bucketAttempts, key)
	if v == nil {
		return review.Attempt{}, false, nil
	}
	h, err := decodeAttemptFront(v)
	if err != nil {
		return review.Attempt{}, true, fmt.Errorf("%w (bad value in %q: %v)", ErrCorrupt, key, err)
	}
	return review.Attempt{
		Application: h.Application, Pseudonym: h.Pseudonym, Credential: h.Credential,
		RubricVersion: h.RubricVersion, Number: h.Number, SubmittedAt: h.SubmittedAt,
	}, true, nil
}
