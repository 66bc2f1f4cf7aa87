package review

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// EvidencePart is one titled part of an attempt's evidence.
type EvidencePart struct {
	Title string   `json:"title"`
	Text  string   `json:"text"`
	Files []string `json:"files,omitempty"`
	// Attachments parallels Files once the files' bytes are stored:
	// Attachments[i] describes Files[i]. It is empty for evidence imported
	// with names only (assessor import --no-files) or before attachments
	// existed.
	Attachments []Attachment `json:"attachments,omitempty"`
}

// Attachment is one stored evidence file: its name as the candidate gave
// it, the sha256 of its bytes (lower-case hex, the key of the stored blob),
// its size in bytes and its media type, derived from the name's extension
// (FileType).
type Attachment struct {
	Name string `json:"name"`
	Hash string `json:"hash"`
	Size int64  `json:"size"`
	Type string `json:"type"`
	// Redacted marks the file a reviewer reads as redacted text: the text
	// of the file as submitted with the candidate's own values replaced
	// (review.Redactor), stored as plain text under Hash. The file as
	// submitted is for leads; a reviewer cannot open it with the opener
	// until a lead clears it (assessor leaks clear).
	Redacted bool `json:"redacted,omitempty"`
	// Unread marks a file whose text the import did not read: the
	// attempt's files had come to MaxAttemptFileText of text before it.
	// It is neither scanned nor shown inline.
	Unread bool `json:"unread,omitempty"`
	// Lines marks a PDF whose text is read with its lines apart, as every
	// PDF's imported since they are: the spans stored for one imported
	// before index the text as the PDF reader joined its lines, so it is
	// read that way still (FileText).
	Lines bool `json:"lines,omitempty"`
	// OfficeParts marks an Office document whose text is read with the
	// authors of its comments and changes, where its links point and a
	// workbook's comments and cell strings, as every one imported since
	// is: the spans stored for one imported before index its text without
	// them, so it is read that way still (FileText).
	OfficeParts bool `json:"office_parts,omitempty"`
}

// Attempt is one submission of evidence for an application, as a reviewer may
// see it: it carries the pseudonym and never the candidate's identity.
type Attempt struct {
	Application   string         `json:"application"` // internal id; never shown to reviewers
	Pseudonym     string         `json:"pseudonym"`
	Credential    string         `json:"credential"`
	RubricVersion int            `json:"rubric_version"`
	Number        int            `json:"attempt"`
	SubmittedAt   time.Time      `json:"submitted_at"`
	Parts         []EvidencePart `json:"parts"`
	Note          string         `json:"note,omitempty"`
	// Leaks are the likely identifying details found at import: spans
	// only, never the matched text (see LeakScanner).
	Leaks []Leak `json:"leaks,omitempty"`
}

// Handle is the reviewer-facing name of the attempt, e.g. "DF-7KQ2#2".
func (a Attempt) Handle() string { return fmt.Sprintf("%s#%d", a.Pseudonym, a.Number) }

// Key identifies the attempt.
func (a Attempt) Key() AttemptKey { return AttemptKey{a.Application, a.Number} }

// AttemptKey identifies one attempt of one application.
type AttemptKey struct {
	Application string
	Attempt     int
}

func (k AttemptKey) String() string { return fmt.Sprintf("%s#%d", k.Application, k.Attempt) }

// WordCount counts whitespace-separated words, as candidates count them.
func WordCount(s string) int {
	// As len(strings.FieldsFunc(s, unicode.IsSpace)), without the slice:
	// a review screen counts every part's words when it opens.
	n, in := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// EvidenceWordCount is WordCount of evidence as reviewers read it, each
// marker of the candidate's values ("[candidate name]", two words as
// written) counted as one word: the count is held against the rubric's
// word limit, which the candidate met with their own words, not ours.
func EvidenceWordCount(s string) int {
	n := WordCount(s)
	if strings.Contains(s, "[candidate ") {
		for _, m := range []string{MarkName, MarkEmail, MarkPhone, MarkDistrict, MarkState} {
			n -= strings.Count(s, m)
		}
	}
	return n
}

// PartNumber extracts N from a title starting "Part N" (case-insensitive), or 0.
func PartNumber(title string) int {
	t := strings.TrimSpace(title)
	if len(t) < 6 || !strings.EqualFold(t[:5], "part ") {
		return 0
	}
	n := 0
	for _, r := range t[5:] {
		if r < '0' || r > '9' {
			break
		}
		n = n*10 + int(r-'0')
	}
	return n
}
