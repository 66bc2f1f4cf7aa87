package review

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxSnippetChars is the longest snippet text, in characters (runes). A
// snippet is a building block of feedback, not a whole review; the cap keeps
// the comment bank quick to scan and to store.
const MaxSnippetChars = 2000

// Errors of snippet validation.
var (
	ErrSnippetEmpty   = errors.New("snippet text is empty")
	ErrSnippetTooLong = fmt.Errorf("snippet text is longer than %d characters", MaxSnippetChars)
	ErrSnippetControl = errors.New("snippet text has a control character: a snippet is plain text")
)

// Snippet is one entry of a comment bank: a piece of feedback a reviewer
// saved for one criterion of one credential, to insert and adapt later.
// Owner is the reviewer it belongs to; an empty Owner marks a shared snippet,
// which a lead manages and every reviewer sees.
type Snippet struct {
	ID         string    `json:"id"`
	Credential string    `json:"credential"`
	Criterion  string    `json:"criterion"`
	Text       string    `json:"text"`
	Owner      string    `json:"owner,omitempty"` // reviewer id; "" = shared
	CreatedAt  time.Time `json:"created_at"`
}

// Shared reports whether the snippet is shared (has no owner).
func (s Snippet) Shared() bool { return s.Owner == "" }

// Validate checks the snippet's content: credential and criterion are ids
// (docs/formats.md), and the text is not blank, at most MaxSnippetChars
// long and plain text. A snippet goes into feedback on every reviewer's
// screen, so an escape sequence in it is refused here, as in a rubric,
// rather than stored for each screen to strip.
// It does not check ID, Owner or CreatedAt, which the store assigns.
func (s Snippet) Validate() error {
	switch {
	case !ValidID(s.Credential):
		return fmt.Errorf("snippet credential %q %w", s.Credential, ErrBadID)
	case !ValidID(s.Criterion):
		return fmt.Errorf("snippet criterion %q %w", s.Criterion, ErrBadID)
	case strings.TrimSpace(s.Text) == "":
		return ErrSnippetEmpty
	case utf8.RuneCountInString(s.Text) > MaxSnippetChars:
		return fmt.Errorf("%w (it has %d)", ErrSnippetTooLong, utf8.RuneCountInString(s.Text))
	}
	if r, ok := FirstControl(s.Text); ok {
		line := 1 + strings.Count(s.Text[:strings.IndexRune(s.Text, r)], "\n")
		return fmt.Errorf("%w (%U on line %d)", ErrSnippetControl, r, line)
	}
	return nil
}

// FirstLine is the first non-blank line of the text, trimmed: what a list
// of snippets shows for each.
func (s Snippet) FirstLine() string {
	for _, l := range strings.Split(s.Text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}
