package common

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// ViewportLines is a text split into lines as a bubbles viewport holds it,
// with the widest line's width, so a pane can hand over its visible lines
// without the viewport's padding (Visible): the viewport's View has
// lipgloss wrap, align and measure the whole pane again on every drawing,
// and the review screen pads each line itself as it draws the border
// around it (ui/reviewer/frame.go).
//
// Lipgloss turns tabs into spaces as it pads, so text with tabs must be
// drawn by the viewport (Tabs says so); the evidence is untabified before
// it gets here.
type ViewportLines struct {
	Lines   []string
	Longest int  // cells
	Tabs    bool // a line has a tab: Visible would not match View
}

// SplitViewportLines splits text as viewport.SetContent does.
func SplitViewportLines(text string) ViewportLines {
	v := ViewportLines{Lines: strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n"), Tabs: strings.Contains(text, "\t")}
	for _, l := range v.Lines {
		v.Longest = max(v.Longest, ansi.StringWidth(l))
	}
	return v
}

// Visible is the h lines from y, cut to w cells as the viewport cuts them
// when a line is wider, but not padded to w×h.
func (v ViewportLines) Visible(y, w, h int) string {
	top := min(max(y, 0), len(v.Lines))
	lines := v.Lines[top:min(top+h, len(v.Lines))]
	if v.Longest > w {
		cut := make([]string, len(lines))
		for i, l := range lines {
			cut[i] = ansi.Cut(l, 0, w)
		}
		lines = cut
	}
	return strings.Join(lines, "\n")
}
