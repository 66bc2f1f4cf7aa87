package evidence

import (
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/keymap"
	"assessor/ui/styles"
)

// Pane is the review screen's left pane: an attempt's evidence (see
// evidenceText) in a viewport, in full or as a diff against attempt n−1.
// It builds its text again only when its width or mode changed, and Gen
// counts those builds, so a drawing of the pane can be reused while Gen
// and YOffset stay the same. It scrolls only by the keys passed to Scroll.
type Pane struct {
	asg     review.Assignment
	now     func() time.Time
	st      *styles.Styles
	vp      viewport.Model
	diff    bool // showing the diff against attempt n−1
	builtW  int  // the width the text was last built for
	builtD  bool // and whether it was built as a diff
	partsAt int  // the line where the parts (or the diff) begin
	gen     int
	text    string // what the viewport holds, for Find
	wraps   []Wrap // the line breaks text's wrapping put in, for Find
	search  Search
	lines   common.ViewportLines // the text's lines, as the viewport holds them (for Visible)
	noFiles bool                 // the screen has no files view: the file lists promise no key
}

// NewPane returns the pane for a; now is the clock for days waiting, nil
// for a calibration example, which no one is waiting on.
func NewPane(st *styles.Styles, a review.Assignment, now func() time.Time) Pane {
	return Pane{asg: a, now: now, st: st, vp: keymap.NewViewport()}
}

// WithoutFilesView is the pane for a screen with no files view (no `a`
// key): its file lists say "Files:", not "Files (a to view):".
func (p Pane) WithoutFilesView() Pane {
	p.noFiles = true
	p.builtW = 0 // build again at the next SetSize
	return p
}

// SetSize sets the text area's size, building the text again when the
// width changed. Text wrapped again keeps the reader's place: the end
// stays the end, and elsewhere the same share of the text is above the
// top line (the line index alone moved the view on a narrower window).
func (p Pane) SetSize(w, h int) Pane {
	atEnd, y, n := p.vp.YOffset > 0 && p.vp.AtBottom(), p.vp.YOffset, len(p.lines.Lines)
	p.vp.Width, p.vp.Height = w, h
	p = p.build()
	if m := len(p.lines.Lines); m != n && n > 0 {
		if atEnd {
			p.vp.GotoBottom()
		} else {
			p.vp.SetYOffset(y * m / n)
		}
	}
	common.KeepInView(&p.vp)
	return p
}

// build lays the text out for the current width and mode, if it is not.
func (p Pane) build() Pane {
	if p.vp.Width == p.builtW && p.diff == p.builtD {
		return p
	}
	var now time.Time
	if p.now != nil {
		now = p.now()
	}
	p.text, p.wraps, p.partsAt = evidenceTextFor(p.asg, now, p.vp.Width, p.st, p.diff, !p.noFiles)
	p.setContent(p.text)
	p.builtW, p.builtD = p.vp.Width, p.diff
	p.gen++
	return p
}

// Replace is the pane showing a instead (the attempt as it reads after a
// lead's redaction), in the same mode and size and scrolled to the same
// line where there still is one; a search mark goes with the old text.
func (p Pane) Replace(a review.Assignment) Pane {
	y := p.vp.YOffset
	p.asg, p.builtW, p.search = a, 0, Search{}
	p = p.build()
	p.vp.SetYOffset(y)
	return p
}

// ToggleDiff switches between the full text and the diff, and scrolls to
// the parts: the feedback above them is the same in both.
func (p Pane) ToggleDiff() Pane {
	p.diff = !p.diff
	p = p.build()
	p.vp.SetYOffset(p.partsAt)
	return p
}

// Diff reports whether the pane shows the diff.
func (p Pane) Diff() bool { return p.diff }

// Scroll scrolls as k asks, if it is one of keys.
func (p Pane) Scroll(k tea.KeyMsg, keys keymap.Scroll) Pane {
	keys.Viewport(&p.vp, k)
	return p
}

// Find scrolls to the next (dir 1) or previous (dir −1) line holding
// query, also where the pane's wrapping breaks it over two lines;
// FindStatus says what it found.
func (p Pane) Find(query string, dir int) Pane {
	p.search.Find(&p.vp, p.text, p.wraps, query, dir)
	p.setContent(p.search.Marked(p.text, p.st))
	p.gen++ // the content changed: no cached drawing applies
	return p
}

// ClearFind forgets the search and its mark.
func (p Pane) ClearFind() Pane {
	p.search = Search{}
	p.setContent(p.text)
	p.gen++
	return p
}

// setContent keeps text's lines for Visible and gives the viewport their
// count to scroll over.
func (p *Pane) setContent(text string) {
	p.lines = common.SplitViewportLines(text)
	p.lines.Scroll(&p.vp)
}

// FindStatus is the last Find's result for the status line.
func (p Pane) FindStatus() string { return p.search.Status() }

// FindFound is FindStatus without n and N, for where they do not step.
func (p Pane) FindFound() string { return p.search.Found() }

// Title is the pane's title: what it shows and how far it is scrolled. The
// diff opens at its first line, below the feedback it shares with the full
// text, so its percentage counts from there: 0% where it opens.
func (p Pane) Title() string {
	t := "Evidence"
	base := 0
	if p.diff {
		t += " · diff"
		base = p.partsAt
	}
	return t + fmt.Sprintf(" %4s", keymap.Percent(p.vp, base))
}

// View draws the visible lines, padded to the text area.
func (p Pane) View() string {
	return lipgloss.NewStyle().Width(p.vp.Width).Height(p.vp.Height).Render(p.Visible())
}

// Visible is View without its padding: the visible lines, cut to the width
// as the viewport cuts them, but not padded to the full width and height,
// which View does by having lipgloss wrap, align and measure the whole
// pane again on every scroll. The review screen pads each line itself as
// it draws the border around it (ui/reviewer/frame.go).
func (p Pane) Visible() string { return p.lines.Visible(p.vp.YOffset, p.vp.Width, p.vp.Height) }

// Width and Height are the text area's size.
func (p Pane) Width() int { return p.vp.Width }

// Height is the text area's height.
func (p Pane) Height() int { return p.vp.Height }

// Gen counts the times the text was built.
func (p Pane) Gen() int { return p.gen }

// YOffset is the first visible line.
func (p Pane) YOffset() int { return p.vp.YOffset }

// AtBottom reports whether the last line is visible.
func (p Pane) AtBottom() bool { return p.vp.AtBottom() }
