package review

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// Working the flags (docs/workflow.md, "Anonymity"). An attempt's Leaks are
// its open flags: what the scan found in the reviewer's copy that a lead
// has not yet worked. For each, a lead redacts it (the span becomes
// MarkRedacted in the reviewer's copy) or clears it as not identifying;
// either way it leaves Leaks, and the action, with its reason, is kept
// (FlagAction) and audited. A file whose text was redacted is read inline
// only until a lead releases it (FlagRelease), which gives the reviewer the
// file as submitted.

// Flag actions.
const (
	FlagRedact  = "redact"
	FlagClear   = "clear"
	FlagRelease = "release file"
)

// FlagAction is one thing a lead did with an attempt's flags.
type FlagAction struct {
	At     time.Time `json:"at"`
	Lead   string    `json:"lead"`
	Action string    `json:"action"`
	// Leak is the flag worked, as it was (its span in the reviewer's copy
	// then); for FlagRelease only Part and File are set.
	Leak   Leak   `json:"leak"`
	Reason string `json:"reason"`
}

// ErrNoFlag means a flag number names no open flag of the attempt.
var ErrNoFlag = errors.New("no such open flag")

// LeaksShow is the command line, after "assessor", that lists the flags
// of the attempt handle with their numbers: with a reason, which leaks
// show requires, so that pasted as printed it runs.
func LeaksShow(handle string) string { return "leaks show " + handle + ` --reason "…"` }

// ErrFlagsChanged means the flag or file at the number a lead chose is no
// longer the one they read: another lead worked the attempt's flags since.
var ErrFlagsChanged = errors.New("another lead worked this attempt's flags since you read them: read them again")

// ErrNotRedactedFile means a file to release was not redacted.
var ErrNotRedactedFile = errors.New("no such redacted file")

// ErrWorkedBeforeSubmitted means a lead would work the flags of an attempt
// whose submitted_at is after now (FlagsWorkable).
var ErrWorkedBeforeSubmitted = errors.New("worked before it was submitted")

// FlagsWorkable fails with ErrWorkedBeforeSubmitted, in one line naming
// the submission's time, while a is submitted after now: import takes
// times a little ahead of the clock (FutureSlack), and a clock may be set
// back, and the action would be recorded before the submission it
// changes, as a decision would (notBeforeSubmitted).
func FlagsWorkable(a Attempt, now time.Time) error {
	return beforeSubmitted(a, now, ErrWorkedBeforeSubmitted, "its flags can be worked")
}

// WorkFlag applies action (FlagRedact or FlagClear) to a's open flag i
// (0-based) and returns the attempt as the reviewer will read it, a copy.
// For a flag inside a file's text, text is that file's text as the
// reviewer reads it and newText the text after a redaction (the caller
// stores it); otherwise both are "". A redaction replaces the span by
// MarkRedacted and moves the spans after it in the same place.
func WorkFlag(a Attempt, i int, action, text string) (out Attempt, newText string, err error) {
	if i < 0 || i >= len(a.Leaks) {
		return a, "", ErrNoFlag
	}
	if action != FlagRedact && action != FlagClear {
		return a, "", fmt.Errorf("unknown flag action %q", action)
	}
	l := a.Leaks[i]
	out = a
	out.Leaks = slices.Delete(slices.Clone(a.Leaks), i, i+1)
	if action == FlagClear {
		return out, "", nil
	}
	out.Parts = CloneParts(a.Parts)
	replace := func(s string) (string, error) {
		if l.Start < 0 || l.End > len(s) || l.Start >= l.End {
			return "", fmt.Errorf("flag %d: span %d–%d outside its text", i+1, l.Start, l.End)
		}
		return s[:l.Start] + MarkRedacted + s[l.End:], nil
	}
	inPart := l.Part >= 0 && l.Part < len(out.Parts)
	switch {
	case l.Part < 0:
		out.Note, err = replace(out.Note)
	case !inPart:
		err = fmt.Errorf("flag %d: part %d does not exist", i+1, l.Part+1)
	case l.Attachment:
		newText, err = replace(text)
	case l.Title:
		out.Parts[l.Part].Title, err = replace(out.Parts[l.Part].Title)
	case l.File > 0 && l.File <= len(out.Parts[l.Part].Files):
		p := &out.Parts[l.Part]
		p.Files[l.File-1], err = replace(p.Files[l.File-1])
		if err == nil && l.File <= len(p.Attachments) {
			p.Attachments[l.File-1].Name = p.Files[l.File-1]
		}
	case l.File > 0:
		err = fmt.Errorf("flag %d: file %d does not exist", i+1, l.File)
	default:
		out.Parts[l.Part].Text, err = replace(out.Parts[l.Part].Text)
	}
	if err != nil {
		return a, "", err
	}
	delta := len(MarkRedacted) - (l.End - l.Start)
	for j := range out.Leaks {
		o := &out.Leaks[j]
		if SamePlace(*o, l) && o.Start >= l.End {
			o.Start += delta
			o.End += delta
		}
	}
	return out, newText, nil
}

// ReleaseFile returns a with its redacted file (part, file 1-based) given
// back as submitted (orig, the attachment as imported), keeping the
// reviewer's copy of its name; the flags inside the redacted text go, as
// they no longer fit the file the reviewer now reads.
func ReleaseFile(a Attempt, part, file int, orig Attachment) (Attempt, error) {
	if part < 0 || part >= len(a.Parts) || file < 1 || file > len(a.Parts[part].Attachments) || !a.Parts[part].Attachments[file-1].Redacted {
		return a, ErrNotRedactedFile
	}
	out := a
	out.Parts = CloneParts(a.Parts)
	at := &out.Parts[part].Attachments[file-1]
	name := at.Name
	*at = orig
	at.Name, at.Redacted = name, false
	out.Leaks = slices.DeleteFunc(slices.Clone(a.Leaks), func(l Leak) bool {
		return l.Part == part && l.File == file && l.Attachment
	})
	return out, nil
}
