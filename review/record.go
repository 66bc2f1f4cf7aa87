package review

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Record is one parsed line of an import file (docs/formats.md §2): exactly one of
// Submission and Decision is set.
type Record struct {
	Line       int
	Submission *Submission
	Decision   *Decision
}

// Submission is an imported attempt with the candidate identity still
// attached; the store moves Candidate into the vault.
type Submission struct {
	Application string
	Credential  string
	Attempt     int
	StartedAt   time.Time // zero: defaults to attempt 1's submitted_at
	SubmittedAt time.Time
	Candidate   *Candidate
	Parts       []EvidencePart
	Note        string
}

// LineError is a bad import line: "FILE:LINE: field: message".
type LineError struct {
	File  string
	Line  int
	Field string
	Err   error
}

// Error is the one line an admin sees. It quotes input (a field named by
// a map key, a value), so it passes through Sanitize: a criterion name
// carrying an escape sequence must not reach the terminal.
func (e *LineError) Error() string {
	if e.Field == "" {
		return oneLine(fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err))
	}
	return oneLine(fmt.Sprintf("%s:%d: %s: %v", e.File, e.Line, e.Field, e.Err))
}

// oneLine is s sanitized for the terminal, on one line.
func oneLine(s string) string {
	return lineBreaks.Replace(Sanitize(s))
}

// lineBreaks are what Sanitize keeps that would not stay on one line.
var lineBreaks = strings.NewReplacer("\n", " ", "\t", " ")

func (e *LineError) Unwrap() error { return e.Err }

// Errors of import parsing.
var (
	ErrMissing     = errors.New("required field missing")
	ErrBadID       = errors.New("must be 1-64 characters of A-Z a-z 0-9 . _ -")
	ErrBadTime     = errors.New("must be an RFC 3339 time such as 2024-02-01T10:00:00Z")
	ErrBefore1970  = errors.New("is before 1970: an application starts in 1970 or later")
	ErrUnknownType = errors.New("unknown type (want submission or decision)")
	// ErrUnknownField is a field the format does not have: most often a
	// misspelt one, whose value (a candidate's identity, feedback) would
	// otherwise be dropped without a word.
	ErrUnknownField = errors.New("unknown field: a line has type, application, credential, attempt, started_at, submitted_at, candidate, parts (title, text, files), note, reviewer, decided_at, outcome, levels, feedback")
	// ErrRepeatedKey is a key given twice in one object (in any case):
	// only one of the values would be kept.
	ErrRepeatedKey = errors.New("given twice: a key may appear once in an object, in any case")
	// ErrOtherTypeField is a field of the other type of line: a submission
	// carrying a decision's levels would import without them.
	ErrOtherTypeField = errors.New("not a field of this type of line")
)

var idPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// ValidID reports whether s is a valid id (docs/formats.md: 1–64 of [A-Za-z0-9._-]).
func ValidID(s string) bool { return idPattern.MatchString(s) }

type rawLine struct {
	Type        string       `json:"type"`
	Application *string      `json:"application"`
	Credential  *string      `json:"credential"`
	Attempt     *int         `json:"attempt"`
	StartedAt   *string      `json:"started_at"`
	SubmittedAt *string      `json:"submitted_at"`
	Candidate   rawCandidate `json:"candidate"`
	Parts       rawParts     `json:"parts"`
	Note        *string      `json:"note"`
	Reviewer    *string      `json:"reviewer"`
	DecidedAt   *string      `json:"decided_at"`
	Outcome     *string      `json:"outcome"`
	Levels      rawLevels    `json:"levels"`
	Feedback    rawFeedback  `json:"feedback"`
}

// otherTypeField is the first field of raw that belongs to the other type
// of line, with why it is refused, or "".
func (raw *rawLine) otherTypeField() (field, why string) {
	if raw.Type == "submission" {
		return firstGiven(`a decision is a line of its own, with "type":"decision"`,
			given{"reviewer", raw.Reviewer != nil}, given{"decided_at", raw.DecidedAt != nil}, given{"outcome", raw.Outcome != nil},
			given{"levels", raw.Levels != nil}, given{"feedback", raw.Feedback != nil})
	}
	return firstGiven("a decision line names its attempt by application and attempt; the rest is the submission's",
		given{"credential", raw.Credential != nil}, given{"started_at", raw.StartedAt != nil}, given{"submitted_at", raw.SubmittedAt != nil},
		given{"candidate", raw.Candidate != nil}, given{"parts", raw.Parts != nil}, given{"note", raw.Note != nil})
}

