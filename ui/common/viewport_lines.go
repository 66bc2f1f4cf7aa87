package common

import (
	"strings"

	"github.com/charmbracelet/bubbles/viewport"
	"github.com/charmbracelet/x/ansi"
)

// ViewportLines is a text split into lines as a bubbles viewport holds it,
// so a pane can hand over its visible lines without the viewport's padding
// (Visible): the viewport's View has lipgloss wrap, align and measure the
// whole pane again on every drawing, and the review screen pads each line
// itself as it draws the border around it (ui/reviewer/frame.go).
//
// Lines are measured only when first shown: a new review screen used to
// measure every line of its evidence and rubric twice, once here and once
// in the viewport's SetContent, about a quarter of the cost of opening an
// attempt, for the few dozen lines on screen (Scroll).
//
// Lipgloss turns tabs into spaces as it pads, so text with tabs must be
// drawn by the viewport (Tabs says so); the evidence is untabified before
// it gets here.
type ViewportLines struct {
	Lines  []string
	Tabs   bool // a line has a tab: Visible would not match View
	text   string
	widths []int // cells+1 of each line once measured, 0 before
}

// SplitViewportLines splits text as viewport.SetContent does.
func SplitViewportLines(text string) ViewportLines {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	lines := strings.Split(text, "\n")
	return ViewportLines{Lines: lines, Tabs: strings.Contains(text, "\t"), text: text, widths: make([]int, len(lines))}
}

// Scroll gives vp the text to scroll over. A pane drawn by Visible needs
// the viewport only for its offset, which depends on the number of lines
// alone, so vp gets that many blank lines, which it measures for nothing;
// text with tabs, which the viewport must draw, it gets whole.
func (v ViewportLines) Scroll(vp *viewport.Model) {
	if v.Tabs {
		vp.SetContent(v.text)
		return
	}
	vp.SetContent(strings.Repeat("\n", max(len(v.Lines)-1, 0)))
}

// KeepInView scrolls vp back to its last page when a taller window left
// it past its text: the viewport keeps its offset on a resize, and the
// pane then started mid-text above blank lines.
func KeepInView(vp *viewport.Model) {
	if vp.PastBottom() {
		vp.GotoBottom()
	}
}

// Visible is the h lines from y, cut to w cells as the viewport cuts them
// when a line is wider, but not padded to w×h.
func (v ViewportLines) Visible(y, w, h int) string {
	top := min(max(y, 0), len(v.Lines))
	lines := v.Lines[top:min(top+h, len(v.Lines))]
	var cut []string
	for i, l := range lines {
		if v.width(top+i) <= w {
			continue
		}
		if cut == nil {
			cut = append([]string(nil), lines...)
		}
		cut[i] = ansi.Cut(l, 0, w)
	}
	if cut != nil {
		lines = cut
	}
	return strings.Join(lines, "\n")
}

// width is line i's width in cells, measured once.
func (v ViewportLines) width(i int) int {
	if v.widths == nil { // a zero ViewportLines: measure every time
		return Width(v.Lines[i])
	}
	if v.widths[i] == 0 {
		v.widths[i] = Width(v.Lines[i]) + 1
	}
	return v.widths[i] - 1
}
