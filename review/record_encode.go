package review

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// ErrEmptyRecord means a Record has neither or both of Submission and
// Decision set, so it has no single line to encode.
var ErrEmptyRecord = errors.New("record must hold exactly one of submission and decision")

// The wire structs fix the field order of docs/formats.md §2, so files written
// here read like the examples there and diff cleanly between runs.
type submissionLine struct {
	Type        string         `json:"type"`
	Application string         `json:"application"`
	Credential  string         `json:"credential"`
	Attempt     int            `json:"attempt"`
	StartedAt   string         `json:"started_at,omitempty"`
	SubmittedAt string         `json:"submitted_at"`
	Candidate   *candidateLine `json:"candidate,omitempty"`
	Parts       []partLine     `json:"parts"`
	Note        string         `json:"note,omitempty"`
}

type partLine struct {
	Title string   `json:"title"`
	Text  string   `json:"text"`
	Files []string `json:"files,omitempty"`
}

type decisionLine struct {
	Type        string            `json:"type"`
	Application string            `json:"application"`
	Attempt     int               `json:"attempt"`
	Reviewer    string            `json:"reviewer"`
	DecidedAt   string            `json:"decided_at"`
	Outcome     Outcome           `json:"outcome"`
	Levels      map[string]string `json:"levels"`
	Feedback    map[string]string `json:"feedback,omitempty"`
}

// candidateLine writes name, email, district, state first and then the
// extra fields sorted by key, all flat in one object as the contract has
// them. Extra keys that collide with the named fields are dropped: on import
// they would overwrite the field they shadow.
type candidateLine Candidate

func (c *candidateLine) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	n := 0
	field := func(k, v string) error {
		if v == "" {
			return nil
		}
		if n > 0 {
			b.WriteByte(',')
		}
		n++
		if err := writeJSONString(&b, k); err != nil {
			return err
		}
		b.WriteByte(':')
		return writeJSONString(&b, v)
	}
	for _, kv := range [...][2]string{{"name", c.Name}, {"email", c.Email}, {"district", c.District}, {"state", c.State}} {
		if err := field(kv[0], kv[1]); err != nil {
			return nil, err
		}
	}
	for _, k := range sortedKeys(c.Extra) {
		switch k {
		case "name", "email", "district", "state":
			continue
		}
		if err := field(k, c.Extra[k]); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func writeJSONString(b *bytes.Buffer, s string) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1) // Encode appends a newline
	return nil
}

// formatTime writes t in RFC 3339 UTC; fractional seconds appear only when
// present, so whole-second times look like the contract's examples and
// finer ones still round-trip.
func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// MarshalJSONL encodes the record as one import line of docs/formats.md §2,
// without the trailing newline. Optional fields that are empty (started_at,
// candidate, files, note, feedback) are omitted; Line and the decision's
// RubricVersion are not part of the line. The result parses back with
// ParseLine to an equal record.
func (r Record) MarshalJSONL() ([]byte, error) {
	var v any
	switch {
	case r.Submission != nil && r.Decision == nil:
		s := r.Submission
		line := submissionLine{
			Type:        "submission",
			Application: s.Application,
			Credential:  s.Credential,
			Attempt:     s.Attempt,
			SubmittedAt: formatTime(s.SubmittedAt),
			Parts:       make([]partLine, len(s.Parts)),
			Note:        s.Note,
		}
		if !s.StartedAt.IsZero() {
			line.StartedAt = formatTime(s.StartedAt)
		}
		if s.Candidate != nil {
			line.Candidate = (*candidateLine)(s.Candidate)
		}
		for i, p := range s.Parts {
			line.Parts[i] = partLine{Title: p.Title, Text: p.Text, Files: p.Files}
		}
		v = line
	case r.Decision != nil && r.Submission == nil:
		d := r.Decision
		v = decisionLine{
			Type:        "decision",
			Application: d.Application,
			Attempt:     d.Attempt,
			Reviewer:    d.Reviewer,
			DecidedAt:   formatTime(d.DecidedAt),
			Outcome:     d.Outcome,
			Levels:      d.Levels,
			Feedback:    d.Feedback,
		}
	default:
		return nil, ErrEmptyRecord
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	// Evidence is prose: "<" and "&" stay readable instead of \u003c.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte{'\n'}), nil
}

// WriteJSONL writes recs as an import file, one line each, in slice order.
// It stops at the first record that cannot be encoded and names its index.
func WriteJSONL(w io.Writer, recs []Record) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	for i, r := range recs {
		line, err := r.MarshalJSONL()
		if err != nil {
			return fmt.Errorf("record %d: %w", i+1, err)
		}
		bw.Write(line)
		if err := bw.WriteByte('\n'); err != nil {
			return err
		}
	}
	return bw.Flush()
}