// given is whether a line has a field.
type given struct {
	name string
	set  bool
}

// firstGiven is the first field of fs the line has, with why, or "".
func firstGiven(why string, fs ...given) (string, string) {
	for _, f := range fs {
		if f.set {
			return f.name, why
		}
	}
	return "", ""
}

// Bounds of an attempt's evidence text. A reviewer's screen lays the whole
// attempt out when it opens, so its text is bounded as its files are
// (FileLimits): 4 MiB is some 600,000 words, far past any submission;
// an attempt of 60 MB took a served screen 235 MB to open.
const (
	MaxParts        = 100
	MaxPartTitle    = 1000    // bytes
	MaxEvidenceText = 4 << 20 // bytes: the titles, texts, file names and note together
	MaxFiles        = 1000    // file names in all the parts: the screen lists each
	// MaxFileName bounds one file name, in bytes: Linux's PATH_MAX, so no
	// longer name is a file the import could open, and with --no-files,
	// where no file system bounds it, a name is still a name.
	MaxFileName = 4096
)

// MaxDecisionKeys bounds a decision line's levels, and its feedback: one
// for each criterion of a rubric (and overall), a few dozen at most.
const MaxDecisionKeys = 1000

// errEvidenceText is the error of an attempt whose text is over its bound.
var errEvidenceText = fmt.Errorf("the attempt's titles, texts, file names and note come to over %d MiB, the limit per attempt", MaxEvidenceText>>20)

