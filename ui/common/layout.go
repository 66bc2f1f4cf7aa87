package common

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/styles"
)

// Fit cuts s to at most h lines of at most w cells each. Screens call it on
// their final view as a last guard: a line wider than the terminal wraps and
// pushes the whole layout down, and too many lines scroll the header away.
func Fit(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if h > 0 && len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if Width(l) > w {
			lines[i] = ansi.Truncate(l, w, "…")
		}
	}
	return strings.Join(lines, "\n")
}

// OneLine cuts s to a single line of at most w cells.
func OneLine(s string, w int) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if Width(s) > w {
		s = ansi.Truncate(s, max(w, 1), "…")
	}
	return s
}

// Spread puts left and right on one line of width w, right-aligned, cutting
// left first when they do not both fit.
func Spread(left, right string, w int) string {
	rw := lipgloss.Width(right)
	if rw >= w-1 { // no room for the gap and any of left
		return OneLine(right, w)
	}
	left = OneLine(left, w-rw-1)
	gap := w - lipgloss.Width(left) - rw
	return left + strings.Repeat(" ", max(gap, 1)) + right
}

// Wrap word-wraps s to w cells, breaking words longer than w.
func Wrap(s string, w int) string { return WordWrap(s, max(w, 1)) }

// DaysWaiting formats the time since t in days with one decimal, e.g.
// "12.5"; from 1,000 days whole, so it keeps to the queue's five columns
// ("1037", where "1037.5" was cut to "1037…").
func DaysWaiting(t, now time.Time) string {
	d := now.Sub(t).Hours() / 24
	if d < 0 {
		d = 0
	}
	if d >= 999.95 {
		return fmt.Sprintf("%.0f", d)
	}
	return fmt.Sprintf("%.1f", d)
}

// Untabify replaces tabs, whose width the terminal decides, with spaces so
// width checks hold.
func Untabify(s string) string { return strings.ReplaceAll(s, "\t", "    ") }

// Plural is review.Plural for the screens, which count in ints.
func Plural(n int, one, many string) string { return review.Plural(n, one, many) }

// Pane draws one bordered pane, inner size w×h, around a title line and
// body: the focused pane's border is heavier (styles.PaneFocused), which
// shows without colour too.
func Pane(st *styles.Styles, title, body string, w, h int, focused bool) string {
	style := st.PaneBlurred
	if focused {
		style = st.PaneFocused
	}
	content := Fit(OneLine(st.PaneTitle.Render(title), w)+"\n"+body, w, h)
	return style.Padding(0, 1).Width(w + 2).Height(h).MaxHeight(h + 2).Render(content)
}
