package evidence

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/viewport"
	"github.com/charmbracelet/x/ansi"

	"assessor/ui/styles"
)

// Search is `/` in one scrolling view (the evidence, a file, a diff, an
// attempt's feedback): the query, the lines that hold it, and the match
// last jumped to, so n and N step from there as in less.
type Search struct {
	query string
	text  string // the text the lines were found in
	lines []int  // lines holding the query, in order
	at    int    // index into lines of the current match, -1 before one
}

// Find scrolls vp to the next (dir 1) or previous (dir −1) line of text
// holding query, ignoring case and styling. A new query (or new text)
// starts from the top visible line; n and N then step from the current
// match, wrapping around at either end.
func (s *Search) Find(vp *viewport.Model, text, query string, dir int) {
	if query == "" {
		*s = Search{} // the search ends: no mark, no match
		return
	}
	if query != s.query || text != s.text {
		s.query, s.text, s.lines, s.at = query, text, nil, -1
		q := strings.ToLower(query)
		for i, l := range strings.Split(ansi.Strip(text), "\n") {
			if strings.Contains(strings.ToLower(l), q) {
				s.lines = append(s.lines, i)
			}
		}
	}
	if len(s.lines) == 0 {
		return
	}
	ref := vp.YOffset - 1 // a fresh search may match the top line itself
	if s.at >= 0 {
		ref = s.lines[s.at]
	} else if dir < 0 {
		ref = vp.YOffset
	}
	s.at = s.step(ref, dir)
	vp.SetYOffset(s.lines[s.at])
}

// step is the index of the first match after (dir 1) or before (dir −1)
// line ref, wrapping around.
func (s Search) step(ref, dir int) int {
	if dir >= 0 {
		for i, l := range s.lines {
			if l > ref {
				return i
			}
		}
		return 0
	}
	for i := len(s.lines) - 1; i >= 0; i-- {
		if s.lines[i] < ref {
			return i
		}
	}
	return len(s.lines) - 1
}

// Active reports whether there is a query to step through with n and N.
func (s Search) Active() bool { return s.query != "" }

// Status says what the last Find found, for the status line.
func (s Search) Status() string {
	switch {
	case s.query == "":
		return ""
	case len(s.lines) == 0:
		return fmt.Sprintf("/%s: not found", s.query)
	}
	return fmt.Sprintf("/%s: match %d of %d · n next, N previous", s.query, s.at+1, len(s.lines))
}

// Marked is text with the current match shown where it stands, as less
// does: on the match's line each occurrence of the query is reversed, or
// put between ⟨ and ⟩ where styling does not show. That line loses its
// other styling while it is the current match.
func (s Search) Marked(text string, st *styles.Styles) string {
	if s.at < 0 || s.at >= len(s.lines) || text != s.text {
		return text
	}
	lines := strings.Split(text, "\n")
	i := s.lines[s.at]
	plain := ansi.Strip(lines[i])
	style := st.Selected.Render
	if st.Selected.Render("x") == "x" {
		style = func(strs ...string) string { return "⟨" + strings.Join(strs, "") + "⟩" }
	}
	lower, q := strings.ToLower(plain), strings.ToLower(s.query)
	if len(lower) != len(plain) {
		lines[i] = style(plain) // case folding moved the bytes: mark the line
		return strings.Join(lines, "\n")
	}
	var b strings.Builder
	for {
		j := strings.Index(lower, q)
		if j < 0 {
			break
		}
		b.WriteString(plain[:j] + style(plain[j:j+len(q)]))
		plain, lower = plain[j+len(q):], lower[j+len(q):]
	}
	b.WriteString(plain)
	lines[i] = b.String()
	return strings.Join(lines, "\n")
}
