package review

import (
	"maps"
	"slices"
	"unicode"
)

// A reviewer writes feedback to the candidate, and may name in it what the
// reviewer of the next attempt must not read: the candidate and their
// school ("Great work, Ms Mahoe at Hilo High"), a colleague's e-mail, or
// their own id ("signed rev-07"). So the next reviewer reads earlier
// feedback as the evidence is shown, and more strictly: no lead works flags
// on a decision's text, so what the leak scan would flag is replaced too.

// EarlierFeedback is how the reviewer of a later attempt reads the feedback
// of the application's earlier decisions. Build it with NewEarlierFeedback
// once per attempt shown.
type EarlierFeedback struct {
	redact *Redactor // the candidate's values; nil without an identity on record
	scan   *LeakScanner
	who    candidatePatterns
	ids    Withheld
}

// NewEarlierFeedback reads feedback against the candidate's identity (c,
// nil when none is on record), the scanner of the listed names (nil: none
// listed) and the reviewer ids to withhold (NewWithheld's registered and
// actors: every registered id that reads as one, and whoever decided or
// amended the application's attempts).
func NewEarlierFeedback(c *Candidate, scan *LeakScanner, registered, actors []string) *EarlierFeedback {
	var r *Redactor
	if c != nil {
		r = NewRedactor(c)
	}
	if scan == nil {
		scan = NewLeakScanner(nil)
	}
	return &EarlierFeedback{redact: r, scan: scan, who: newCandidatePatterns(c), ids: NewWithheld(nil, registered, actors)}
}

// Shown returns feedback (criterion → text) as the next reviewer reads it:
// the candidate's values by their markers (Redactor), anything
// else the leak scan finds in evidence (the candidate's other details,
// other people's e-mails and phones, listed school and district names) as
// MarkRedacted, and reviewer ids as MarkReviewer (Withheld.ApplyReviewers).
// When nothing was replaced feedback is returned as it is, else a copy.
func (e *EarlierFeedback) Shown(feedback map[string]string) map[string]string {
	out, copied := feedback, false
	for id, text := range feedback {
		shown := e.text(text)
		if shown == text {
			continue
		}
		if !copied {
			out, copied = maps.Clone(feedback), true
		}
		out[id] = shown
	}
	return out
}

// text is one feedback text as Shown returns it.
func (e *EarlierFeedback) text(text string) string {
	text, _ = e.redact.Redact(text)
	found := slices.DeleteFunc(e.scan.scanText(text, e.who), func(l Leak) bool { return shortPhone(text, l) })
	text = ReplaceSpans(text, found)
	return e.ids.ApplyReviewers(text)
}

// shortPhone reports whether l is a phone in text of fewer than 10 digits
// (555-0199), which in feedback reads as often as a range of scores or
// pages ("Lexile 925-1185"): in evidence a lead clears such a flag, but
// feedback is replaced with no one to undo it, so there only a number
// with its area code counts as a phone.
func shortPhone(text string, l Leak) bool {
	if l.Kind != LeakPhone {
		return false
	}
	n := 0
	for _, r := range text[l.Start:l.End] {
		if unicode.IsDigit(r) {
			n++
		}
	}
	return n < 10
}
