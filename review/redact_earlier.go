package review

import (
	"errors"
	"fmt"
)

// ErrCandidateNamedEarlier means a candidate arrives on a later attempt of
// an application whose earlier attempt, imported without one and so never
// redacted against it, names the candidate in its evidence: the reviewer of
// the later attempt reads the earlier one (what changed, its files), and an
// import never changes a stored attempt.
var ErrCandidateNamedEarlier = errors.New("an earlier attempt was imported without one and its evidence names this candidate, which no import changes: its next reviewer would read the name there; import this line without the candidate")

// NamedIn returns where in attempt a the redactor finds its candidate, as
// the import format names a field ("parts[1].text", "note",
// "parts[0].files[2]"), or "" when nowhere: its titles, texts, note and
// file names, then the texts of its files, which fileText gives ("" for
// one whose text is not read).
func (r *Redactor) NamedIn(a Attempt, fileText func(Attachment) string) string {
	if r == nil {
		return ""
	}
	if _, _, spans := r.RedactEvidence(a.Parts, a.Note); len(spans) > 0 {
		return leakField(spans[0])
	}
	for i, p := range a.Parts {
		for j, at := range p.Attachments {
			if len(r.Spans(fileText(at))) > 0 {
				return fmt.Sprintf("parts[%d].files[%d], the file's text", i, j)
			}
		}
	}
	return ""
}

// leakField names where l is as the import format names fields.
func leakField(l Leak) string {
	switch {
	case l.Part < 0:
		return "note"
	case l.Title:
		return fmt.Sprintf("parts[%d].title", l.Part)
	case l.File > 0:
		return fmt.Sprintf("parts[%d].files[%d]", l.Part, l.File-1)
	}
	return fmt.Sprintf("parts[%d].text", l.Part)
}