// ParseLine parses one import line. Errors are *LineError with File unset;
// the caller knows the file.
func ParseLine(line int, data []byte) (Record, error) {
	fail := func(field string, err error) (Record, error) {
		return Record{}, &LineError{Line: line, Field: field, Err: err}
	}
	if field, ok := checkUTF8(data); !ok {
		return fail(field, ErrNotUTF8)
	}
	if at, ok := loneSurrogate(data); ok {
		return fail(fieldAt(data, at), ErrLoneSurrogate)
	}
	var raw rawLine
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		if te := (*json.UnmarshalTypeError)(nil); errors.As(err, &te) {
			return fail(te.Field, wrongType(te))
		}
		if le := (*fieldError)(nil); errors.As(err, &le) {
			return fail(le.field, le.err)
		}
		if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			return fail(cut(strings.Trim(name, `"`), MaxQuoted), ErrUnknownField)
		}
		return fail("", fmt.Errorf("bad JSON: %v", jsonMessage(err)))
	}
	// More sees a second value, but not a stray "}" or "]" after the
	// first: the rest of the line must be blank.
	if dec.More() || len(bytes.TrimSpace(data[dec.InputOffset():])) > 0 {
		return fail("", errors.New("bad JSON: more than one value on the line"))
	}
	if k := repeatedKey(data); k != "" {
		return fail(cut(k, MaxQuoted), ErrRepeatedKey)
	}
	switch raw.Type {
	case "submission", "decision":
	case "":
		return fail("type", ErrMissing)
	default:
		return fail("type", fmt.Errorf("%w: %s", ErrUnknownType, Quoted(raw.Type)))
	}
	if field, why := raw.otherTypeField(); field != "" {
		return fail(field, fmt.Errorf("%w: %s", ErrOtherTypeField, why))
	}
	app, err := needID("application", raw.Application)
	if err != nil {
		return fail("application", err)
	}
	if raw.Attempt == nil {
		return fail("attempt", ErrMissing)
	}
	if err := CheckAttempt(*raw.Attempt); err != nil {
		return fail("attempt", err)
	}
	if raw.Type == "submission" {
		s := &Submission{Application: app, Attempt: *raw.Attempt}
		if raw.Note != nil {
			s.Note = Sanitize(*raw.Note)
		}
		if s.Credential, err = needID("credential", raw.Credential); err != nil {
			return fail("credential", err)
		}
		if s.SubmittedAt, err = needTime(raw.SubmittedAt); err != nil {
			return fail("submitted_at", err)
		}
		if raw.StartedAt != nil {
			if s.StartedAt, err = needTime(raw.StartedAt); err != nil {
				return fail("started_at", err)
			}
			// As submitted_at, which comes after it (the store keys times
			// from 1970): 0001-01-01T00:00:00Z, the zero time, would read
			// as no started_at given at all.
			if s.StartedAt.Before(time.Unix(0, 0)) {
				return fail("started_at", fmt.Errorf("%s %w", Quoted(*raw.StartedAt), ErrBefore1970))
			}
		}
		if len(raw.Parts) == 0 {
			return fail("parts", errors.New("at least one part is required"))
		}
		text := len(s.Note) // of the attempt, bounded: MaxEvidenceText
		if text > MaxEvidenceText {
			return fail("note", errEvidenceText)
		}
		for i, p := range raw.Parts {
			field := fmt.Sprintf("parts[%d]", i)
			// Checked after sanitizing: a title of control characters
			// alone shows as nothing and is as missing as no title.
			var title string
			if p.Title != nil {
				title = Sanitize(*p.Title)
			}
			if strings.TrimSpace(title) == "" {
				return fail(field+".title", ErrMissing)
			}
			if len(title) > MaxPartTitle {
				return fail(field+".title", fmt.Errorf("%d bytes, over the limit of %d", len(title), MaxPartTitle))
			}
			if p.Text == nil {
				return fail(field+".text", ErrMissing)
			}
			if text += len(title) + len(*p.Text); text > MaxEvidenceText {
				return fail(field+".text", errEvidenceText)
			}
			// The files list lays each name out, as the text is.
			for j, name := range p.Files {
				if text += len(name); text > MaxEvidenceText {
					return fail(fmt.Sprintf("%s.files[%d]", field, j), errEvidenceText)
				}
			}
			s.Parts = append(s.Parts, EvidencePart{Title: title, Text: Sanitize(*p.Text), Files: p.Files})
		}
		if raw.Candidate != nil {
			c, err := parseCandidate(raw.Candidate)
			if err != nil {
				return fail("candidate", err)
			}
			// A candidate with no values identifies no one: it is absent.
			if len(c.Values()) > 0 {
				s.Candidate = c
			}
		}
		return Record{Line: line, Submission: s}, nil
	}
	d := &Decision{Application: app, Attempt: *raw.Attempt, Levels: raw.Levels, Feedback: raw.Feedback}
	if d.Reviewer, err = needID("reviewer", raw.Reviewer); err != nil {
		return fail("reviewer", err)
	}
	if d.DecidedAt, err = needTime(raw.DecidedAt); err != nil {
		return fail("decided_at", err)
	}
	if raw.Outcome == nil {
		return fail("outcome", ErrMissing)
	}
	d.Outcome = Outcome(*raw.Outcome)
	if d.Outcome != Pass && d.Outcome != Resubmit {
		return fail("outcome", fmt.Errorf("%s is not pass or resubmit", Quoted(*raw.Outcome)))
	}
	if len(d.Levels) == 0 {
		return fail("levels", ErrMissing)
	}
	for k, v := range d.Feedback {
		d.Feedback[k] = Sanitize(v)
	}
	return Record{Line: line, Decision: d}, nil
}

func needID(name string, v *string) (string, error) {
	if v == nil || *v == "" {
		return "", ErrMissing
	}
	if !ValidID(*v) {
		return "", fmt.Errorf("%s %w", Quoted(*v), ErrBadID)
	}
	return *v, nil
}

func needTime(v *string) (time.Time, error) {
	if v == nil || *v == "" {
		return time.Time{}, ErrMissing
	}
	t, err := ParseTime(*v)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %w", Quoted(*v), err)
	}
	return t, nil
}

