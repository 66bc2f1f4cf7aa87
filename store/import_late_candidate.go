package store

import (
	"fmt"

	"assessor/review"
)

// candidateNamedEarlier refuses who, the candidate arriving on attempt n of
// application app, when an earlier attempt, imported without a candidate,
// names them in its evidence (review.ErrCandidateNamedEarlier).
func (t *txn) candidateNamedEarlier(app string, n int, who review.Candidate) error {
	earlier, err := t.attempts(app, n)
	if err != nil {
		return err
	}
	blobs := t.bucket(bucketBlobs)
	fileText := func(at review.Attachment) string {
		var data []byte
		if blobs != nil && !at.Unread {
			data = blobs.Get([]byte(at.Hash))
		}
		text, err := review.FileText(at, data)
		if err != nil {
			return "" // a PDF not read at import: no reviewer reads its text either
		}
		return text
	}
	for _, e := range earlier {
		if where := review.NamedIn(&who, e, fileText); where != "" {
			return fieldErr("candidate", fmt.Errorf("%w (attempt %d, %s)", review.ErrCandidateNamedEarlier, e.Number, where))
		}
	}
	return nil
}
