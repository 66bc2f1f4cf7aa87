package store

import (
	"cmp"
	"slices"
	"strings"

	"assessor/review"
)

// migrateTo11 flags, in stored attempts, the e-mail addresses that
// redaction cut at the candidate's district or state: earlier releases
// redacted "lani.kai@kaimuki.org" of a candidate from Kaimuki to
// "lani.kai@[candidate district].org", which their scan then no longer
// read as an address, so another person's address reached reviewers
// unflagged. Only such addresses are added to an attempt's flags; the
// flags it had, open or worked, stay as they were.
// Attempts without a marker beside an "@" are not scanned.
func migrateTo11(t *txn) error { return t.eachStoredAttempt(t.flagCutAddresses) }

// flagCutAddresses is migrateTo11 on one attempt.
func (t *txn) flagCutAddresses(k review.AttemptKey, sc *review.LeakScanner) error {
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
	if slices.ContainsFunc(texts, cutAddress) {
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
			if text, err := review.AttachmentText(at.Type, data); err == nil && cutAddress(text) {
				found = append(found, sc.ScanAttachment(i, j+1, text, &c)...)
			}
		}
	}
	var cut []review.Leak
	for _, l := range found {
		if l.Kind != review.LeakEmail || slices.Contains(a.Leaks, l) {
			continue
		}
		text, err := t.spanText(a.Parts, a.Note, l, nil)
		if err != nil {
			return err
		}
		if cutAddress(text[l.Start:l.End]) {
			cut = append(cut, l)
		}
	}
	if len(cut) == 0 {
		return nil
	}
	// In the order import gives them (by place, then start): the screens
	// mark a text's spans in one pass from its start. Work recorded on
	// the flags there were names their spans, not their numbers.
	a.Leaks = append(a.Leaks, cut...)
	slices.SortStableFunc(a.Leaks, func(x, y review.Leak) int {
		return cmp.Or(cmp.Compare(x.Part, y.Part), cmp.Compare(x.File, y.File), cmpBool(x.Attachment, y.Attachment),
			cmpBool(!x.Title, !y.Title), cmp.Compare(x.Start, y.Start))
	})
	if err := t.putRaw(bucketLeakIndex, attemptKey(k), nil); err != nil {
		return err
	}
	if err := t.requeueFlags(a, review.LeakParts(a.Leaks)); err != nil {
		return err
	}
	return t.putAttempt(a, nil)
}

// cutAddress reports whether text may hold an address redaction cut: an
// "@" and the marker of a district or state.
func cutAddress(text string) bool {
	return strings.Contains(text, "@") && (strings.Contains(text, review.MarkDistrict) || strings.Contains(text, review.MarkState))
}

// cmpBool orders false before true.
func cmpBool(x, y bool) int {
	switch {
	case x == y:
		return 0
	case !x:
		return -1
	}
	return 1
}
