package markdown

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/cellbuf"
	"github.com/muesli/termenv"

	"assessor/rubrics"
)

// TestCompactLooksTheSame draws glamour's renderings of the bundled
// rubrics, and random lines of styles and text, before and after compact
// on a terminal grid, and requires every cell to look the same: the same
// character, and the same style (for a space, the same background,
// underline, reverse and strike, the parts of a style a space shows).
// Lines are drawn three ways: each on its own from no style (as the panes
// draw them), all in a row (each line starting in the style the one
// before left), and each after a background colour left by whatever was
// drawn before it.
func TestCompactLooksTheSame(t *testing.T) {
	var texts []string
	rs, err := rubrics.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	for _, style := range []string{"dark", "light", "notty", noColorStyle} {
		for _, profile := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI} {
			for _, width := range []int{38, 78, 120} {
				c := New(style, profile)
				for _, r := range rs {
					texts = append(texts, c.glamour(r.Markdown, width))
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(16, 1))
	for range 3000 {
		texts = append(texts, randomStyled(rng))
	}
	saved := 0
	for i, text := range texts {
		got := compact(text)
		saved += len(text) - len(got)
		lines, gotLines := strings.Split(text, "\n"), strings.Split(got, "\n")
		if len(lines) != len(gotLines) {
			t.Fatalf("text %d: %d lines became %d", i, len(lines), len(gotLines))
		}
		for j := range lines {
			sameLook(t, fmt.Sprintf("text %d line %d alone", i, j), lines[j], gotLines[j])
			sameLook(t, fmt.Sprintf("text %d line %d after a background", i, j), "\x1b[44m"+lines[j], "\x1b[44m"+gotLines[j])
		}
		sameLook(t, fmt.Sprintf("text %d in a row", i), text, got)
		if t.Failed() {
			return
		}
	}
	if len(rs) == 0 || saved == 0 {
		t.Fatalf("%d rubrics drawn, %d bytes saved", len(rs), saved)
	}
}

// TestCompactShrinksGlamour: the margins glamour styles space by space
// are written once a line, so a rubric's rendering shrinks by more than
// half.
func TestCompactShrinksGlamour(t *testing.T) {
	rs, err := rubrics.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	c := New("dark", termenv.TrueColor)
	md := rs[0].Markdown
	tr := c.Glamour(md, 78)
	if raw := c.glamour(md, 78); len(tr)*2 > len(raw) {
		t.Errorf("rubric %s at 78 columns: %d bytes rendered, %d compacted; want under half", rs[0].ID, len(raw), len(tr))
	}
}

// sameLook draws a and b on two grids and fails at the first cell that
// looks different.
func sameLook(t *testing.T, what, a, b string) {
	t.Helper()
	w, h := 1, strings.Count(a, "\n")+2
	for _, l := range strings.Split(a, "\n") {
		w = max(w, ansi.StringWidth(l)+1)
	}
	ga, gb := cellbuf.NewBuffer(w, h), cellbuf.NewBuffer(w, h)
	cellbuf.SetContent(ga, a)
	cellbuf.SetContent(gb, b)
	for y := range h {
		for x := range w {
			ca, cb := ga.Cell(x, y), gb.Cell(x, y)
			if ca == nil || cb == nil {
				if ca != cb {
					t.Fatalf("%s: cell %d,%d missing on one side", what, x, y)
				}
				continue
			}
			if ca.Rune != cb.Rune || ca.Width != cb.Width || string(ca.Comb) != string(cb.Comb) {
				t.Fatalf("%s: cell %d,%d is %q, was %q\nbefore %q\nafter  %q", what, x, y, cb.Rune, ca.Rune, a, b)
			}
			sa, sb := ca.Style, cb.Style
			if ca.Rune == ' ' || ca.Rune == 0 {
				sa, sb = spaceLook(sa), spaceLook(sb)
			}
			if !sa.Equal(&sb) {
				t.Fatalf("%s: cell %d,%d (%q) looks different: %+v, was %+v\nbefore %q\nafter  %q", what, x, y, ca.Rune, sb, sa, a, b)
			}
		}
	}
}

// spaceLook is the part of s a space shows.
func spaceLook(s cellbuf.Style) cellbuf.Style {
	s.Fg = nil
	s.Attrs &^= cellbuf.BoldAttr | cellbuf.FaintAttr | cellbuf.ItalicAttr
	return s
}

// randomStyled is a few lines of text and styles as glamour and lipgloss
// write them, and some they do not.
func randomStyled(rng *rand.Rand) string {
	pieces := []string{
		"\x1b[0m", "\x1b[m", "\x1b[38;5;252m", "\x1b[38;5;252m", "\x1b[38;2;125;121;246m", "\x1b[1m",
		"\x1b[1;38;5;228;48;5;63m", "\x1b[48;5;236m", "\x1b[4m", "\x1b[7m", "\x1b[3;38;5;39m", "\x1b[22m",
		"\x1b[39m", "\x1b[0;38;5;252m", "\x1b[9m", "\x1b[2m", "\x1b[49m", "\x1b[38:5:1m",
		" ", " ", " ", "  ", "   ", "word", "C1.", "漢字", "é", "—", "\n",
	}
	var b strings.Builder
	for range rng.IntN(60) {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}
