package styles

import (
	"io"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// TestLinesDrawAsRender: each of Styles.Lines draws what its style's
// Render draws, on every colour profile and background, with and without
// NO_COLOR, for lines of every kind (spaces of every sort, wide runes,
// several strings) and for what it hands to Render (tabs, breaks,
// escapes, the empty line); and the styles the evidence pane draws most
// are drawn without Render on a colour terminal.
func TestLinesDrawAsRender(t *testing.T) {
	lines := [][]string{
		{"Part 1: Overview questions"}, {"412 / 500 words"}, {"a"}, {" "}, {"  lead and trail  "},
		{"x\u00a0y\u2003z\u3000"}, {"漢字 and ⚑ and é"}, {"two", "strings"}, {""},
		{"tab\there"}, {"two\nlines"}, {"cr\r\n"}, {"\x1b[31mred\x1b[0m"},
	}
	for _, p := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI, termenv.Ascii} {
		for _, dark := range []bool{true, false} {
			for _, noColor := range []bool{false, true} {
				r := lipgloss.NewRenderer(io.Discard)
				r.SetColorProfile(p)
				r.SetHasDarkBackground(dark)
				s := New(r, noColor)
				pairs := map[string]struct {
					line  Line
					style lipgloss.Style
				}{
					"Header": {s.Lines.Header, s.Header}, "Faint": {s.Lines.Faint, s.Faint},
					"Section": {s.Lines.Section, s.Section}, "Label": {s.Lines.Label, s.Label},
					"Warn": {s.Lines.Warn, s.Warn}, "NotYet": {s.Lines.NotYet, s.NotYet}, "Meets": {s.Lines.Meets, s.Meets},
					"Status": {s.Lines.Status, s.Status}, "ErrStatus": {s.Lines.ErrStatus, s.ErrStatus},
					"PaneTitle": {s.Lines.PaneTitle, s.PaneTitle}, "Outcome": {s.Lines.Outcome, s.Outcome},
				}
				for _, lvl := range []string{"", "meets", "not-yet"} {
					if got, want := s.LevelLine(lvl, "meets").Render("level"), s.Level(lvl, "meets").Render("level"); got != want {
						t.Errorf("profile %v, level %q: drew %q, Render %q", p, lvl, got, want)
					}
				}
				for name, pr := range pairs {
					for _, l := range lines {
						if got, want := pr.line.Render(l...), pr.style.Render(l...); got != want {
							t.Errorf("profile %v, dark %v, NO_COLOR %v, %s %q: drew %q, Render %q", p, dark, noColor, name, l, got, want)
						}
					}
				}
				if p == termenv.TrueColor && !noColor {
					if s.Lines.Faint.mode != lineWhole || s.Lines.Section.mode != lineByRunes {
						t.Errorf("Faint and Section are drawn in modes %d and %d, want %d and %d (not by Render)",
							s.Lines.Faint.mode, s.Lines.Section.mode, lineWhole, lineByRunes)
					}
				}
			}
		}
	}
	// Padding and a set string are written around the text as well; a
	// width, a maximum or a transform are left to Render.
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	for _, st := range []lipgloss.Style{r.NewStyle().Bold(true).Padding(0, 1), r.NewStyle().SetString("set").Italic(true)} {
		if l := NewLine(st); l.mode == lineRender || l.Render("a b") != st.Render("a b") {
			t.Errorf("style %q: mode %d, drew %q, Render %q", st.Render("x"), l.mode, l.Render("a b"), st.Render("a b"))
		}
	}
	long := "a line longer than any maximum width these styles set, and then some"
	for _, st := range []lipgloss.Style{r.NewStyle().Width(20), r.NewStyle().Bold(true).MaxWidth(30), r.NewStyle().Transform(func(s string) string { return s + "!" })} {
		if l := NewLine(st); l.mode != lineRender || l.Render(long) != st.Render(long) {
			t.Errorf("style %q: mode %d, drew %q, Render %q", st.Render("x"), l.mode, l.Render(long), st.Render(long))
		}
	}
}