// A candidate's identity is matched against every attempt's evidence and
// reviewers' conflicts, so it is bounded as evidence is: a name or address
// runs to tens of bytes, and a program's own attributes to a few dozen.
const (
	MaxCandidateFields = 50
	MaxCandidateValue  = 1000 // bytes, of a key or a value
)

// parseCandidate reads a candidate's fields, which decoding bounded to
// MaxCandidateFields of text (rawCandidate).
func parseCandidate(m rawCandidate) (*Candidate, error) {
	c := &Candidate{}
	from := map[string]string{} // known field → the key it came from
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		s := m[k]
		if len(k) > MaxCandidateValue || len(s) > MaxCandidateValue {
			return nil, fmt.Errorf("%s: over %d bytes, the limit of a candidate's field and its value", cut(Sanitize(k), 40), MaxCandidateValue)
		}
		// Cleaned as evidence is: an identity is matched against
		// reviewers' conflicts and evidence, and shown to leads.
		if s = Sanitize(s); strings.TrimSpace(s) == "" {
			continue // an empty field says nothing, as null does
		}
		// The key as a terminal draws it, as its value is cleaned: a key
		// "\x7fstate" is stored as "state", so it must be read as state
		// now, not kept as an extra that reads as state once stored.
		k = Sanitize(k)
		name := strings.ToLower(strings.TrimSpace(k))
		if field := c.field(k); field != nil {
			if first, twice := from[name]; twice {
				return nil, fmt.Errorf("%s: the candidate's %s is given twice (%s and %s)", Sanitize(k), name, Sanitize(first), Sanitize(k))
			}
			from[name], *field = k, s
		} else {
			if c.Extra == nil {
				c.Extra = map[string]string{}
			}
			c.Extra[k] = s
		}
	}
	return c, nil
}

// wrongType says in the import format's words what a field of the wrong
// JSON type should be ("attempt: must be a whole number, not 1.5"), not in
// Go's. A field that holds values (levels, feedback, candidate, a part's
// files) names what each value must be; a line that is not an object
// says so.
func wrongType(te *json.UnmarshalTypeError) error {
	kind := func(t reflect.Type) string {
		switch t.Kind() {
		case reflect.Int, reflect.Int64:
			return "a whole number"
		case reflect.String:
			return "text"
		case reflect.Slice:
			return "a list"
		case reflect.Bool:
			return "true or false"
		}
		return "an object"
	}
	got := te.Value
	switch {
	case strings.HasPrefix(got, "number "):
		got = strings.TrimPrefix(got, "number ")
	case got == "string":
		got = "text"
	case got == "array":
		got = "a list"
	case got == "bool":
		got = "true or false"
	case got == "number":
		got = "a number"
	case got == "object":
		got = "an object"
	}
	switch te.Field {
	case "":
		return fmt.Errorf("bad JSON: a line must be one object, not %s", got)
	case "levels", "feedback", "candidate", "parts.files":
		if te.Type.Kind() != reflect.Map && te.Type.Kind() != reflect.Slice {
			return fmt.Errorf("each value must be %s, not %s", kind(te.Type), got)
		}
	}
	return fmt.Errorf("must be %s, not %s", kind(te.Type), got)
}

// jsonMessage turns encoding/json's errors into a short message.
func jsonMessage(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("%v at byte %d", se, se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("%s must be %s, not %s", te.Field, te.Type, te.Value)
	}
	return err.Error()
}

// Equal reports whether two candidate identities match, ignoring case
// and what OneForm ignores (a name decomposed, as macOS and many web
// forms send it, or with a no-break space, is drawn as it is composed with
// one space), for the "later attempts may repeat it" rule.
func (c Candidate) Equal(o Candidate) bool {
	eq := func(a, b string) bool { return strings.EqualFold(OneForm(a), OneForm(b)) }
	if !eq(c.Name, o.Name) || !eq(c.Email, o.Email) || !eq(c.District, o.District) || !eq(c.State, o.State) || len(c.Extra) != len(o.Extra) {
		return false
	}
	for k, v := range c.Extra {
		if !eq(v, o.Extra[k]) {
			return false
		}
	}
	return true
}
