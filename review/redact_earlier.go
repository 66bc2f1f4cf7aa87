package review

import (
	"errors"
	"fmt"
	"slices"
)

// ErrCandidateNamedEarlier means a candidate arrives on a later attempt of
// an application whose earlier attempt, imported without one and so never
// redacted or scanned against it, names the candidate in its evidence: the
// reviewer of the later attempt reads the earlier one (what changed, its
// files), and an import never changes a stored attempt.
var ErrCandidateNamedEarlier = errors.New("an earlier attempt was imported without one and its evidence names this candidate, which no import changes: its next reviewer would read the name there; import this line without the candidate")

// NamedIn returns where in attempt a candidate who is named, as the import
// format names a field ("parts[1].text", "note", "parts[0].files[2]"), or
// "" when nowhere: what the redactor replaces (name, e-mail, district) or
// the leak scan flags of theirs (an extra field: a school, a staff id), in
// its titles, texts, note and file names, then the texts of its files,
// which fileText gives ("" for one whose text is not read). A state alone
// ("Hawaii") is too common to count.
func NamedIn(who *Candidate, a Attempt, fileText func(Attachment) string) string {
	if who == nil {
		return ""
	}
	details := *who
	details.State = ""
	r, sc := NewRedactor(&details), contactScan // it lists no names: only the candidate's own are wanted
	theirs := func(leaks []Leak) (Leak, bool) {
		i := slices.IndexFunc(leaks, func(l Leak) bool { return l.Kind == LeakCandidateDetail })
		if i < 0 {
			return Leak{}, false
		}
		return leaks[i], true
	}
	if _, _, spans := r.RedactEvidence(a.Parts, a.Note); len(spans) > 0 {
		return leakField(spans[0])
	}
	if l, ok := theirs(sc.Scan(a.Parts, a.Note, &details)); ok {
		return leakField(l)
	}
	for i, p := range a.Parts {
		for j, at := range p.Attachments {
			text := fileText(at)
			_, found := theirs(sc.ScanAttachment(i, j+1, text, &details))
			if found || len(r.Spans(text)) > 0 {
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
