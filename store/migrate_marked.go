package store

import (
	"slices"
	"strings"

	"assessor/review"
)

// to11 flags, in stored attempts, what redaction cut at the
// candidate's district or state and earlier releases' scan then no
// longer read: of a candidate from Kaimuki, another person's address
// "lani.kai@kaimuki.org" stored as "lani.kai@[candidate district].org",
// and a listed school "Kaimuki Christian School" (or the candidate's own,
// an extra field) as "[candidate district] Christian School", reached
// reviewers unflagged. Only such flags are added to an attempt's; the
// flags it had, open or worked, stay as they were. Attempts holding no
// such marker are not scanned for them. First each attempt is redacted
// again with this release's matching, which reads the name run together
// last name first ("MahoeKeala"), a phone with Unicode's other dashes,
// and one with its country code unspaced, as earlier releases did not.
var to11 = attemptStep{
	which: (*txn).storedAttemptKeys,
	each: func(t *txn, k review.AttemptKey, sc *review.LeakScanner) error {
		if err := t.redactAgain(k, sc); err != nil {
			return err
		}
		return t.flagMarkedPlaces(k, sc)
	},
}

// flagMarkedPlaces is to11 on one attempt, after redacting it again.
func (t *txn) flagMarkedPlaces(k review.AttemptKey, sc *review.LeakScanner) error {
	a, c, ok, err := t.attemptOfCandidate(k)
	if err != nil || !ok {
		return err
	}
	var found []review.Leak
	texts := []string{a.Note}
	for _, p := range a.Parts {
		texts = append(texts, p.Title, p.Text)
		texts = append(texts, p.Files...)
	}
	if slices.ContainsFunc(texts, placeMarked) {
		found = sc.Scan(a.Parts, a.Note, &c)
	}
	blobs := t.bucket(bucketBlobs)
	for i, p := range a.Parts {
		for j, at := range p.Attachments {
			if blobs == nil || !review.TextLike(at.Type) {
				continue
			}
			data := blobs.Get([]byte(at.Hash))
			if data == nil {
				continue
			}
			if text, err := review.FileText(at, data); err == nil && placeMarked(text) {
				found = append(found, sc.ScanAttachment(i, j+1, text, &c)...)
			}
		}
	}
	if len(found) == 0 {
		return nil
	}
	if found, err = t.unflagged(k, a.Leaks, found); err != nil {
		return err
	}
	var cut []review.Leak
	for _, l := range found {
		text, err := t.spanText(a.Parts, a.Note, l, nil)
		if err != nil {
			return err
		}
		if placeMarked(text[l.Start:l.End]) {
			cut = append(cut, l)
		}
	}
	if len(cut) == 0 {
		return nil
	}
	// Work recorded on the flags there were names their spans, not their
	// numbers, so they may move.
	flags, err := t.recordFileLeaks(&a, cut)
	if err != nil {
		return err
	}
	if err := t.requeueFlags(a, flags); err != nil {
		return err
	}
	return t.putAttempt(a, nil)
}

// unflagged is found without each span that overlaps one of leaks (the
// flags of attempt k) or a flag a lead worked on k: a lead who cleared a
// flag there (an earlier build's, or part of an address) has judged it.
func (t *txn) unflagged(k review.AttemptKey, leaks, found []review.Leak) ([]review.Leak, error) {
	if len(found) == 0 {
		return found, nil
	}
	acts, err := t.flagActions(k)
	if err != nil {
		return nil, err
	}
	before := slices.Clone(leaks)
	for _, act := range acts {
		before = append(before, act.Leak)
	}
	return slices.DeleteFunc(found, func(l review.Leak) bool {
		return slices.ContainsFunc(before, func(o review.Leak) bool {
			return review.SamePlace(o, l) && (o.Start < l.End && l.Start < o.End || o.Start == 0 && o.End == 0)
		})
	}), nil
}

// placeMarked reports whether text holds the marker of a district or
// state.
func placeMarked(text string) bool {
	return strings.Contains(text, review.MarkDistrict) || strings.Contains(text, review.MarkState)
}
