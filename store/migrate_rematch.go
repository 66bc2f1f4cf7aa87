package store

import (
	"slices"

	"assessor/review"
)

// to8 redacts every stored attempt again with this release's
// matching, and reads the files this release reads as text (Word, HTML,
// a file of no known type that holds text, …) that earlier ones did not.
// Earlier releases read a name hidden by invisible or control
// characters, look-alike letters, an ʻokina or an apostrophe, and a
// district written without its kind, as no match, so the reviewer's copy
// may still show them (review/fold.go, review/invisible.go). Only what
// the new matching finds in the reviewer's copy is replaced; open flags
// move with the text or go with what they marked; the evidence as
// submitted records the new spans beside the old; a file read as text
// for the first time, and every part's title, are flagged as import now
// flags them.
var to8 = attemptStep{
	which: (*txn).storedAttemptKeys,
	each: func(t *txn, k review.AttemptKey, sc *review.LeakScanner) error {
		return t.redactStoredAgain(k, sc, true)
	},
}

// redactAgain redacts one stored attempt's reviewer copy in place with
// this release's matching, for a step after to8, which scanned the
// titles: scanning them again would flag twice what was flagged, and
// again what a lead cleared.
func (t *txn) redactAgain(k review.AttemptKey, sc *review.LeakScanner) error {
	return t.redactStoredAgain(k, sc, false)
}

// redactStoredAgain redacts one stored attempt's reviewer copy in place, and
// with scanTitles flags what its parts' titles hold.
func (t *txn) redactStoredAgain(k review.AttemptKey, sc *review.LeakScanner, scanTitles bool) error {
	a, c, ok, err := t.attemptOfCandidate(k)
	if err != nil || !ok {
		return err
	}
	r := review.NewRedactor(&c)
	parts, note, spans := r.RedactEvidence(a.Parts, a.Note)
	released, err := t.releasedFiles(k)
	if err != nil {
		return err
	}
	files, err := t.redactFileTexts(parts, r, true, released)
	if err != nil {
		return err
	}
	spans = append(spans, files.spans...)
	kept := review.ShiftLeaks(a.Leaks, spans)
	// Releases before schema 8 did not scan titles for others' details.
	// The step to 4 scans with this release's scanner, which does: what
	// it flagged in a title is not flagged again.
	var titles []review.Leak
	if scanTitles {
		titles = slices.DeleteFunc(sc.Scan(files.parts, "", &c), func(l review.Leak) bool { return !l.Title })
		if titles, err = t.unflagged(k, kept, titles); err != nil {
			return err
		}
	}
	if len(spans) == 0 && !files.changed && len(titles) == 0 {
		return nil
	}
	if len(spans) > 0 {
		orig, had, err := t.submitted(k)
		if err != nil {
			return err
		}
		if had {
			// The new spans, found where they are in the evidence as submitted.
			_, _, more := r.RedactEvidence(orig.Parts, orig.Note)
			asSubmitted, err := t.redactFileTexts(orig.Parts, r, false, released)
			if err != nil {
				return err
			}
			orig.Redacted = review.AddSpans(orig.Redacted, append(more, asSubmitted.spans...))
		} else {
			// Nothing was redacted before: the reviewer's copy is as submitted.
			orig = submittedEvidence{Parts: a.Parts, Note: a.Note, Redacted: spans}
		}
		if err := t.putSubmitted(k, orig); err != nil {
			return err
		}
	}
	a.Parts, a.Note = files.parts, note
	if _, err := t.indexLeaks(&a, kept); err != nil {
		return err
	}
	if _, err := t.recordFileLeaks(&a, append(titles, scanTexts(files.fresh, sc, &c)...)); err != nil {
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

// filesRedacted is what redactFileTexts found in, and did to, the files of
// an attempt's parts.
type filesRedacted struct {
	parts   []review.EvidencePart // a copy when changed
	spans   []review.Leak         // r's values in the files' texts
	fresh   []fileText            // files read as text for the first time, as reviewers now read them
	changed bool
}

// redactFileTexts finds r's values in the text of each stored file of
// parts that this release reads as text, redacted copies included. With
// store set, each file with a find is replaced in a copy of parts by its
// redacted text, as import does (redactFile), and a file an earlier
// release did not read as text gets the type this one gives it. The files
// in released (part, file), which a lead gave reviewers as submitted, are
// left as they are.
func (t *txn) redactFileTexts(parts []review.EvidencePart, r *review.Redactor, store bool, released map[[2]int]bool) (filesRedacted, error) {
	out := filesRedacted{parts: parts}
	blobs := t.bucket(bucketBlobs)
	if blobs == nil {
		return out, nil
	}
	for i, p := range parts {
		for j, at := range p.Attachments {
			if released[[2]int{i, j + 1}] {
				continue
			}
			data := blobs.Get([]byte(at.Hash))
			typ := at.Type
			if !review.TextLike(typ) && data != nil {
				typ = review.TypeOf(at.Name, data)
			}
			if data == nil || !review.TextLike(typ) {
				continue
			}
			typed := at
			typed.Type = typ
			text, err := review.FileText(typed, data)
			if err != nil {
				continue
			}
			found := r.Spans(text)
			for _, l := range found {
				l.Part, l.File, l.Attachment = i, j+1, true
				out.spans = append(out.spans, l)
			}
			retyped := typ != at.Type
			if !store || (len(found) == 0 && !retyped) {
				continue
			}
			if !out.changed {
				out.parts, out.changed = review.CloneParts(parts), true
			}
			file := &out.parts[i].Attachments[j]
			if len(found) > 0 {
				text = review.ReplaceSpans(text, found)
				if err := t.redactFile(file, text); err != nil {
					return filesRedacted{}, err
				}
			} else {
				file.Type = typ
			}
			if retyped {
				out.fresh = append(out.fresh, fileText{part: i, file: j + 1, text: text})
			}
		}
	}
	return out, nil
}

// releasedFiles are the files of attempt k, as (part, file), that a lead
// released to reviewers as submitted (leaks clear HANDLE fN): an audited
// decision, which redacting the attempt again must not undo.
func (t *txn) releasedFiles(k review.AttemptKey) (map[[2]int]bool, error) {
	acts, err := t.flagActions(k)
	if err != nil {
		return nil, err
	}
	var out map[[2]int]bool
	for _, a := range acts {
		if a.Action == review.FlagRelease && a.Leak.Attachment {
			if out == nil {
				out = map[[2]int]bool{}
			}
			out[[2]int{a.Leak.Part, a.Leak.File}] = true
		}
	}
	return out, nil
}
