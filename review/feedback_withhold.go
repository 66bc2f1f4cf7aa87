package review

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// A candidate's feedback is the reviewer's own words, and a reviewer may
// write what the candidate must not read: another attempt's handle ("compare
// DF-7KQ2#1, which did this well") or their own id ("rev-07 thinks so").
// The export withholds both (docs/formats.md §4: no reviewer id, no
// pseudonym), replacing them with what they stood for.

// Markers that stand in the candidate's feedback for what is withheld.
const (
	MarkYourApplication    = "[your application]"
	MarkAnotherApplication = "[another application]"
	MarkReviewer           = "[reviewer]"
)

// handleShape is an application's or attempt's handle: two capitals, a
// dash, four of the pseudonym alphabet, and #n for an attempt.
var handleShape = regexp.MustCompile(`\b[A-Z]{2}-[0-9A-HJKMNP-TV-Z]{4}(?:#[0-9]+)?\b`)

// Withheld says what a candidate's feedback may not name: the candidate's
// own handle (Handle) and the ids of reviewers (Reviewers).
type Withheld struct {
	Handle    string
	Reviewers []string
}

// NewWithheld is what the feedback on the application of handle may not
// name: the handle, the ids of actors (whoever decided or changed its
// attempts) however they read, and those of the registered ids that read
// as ids, not words ("rev-07", "ana.k"): an id such as "grace" is also a
// word a reviewer may write.
func NewWithheld(handle string, registered, actors []string) Withheld {
	w := Withheld{Handle: handle}
	for _, id := range registered {
		if strings.ContainsFunc(id, func(c rune) bool { return !unicode.IsLetter(c) }) {
			w.Reviewers = append(w.Reviewers, id)
		}
	}
	for _, id := range actors {
		if id != "" && !slices.Contains(w.Reviewers, id) {
			w.Reviewers = append(w.Reviewers, id)
		}
	}
	return w
}

// Apply is text with every handle replaced by MarkYourApplication (the
// candidate's own) or MarkAnotherApplication, and every reviewer id in
// w.Reviewers, in any case, as a whole id (not inside a longer one; a full
// stop may end it), by MarkReviewer. Handles are matched as written, in
// capitals: in lower case the shape is too common a word's ("re-read").
func (w Withheld) Apply(text string) string {
	text = handleShape.ReplaceAllStringFunc(text, func(h string) string {
		if w.Handle != "" && strings.SplitN(h, "#", 2)[0] == w.Handle {
			return MarkYourApplication
		}
		return MarkAnotherApplication
	})
	for _, id := range w.Reviewers {
		if id != "" && strings.Contains(asciiLower(text), strings.ToLower(id)) {
			text = replaceID(text, id, MarkReviewer)
		}
	}
	return text
}

// replaceID replaces each whole occurrence of id in text, in any case
// ("Grace" at a sentence's start, "REV-07"), by mark: one not touching
// another id character, save a full stop that ends a sentence.
func replaceID(text, id, mark string) string {
	// Ids are ASCII: lowering ASCII letters alone keeps text's offsets.
	lower, id := asciiLower(text), strings.ToLower(id)
	var b strings.Builder
	from := 0
	for i := 0; i < len(text); {
		j := strings.Index(lower[i:], id)
		if j < 0 {
			break
		}
		start, end := i+j, i+j+len(id)
		before := start == 0 || !idByte(text[start-1])
		after := end == len(text) || !idByte(text[end]) ||
			(text[end] == '.' && (end+1 == len(text) || !idByte(text[end+1])))
		if before && after {
			b.WriteString(text[from:start])
			b.WriteString(mark)
			from = end
		}
		i = end
	}
	if from == 0 {
		return text
	}
	b.WriteString(text[from:])
	return b.String()
}

// idByte reports whether c may be part of an id ([A-Za-z0-9._-]).
func idByte(c byte) bool {
	return isAlnumByte(c) || c == '.' || c == '_' || c == '-'
}
