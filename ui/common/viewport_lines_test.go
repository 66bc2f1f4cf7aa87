package common

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/viewport"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// TestVisibleIsViewportUnpadded: the visible lines, padded to the width
// and height, are what the viewport draws, at every scroll position, for
// text narrower and wider than the viewport, styled or not; text with a
// tab (which lipgloss widens as it pads) is marked as such.
func TestVisibleIsViewportUnpadded(t *testing.T) {
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.TrueColor)
	bold := r.NewStyle().Bold(true).Foreground(lipgloss.Color("#ff8700"))
	text := strings.Join([]string{
		bold.Render("# Rubric") + "  ",
		"a line",
		"a much longer line that is wider than the narrow viewports below",
		"",
		"café ☕ wide 漢字 cells " + bold.Render("styled"),
		"crlf line\r\nnext",
		"last",
	}, "\n")
	if SplitViewportLines(text).Tabs || !SplitViewportLines("a\tb").Tabs {
		t.Fatal("Tabs does not say whether the text has a tab")
	}
	for _, w := range []int{8, 20, 80} {
		for _, h := range []int{3, 12} {
			vp := viewport.New(w, h)
			vp.SetContent(text)
			v := SplitViewportLines(text)
			for y := range len(v.Lines) + 2 {
				vp.SetYOffset(y)
				lines := strings.Split(v.Visible(vp.YOffset, w, h), "\n")
				for len(lines) < h {
					lines = append(lines, "")
				}
				for i, l := range lines {
					lines[i] = l + strings.Repeat(" ", max(w-ansi.StringWidth(l), 0))
				}
				if got, want := strings.Join(lines, "\n"), vp.View(); got != want {
					t.Fatalf("%dx%d from line %d:\nVisible padded\n%q\nView\n%q", w, h, vp.YOffset, got, want)
				}
			}
		}
	}
}

// TestScrollMovesAsTheText: a viewport given the text's lines by Scroll
// (blank stand-ins) scrolls exactly as one given the text, through every
// way the panes scroll it; text with a tab is given whole.
func TestScrollMovesAsTheText(t *testing.T) {
	texts := []string{"", "one line", "a\nb\nc", strings.Repeat("a line of evidence\n", 60) + "end", "x\r\ny\r\nz"}
	ops := []func(*viewport.Model){
		func(vp *viewport.Model) { vp.LineDown(1) },
		func(vp *viewport.Model) { vp.HalfViewDown() },
		func(vp *viewport.Model) { vp.ViewDown() },
		func(vp *viewport.Model) { vp.GotoBottom() },
		func(vp *viewport.Model) { vp.LineUp(3) },
		func(vp *viewport.Model) { vp.SetYOffset(40) },
		func(vp *viewport.Model) { vp.ViewUp() },
		func(vp *viewport.Model) { vp.GotoTop() },
	}
	for _, text := range texts {
		for _, h := range []int{1, 5, 30} {
			want, got := viewport.New(20, h), viewport.New(20, h)
			want.SetContent(text)
			SplitViewportLines(text).Scroll(&got)
			for i, op := range ops {
				op(&want)
				op(&got)
				if got.YOffset != want.YOffset || got.AtBottom() != want.AtBottom() || got.TotalLineCount() != want.TotalLineCount() || got.ScrollPercent() != want.ScrollPercent() {
					t.Fatalf("%q at height %d, step %d: offset %d bottom %v lines %d, want %d %v %d", text, h, i, got.YOffset, got.AtBottom(), got.TotalLineCount(), want.YOffset, want.AtBottom(), want.TotalLineCount())
				}
			}
		}
	}
	tabbed := viewport.New(10, 2)
	SplitViewportLines("a\tb").Scroll(&tabbed)
	if !strings.Contains(tabbed.View(), "a") {
		t.Errorf("text with a tab: the viewport draws %q, not the text", tabbed.View())
	}
}
