package store

import "assessor/review"

// migrateTo8 redacts every stored attempt again with this release's
// matching. Earlier releases read a name hidden by invisible or control
// characters, look-alike letters, an ʻokina or an apostrophe, and a
// district written without its kind, as no match, so the reviewer's copy
// may still show them (review/fold.go, review/invisible.go). Only what
// the new matching finds in the reviewer's copy is replaced; open flags
// move with the text or go with what they marked; the evidence as
// submitted records the new spans beside the old.
func migrateTo8(t *txn) error {
	keys, err := t.storedAttemptKeys()
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := t.redactAgain(k); err != nil {
			return err
		}
	}
	return nil
}

// redactAgain redacts one stored attempt's reviewer copy in place.
func (t *txn) redactAgain(k review.AttemptKey) error {
	a, c, ok, err := t.attemptOfCandidate(k)
	if err != nil || !ok {
		return err
	}
	r := review.NewRedactor(&c)
	if r == nil {
		return nil
	}
	parts, note, spans := r.RedactEvidence(a.Parts, a.Note)
	parts, fileSpans, err := t.redactFileTexts(parts, r, true)
	if err != nil {
		return err
	}
	spans = append(spans, fileSpans...)
	if len(spans) == 0 {
		return nil
	}
	orig, had, err := t.submitted(k)
	if err != nil {
		return err
	}
	if had {
		// The new spans, found where they are in the evidence as submitted.
		_, _, more := r.RedactEvidence(orig.Parts, orig.Note)
		_, moreFiles, err := t.redactFileTexts(orig.Parts, r, false)
		if err != nil {
			return err
		}
		orig.Redacted = review.AddSpans(orig.Redacted, append(more, moreFiles...))
	} else {
		// Nothing was redacted before: the reviewer's copy is as submitted.
		orig = submittedEvidence{Parts: a.Parts, Note: a.Note, Redacted: spans}
	}
	if err := t.putSubmitted(k, orig); err != nil {
		return err
	}
	a.Parts, a.Note = parts, note
	if _, err := t.indexLeaks(&a, review.ShiftLeaks(a.Leaks, spans)); err != nil {
		return err
	}
	if len(a.Leaks) == 0 {
		if err := t.bucket(bucketLeakIndex).Delete(attemptKey(k)); err != nil {
			return err
		}
	}
	if err := t.requeueFlags(a, review.LeakParts(a.Leaks)); err != nil {
		return err
	}
	return t.putAttempt(a, nil)
}

// redactFileTexts finds r's values in the text of each stored text-like
// file of parts, redacted copies included. With store set, each file with
// a find is replaced in a copy of parts by its redacted text, as import
// does (redactFile); otherwise parts is returned as it is.
func (t *txn) redactFileTexts(parts []review.EvidencePart, r *review.Redactor, store bool) ([]review.EvidencePart, []review.Leak, error) {
	blobs := t.bucket(bucketBlobs)
	if blobs == nil {
		return parts, nil, nil
	}
	var spans []review.Leak
	cloned := false
	for i, p := range parts {
		for j, at := range p.Attachments {
			if !review.TextLike(at.Type) {
				continue
			}
			data := blobs.Get([]byte(at.Hash))
			if data == nil {
				continue
			}
			text, err := review.AttachmentText(at.Type, data)
			found := r.Spans(text)
			if err != nil || len(found) == 0 {
				continue
			}
			for _, l := range found {
				l.Part, l.File, l.Attachment = i, j+1, true
				spans = append(spans, l)
			}
			if !store {
				continue
			}
			if !cloned {
				parts, cloned = review.CloneParts(parts), true
			}
			if err := t.redactFile(&parts[i].Attachments[j], review.ReplaceSpans(text, found)); err != nil {
				return nil, nil, err
			}
		}
	}
	return parts, spans, nil
}
