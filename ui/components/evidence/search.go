package evidence

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/viewport"
	"github.com/charmbracelet/x/ansi"

	"assessor/ui/common"
	"assessor/ui/styles"
)

// Search is `/` in one scrolling view (the evidence, a file, a diff, an
// attempt's feedback): the query, the lines that hold it, and the match
// last jumped to, so n and N step from there as in less. A line holds a
// match that starts on it, also one that goes on across a line break
// the view's wrapping put in, as the text was written.
type Search struct {
	query string
	text  string // the text the lines were found in
	wraps []Wrap // and the breaks its wrapping put in
	lines []int  // lines holding the query, in order
	at    int    // index into lines of the current match, -1 before one
}

// Find scrolls vp to the next (dir 1) or previous (dir −1) line of text
// holding query, ignoring case and styling; wraps are the breaks text's
// wrapping put in (Builder.Wraps), read as the space they took the place
// of. A new query (or new text) starts from the top visible line; n and N
// then step from the current match, wrapping around at either end.
func (s *Search) Find(vp *viewport.Model, text string, wraps []Wrap, query string, dir int) {
	if query == "" {
		*s = Search{} // the search ends: no mark, no match
		return
	}
	if query != s.query || text != s.text {
		s.query, s.text, s.wraps, s.lines, s.at = query, text, wraps, nil, -1
		q := drawnQuery(query)
		// Lowering the whole text lowers each line as lowering it alone
		// would: rune by rune.
		lines := strings.Split(strings.ToLower(ansi.Strip(text)), "\n")
		w := 0 // wraps[w] is the first wrap after line i or below it
		for i, l := range lines {
			for w < len(wraps) && int(wraps[w].line) < i {
				w++
			}
			if strings.Contains(l, q) {
				s.lines = append(s.lines, i)
			} else if w < len(wraps) && int(wraps[w].line) == i {
				r, own, _ := run(lines[i:], i, wraps[w:], len(q))
				if j := strings.Index(r, q); j >= 0 && j < own {
					s.lines = append(s.lines, i)
				}
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

// piece is where a line stands in a run: its bytes from from on are the
// run's from at on.
type piece struct{ line, from, at int }

// run is lines[0] (line first of the text) read on across the wraps after
// it as the one line it was written as: each wrap's space, if it took the
// place of one, then the next line without its indent, until the run
// holds n bytes past lines[0] or a line ends without a wrap. A match
// that starts in the run's first own bytes starts on lines[0]. ws are
// the wraps from the first after lines[0] or below it on.
func run(lines []string, first int, ws []Wrap, n int) (r string, own int, pieces []piece) {
	r, own = lines[0], len(lines[0])
	pieces = []piece{{}}
	for j := 1; j < len(lines) && len(ws) > 0 && int(ws[0].line) == first+j-1 && len(r)-own < n; j++ {
		if ws[0].space {
			r += " "
			if j == 1 {
				own++ // a match may start at the space
			}
		}
		from := 0
		if in := int(ws[0].indent); in <= len(lines[j]) && strings.Count(lines[j][:in], " ") == in {
			from = in
		}
		pieces = append(pieces, piece{line: j, from: from, at: len(r)})
		r += lines[j][from:]
		ws = ws[1:]
	}
	return r, own, pieces
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

// Status says what the last Find found, for the status line, and that n
// and N step on.
func (s Search) Status() string {
	if len(s.lines) == 0 {
		return s.Found()
	}
	return s.Found() + " · n next, N previous"
}

// Found is Status without n and N, for where they do not step on (over
// the scoring panel, where n is a level).
func (s Search) Found() string {
	switch {
	case s.query == "":
		return ""
	case len(s.lines) == 0:
		return fmt.Sprintf("/%s: not found", s.query)
	}
	return fmt.Sprintf("/%s: match %d of %d", s.query, s.at+1, len(s.lines))
}

// Marked is text with the current match shown where it stands, as less
// does: each occurrence of the query that starts on the match's line is
// reversed, or put between ⟨ and ⟩ where styling does not show, on every
// line it covers. The lines marked lose their other styling while they
// hold the current match.
func (s Search) Marked(text string, st *styles.Styles) string {
	if s.at < 0 || s.at >= len(s.lines) || text != s.text {
		return text
	}
	lines := strings.Split(text, "\n")
	i := s.lines[s.at]
	style := st.Selected.Render
	if st.Selected.Render("x") == "x" {
		style = func(strs ...string) string { return "⟨" + strings.Join(strs, "") + "⟩" }
	}
	q := drawnQuery(s.query)
	// The lines an occurrence starting on line i can reach, stripped: a
	// line a wrap goes on to holds a byte of it at least.
	plain := make([]string, 0, 2)
	for _, l := range lines[i:min(len(lines), i+len(q)+1)] {
		plain = append(plain, ansi.Strip(l))
	}
	w, _ := slices.BinarySearchFunc(s.wraps, i, func(w Wrap, i int) int { return int(w.line) - i })
	r, own, pieces := run(plain, i, s.wraps[w:], len(q))
	lower := strings.ToLower(r)
	if len(lower) != len(r) {
		lines[i] = style(plain[0]) // case folding moved the bytes: mark the line
		return strings.Join(lines, "\n")
	}
	// Each piece's spans to mark, in its line's bytes.
	spans := make([][][2]int, len(pieces))
	for from := 0; ; {
		j := strings.Index(lower[from:], q)
		if j < 0 || from+j >= own {
			break
		}
		from += j
		for k, p := range pieces {
			if a, b := max(from, p.at), min(from+len(q), p.at+len(plain[p.line])-p.from); a < b {
				spans[k] = append(spans[k], [2]int{a - p.at + p.from, b - p.at + p.from})
			}
		}
		from += len(q)
	}
	for k, p := range pieces {
		if len(spans[k]) == 0 {
			continue
		}
		var b strings.Builder
		l, last := plain[p.line], 0
		for _, sp := range spans[k] {
			b.WriteString(l[last:sp[0]] + style(l[sp[0]:sp[1]]))
			last = sp[1]
		}
		b.WriteString(l[last:])
		lines[i+p.line] = b.String()
	}
	return strings.Join(lines, "\n")
}

// drawnQuery is query lowered and written as the text it is looked for in
// was drawn (common.Drawable): Hindi evidence holds word joiners before
// its vowel signs, which the query, sanitized, does not.
// A word joiner Drawable puts after a virama at the query's end is cut:
// the text has none where a zero-width joiner follows it (क्‍ष).
func drawnQuery(query string) string {
	return strings.TrimSuffix(strings.ToLower(common.Drawable(query)), "\u2060")
}
