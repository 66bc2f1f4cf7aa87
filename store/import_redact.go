package store

import (
	"encoding/json"
	"fmt"

	"assessor/review"
)

// Redaction at import (docs/workflow.md, "Anonymity"). The attempt a
// reviewer reads (bucketAttempts) holds the evidence with the candidate's
// own values replaced by markers (review.Redactor): texts, the note, file
// names, and the text of files, which is stored as a plain-text blob that
// replaces the file in the reviewer's copy. The evidence as submitted goes
// to bucketSubmitted, for leads only. The leak scan then runs on what the
// reviewer reads, so its spans fit the redacted text and what stays
// flagged (another person's e-mail, a school) is what a lead must work.

// submittedEvidence is the evidence of one attempt as the candidate
// submitted it, kept when the reviewer's copy was redacted.
type submittedEvidence struct {
	Parts []review.EvidencePart `json:"parts"`
	Note  string                `json:"note,omitempty"`
	// Redacted are the spans replaced at import, in the evidence as
	// submitted (file texts: in the text AttachmentText gives), with the
	// kind of value each was.
	Redacted []review.Leak `json:"redacted,omitempty"`
}

// redactAttempt redacts a in place against who. It returns the file texts
// to scan (pf's, redacted where they were) and whether anything changed;
// when something did, the evidence as submitted is stored and the
// redacted texts of files are stored as blobs.
func (t *txn) redactAttempt(a *review.Attempt, who *review.Candidate, pf *preparedFiles) ([]fileText, bool, error) {
	var texts []fileText
	if pf != nil {
		texts = pf.texts
	}
	r := review.NewRedactor(who)
	if r == nil {
		return texts, false, nil
	}
	orig := submittedEvidence{Parts: a.Parts, Note: a.Note}
	parts, note, spans := r.RedactEvidence(a.Parts, a.Note)
	var redactedTexts []fileText
	for i, ft := range texts {
		found := r.Spans(ft.text)
		if len(found) == 0 {
			continue
		}
		text := review.ReplaceSpans(ft.text, found)
		if redactedTexts == nil {
			redactedTexts = append([]fileText(nil), texts...)
		}
		if sameParts(parts, a.Parts) {
			parts = review.CloneParts(parts)
		}
		for _, l := range found {
			l.Part, l.File, l.Attachment = ft.part, ft.file, true
			spans = append(spans, l)
		}
		redactedTexts[i].text = text
		if err := t.redactFile(&parts[ft.part].Attachments[ft.file-1], text); err != nil {
			return nil, false, err
		}
	}
	if len(spans) == 0 {
		return texts, false, nil
	}
	orig.Redacted = spans
	if err := t.putSubmitted(a.Key(), orig); err != nil {
		return nil, false, err
	}
	a.Parts, a.Note = parts, note
	if redactedTexts != nil {
		texts = redactedTexts
	}
	return texts, true, nil
}

// redactFile replaces at by its redacted text, stored as a blob of its
// own: reviewers read it inline only (review.Attachment.Redacted).
func (t *txn) redactFile(at *review.Attachment, text string) error {
	red := review.NewAttachment(at.Name, []byte(text))
	red.Name, red.Type, red.Redacted = at.Name, review.TypeText, true
	*at = red
	return t.putBlob(red.Hash, []byte(text))
}

// sameParts reports whether x and y are the same slice (not a copy).
func sameParts(x, y []review.EvidencePart) bool {
	return len(x) > 0 && len(y) > 0 && &x[0] == &y[0]
}

func (t *txn) putSubmitted(k review.AttemptKey, e submittedEvidence) error {
	data, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if t.snap != nil { // an import's snapshot: applied with its bucket
		return t.putRaw(bucketSubmitted, attemptKey(k), data)
	}
	b, err := t.createBucket(bucketSubmitted)
	if err != nil {
		return err
	}
	return b.Put(attemptKey(k), data)
}

// submitted returns the evidence of k as submitted, when its reviewer copy
// was redacted.
func (t *txn) submitted(k review.AttemptKey) (submittedEvidence, bool, error) {
	var e submittedEvidence
	b := t.bucket(bucketSubmitted)
	if b == nil {
		return e, false, nil
	}
	v := b.Get(attemptKey(k))
	if v == nil {
		return e, false, nil
	}
	if err := json.Unmarshal(v, &e); err != nil {
		return e, false, fmt.Errorf("%w (submitted evidence of %s: %v)", ErrCorrupt, k, err)
	}
	return e, true, nil
}

// scanTexts finds the leaks in file texts (pf.scan for given texts).
func scanTexts(texts []fileText, sc *review.LeakScanner, who *review.Candidate) []review.Leak {
	var out []review.Leak
	for _, ft := range texts {
		out = append(out, sc.ScanAttachment(ft.part, ft.file, ft.text, who)...)
	}
	return out
}
