package store

import "assessor/review"

// to7 redacts the part titles of every stored attempt against its
// vault entry. Earlier releases redacted texts, the note and file names at
// import but kept titles, taking them for the rubric's part names; a
// submission names its own parts, so a title may name its candidate. The
// title as submitted joins the evidence as submitted (bucketSubmitted),
// its spans beside the ones import replaced.
var to7 = attemptStep{
	which: (*txn).storedAttemptKeys,
	each: func(t *txn, k review.AttemptKey, _ *review.LeakScanner) error {
		return t.redactStoredTitles(k)
	},
}

// storedAttemptKeys lists every stored attempt, so that a step may rewrite
// the bucket it walks.
func (t *txn) storedAttemptKeys() ([]review.AttemptKey, error) {
	var keys []review.AttemptKey
	err := t.bucket(bucketAttempts).ForEach(func(k, _ []byte) error {
		if key, ok := decodeAttemptKey(k); ok {
			keys = append(keys, key)
		}
		return nil
	})
	return keys, err
}

// redactStoredTitles redacts the titles of one stored attempt in place.
func (t *txn) redactStoredTitles(k review.AttemptKey) error {
	a, c, ok, err := t.attemptOfCandidate(k)
	if err != nil || !ok {
		return err
	}
	r := review.NewRedactor(&c)
	asSubmitted := review.CloneParts(a.Parts)
	var spans []review.Leak
	for i, p := range a.Parts {
		found := r.Spans(p.Title)
		for _, l := range found {
			l.Part, l.Title = i, true
			spans = append(spans, l)
		}
		a.Parts[i].Title = review.ReplaceSpans(p.Title, found)
	}
	if len(spans) == 0 {
		return nil
	}
	// Kept evidence as submitted holds the titles as submitted: no release
	// changed them before this step.
	orig, ok, err := t.submitted(k)
	if err != nil {
		return err
	}
	if !ok {
		orig = submittedEvidence{Parts: asSubmitted, Note: a.Note}
	}
	orig.Redacted = append(orig.Redacted, spans...)
	if err := t.putSubmitted(k, orig); err != nil {
		return err
	}
	return t.putAttempt(a, nil)
}
