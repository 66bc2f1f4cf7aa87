package store

import "assessor/review"

// to4 creates the schema 4 buckets and redacts every attempt an earlier
// release stored, as import now does (import_redact.go): what reviewers
// read loses the candidate's own values, the evidence as submitted moves
// to bucketSubmitted, and the flags, the leak index and the queue's counts
// are worked out again on the redacted copy.
var to4 = attemptStep{
	before: createBuckets(bucketSubmitted, bucketFlagActions, bucketActivity, bucketReviewTimes),
	which:  (*txn).storedAttemptKeys,
	each:   (*txn).redactStored,
}

// redactStored redacts one stored attempt in place.
func (t *txn) redactStored(k review.AttemptKey, sc *review.LeakScanner) error {
	a, c, ok, err := t.attemptOfCandidate(k)
	if err != nil || !ok {
		return err
	}
	pf := &preparedFiles{texts: t.storedTexts(a)}
	texts, changed, err := t.redactAttempt(&a, &c, pf)
	if err != nil || !changed {
		return err
	}
	if _, err := t.indexLeaks(&a, sc.Scan(a.Parts, a.Note, &c)); err != nil {
		return err
	}
	if _, err := t.recordFileLeaks(&a, scanTexts(texts, sc, &c)); err != nil {
		return err
	}
	if len(a.Leaks) == 0 { // flagged before, for what is now redacted
		if err := t.bucket(bucketLeakIndex).Delete(attemptKey(k)); err != nil {
			return err
		}
	}
	if err := t.requeueFlags(a, review.LeakParts(a.Leaks)); err != nil {
		return err
	}
	return t.putAttempt(a, nil)
}

// attemptOfCandidate reads stored attempt k and its candidate's identity;
// ok is false when either is missing (nothing to redact against).
func (t *txn) attemptOfCandidate(k review.AttemptKey) (a review.Attempt, c review.Candidate, ok bool, err error) {
	if a, ok, err = t.attempt(k); err != nil || !ok {
		return a, c, false, err
	}
	c, ok, err = t.candidate(k.Application)
	return a, c, ok, err
}

// storedTexts is the text of each stored text-like file of a, as import
// extracts it.
func (t *txn) storedTexts(a review.Attempt) []fileText {
	blobs := t.bucket(bucketBlobs)
	if blobs == nil {
		return nil
	}
	var out []fileText
	for i, p := range a.Parts {
		for j, at := range p.Attachments {
			if !review.TextLike(at.Type) || at.Redacted {
				continue
			}
			if data := blobs.Get([]byte(at.Hash)); data != nil {
				if text, err := review.FileText(at, data); err == nil {
					out = append(out, fileText{part: i, file: j + 1, text: text})
				}
			}
		}
	}
	return out
}
