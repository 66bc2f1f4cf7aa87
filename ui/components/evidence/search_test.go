package evidence

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"assessor/ui/internal/uitest"
	"assessor/ui/keymap"
	"assessor/ui/styles"
)

// TestSearchStepsThroughMatches: a search jumps to the first line at or
// below the top that holds the query (any case, under styling), n and N
// step on and wrap, and the status says which match of how many.
func TestSearchStepsThroughMatches(t *testing.T) {
	var lines []string
	for i := range 40 {
		l := fmt.Sprintf("line %d", i)
		if i == 5 || i == 20 || i == 33 {
			l += " \x1b[1mEner\x1b[0mgy here"
		}
		lines = append(lines, l)
	}
	text := strings.Join(lines, "\n")
	vp := keymap.NewViewport()
	vp.Width, vp.Height = 30, 5
	vp.SetContent(text)
	var s Search
	step := func(dir, wantLine, wantMatch int) {
		t.Helper()
		s.Find(&vp, text, nil, "energy", dir)
		if vp.YOffset != wantLine {
			t.Errorf("top line %d, want %d", vp.YOffset, wantLine)
		}
		if want := fmt.Sprintf("match %d of 3", wantMatch); !strings.Contains(s.Status(), want) {
			t.Errorf("status %q, want %q", s.Status(), want)
		}
	}
	vp.SetYOffset(10)
	step(1, 20, 2)  // from the top line down
	step(1, 33, 3)  // n
	step(1, 5, 1)   // n wraps
	step(-1, 33, 3) // N wraps back
	step(-1, 20, 2) // N
	s.Find(&vp, text, nil, "absent", 1)
	if s.Status() != "/absent: not found" || vp.YOffset != 20 {
		t.Errorf("no match: status %q at line %d, want not found and no scroll", s.Status(), vp.YOffset)
	}
}

// TestPaneScrollsToEnds: g/home and G/end go to the top and the bottom,
// and the title's percentage reads 0% and 100% there.
func TestPaneScrollsToEnds(t *testing.T) {
	p := NewPane(styles.New(uitest.TrueColorRenderer(), true), uitest.DiffAssignment(), uitest.Clock).SetSize(30, 5)
	keys := keymap.NewScroll()
	for _, k := range []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("G")}, {Type: tea.KeyEnd}} {
		p = p.Scroll(tea.KeyMsg{Type: tea.KeyPgDown}, keys)
		if p = p.Scroll(k, keys); !p.AtBottom() || !strings.HasSuffix(p.Title(), "100%") {
			t.Errorf("%s: at bottom %v, title %q", k, p.AtBottom(), p.Title())
		}
	}
	for _, k := range []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("g")}, {Type: tea.KeyHome}} {
		p = p.Scroll(tea.KeyMsg{Type: tea.KeyPgDown}, keys)
		if p = p.Scroll(k, keys); p.YOffset() != 0 || !strings.HasSuffix(p.Title(), " 0%") {
			t.Errorf("%s: top line %d, title %q", k, p.YOffset(), p.Title())
		}
	}
}

// TestDiffOpensAtZeroPercent: `d` opens the diff at its first line, below
// the feedback the full text shares, and the title says 0% there, not how
// far down the whole text that line is.
func TestDiffOpensAtZeroPercent(t *testing.T) {
	p := NewPane(styles.New(uitest.TrueColorRenderer(), true), uitest.DiffAssignment(), uitest.Clock).SetSize(30, 5)
	p = p.ToggleDiff()
	if p.YOffset() == 0 {
		t.Fatal("the diff did not open at its first line")
	}
	if got := p.Title(); !strings.HasSuffix(got, " 0%") {
		t.Errorf("diff opened with title %q, want 0%%", got)
	}
	if !strings.Contains(ansi.Strip(p.View()), "diff vs attempt 1") {
		t.Errorf("the diff opened elsewhere:\n%s", p.View())
	}
	p = p.Scroll(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")}, keymap.NewScroll())
	if got := p.Title(); !strings.HasSuffix(got, "100%") {
		t.Errorf("diff at its end: title %q", got)
	}
}

// TestSearchMarksCurrentMatch: the current match's occurrences stand out,
// reversed or, where styling does not show, between ⟨ and ⟩; other lines
// are untouched.
func TestSearchMarksCurrentMatch(t *testing.T) {
	text := "one\nSee the \x1b[1mtarget\x1b[0m and the TARGET.\nthree"
	vp := keymap.NewViewport()
	vp.Width, vp.Height = 40, 2
	vp.SetContent(text)
	var s Search
	s.Find(&vp, text, nil, "target", 1)
	ascii := lipgloss.NewRenderer(io.Discard)
	ascii.SetColorProfile(termenv.Ascii)
	lines := strings.Split(s.Marked(text, styles.New(ascii, true)), "\n")
	if want := "See the ⟨target⟩ and the ⟨TARGET⟩."; lines[1] != want || lines[0] != "one" || lines[2] != "three" {
		t.Errorf("marked without styling: %q, want line 2 %q", lines, want)
	}
	styled := strings.Split(s.Marked(text, styles.New(uitest.TrueColorRenderer(), true)), "\n")[1]
	if ansi.Strip(styled) != "See the target and the TARGET." || !strings.Contains(styled, "\x1b[") {
		t.Errorf("marked with styling: %q", styled)
	}
	if got := s.Marked("other text", styles.New(ascii, true)); got != "other text" {
		t.Errorf("a text the search did not run on was marked: %q", got)
	}
}

// TestSearchFindsPhraseAcrossWrap: a phrase the wrapping breaks over two
// lines is found on the line where it starts, read across an indent and
// a break after a hyphen, and marked on both lines; a line break the
// text had is not read across.
func TestSearchFindsPhraseAcrossWrap(t *testing.T) {
	e := &Builder{Width: 21}
	e.Para("Hard break here\nthen more", 0, nil)
	e.Para("My target is to explain energy transfer.", 0, nil)
	e.Para("Feedback: a well-known trick.", 4, nil)
	text := e.String()
	vp := keymap.NewViewport()
	vp.Width, vp.Height = 21, 2
	vp.SetContent(text)
	ascii := lipgloss.NewRenderer(io.Discard)
	ascii.SetColorProfile(termenv.Ascii)
	for _, c := range []struct {
		query  string
		line   int
		marked []string // from that line on
	}{
		{"is to EXPLAIN", 2, []string{"My target ⟨is to⟩", "⟨explain⟩ energy"}},
		{"well-known", 5, []string{"    Feedback: a ⟨well-⟩", "    ⟨known⟩ trick."}},
	} {
		var s Search
		vp.SetYOffset(0)
		s.Find(&vp, text, e.Wraps(), c.query, 1)
		if vp.YOffset != c.line || s.Status() != "/"+c.query+": match 1 of 1 · n next, N previous" {
			t.Errorf("%q in\n%s\nfound at line %d (%q), want line %d", c.query, text, vp.YOffset, s.Status(), c.line)
			continue
		}
		lines := strings.Split(s.Marked(text, styles.New(ascii, true)), "\n")
		if got := lines[c.line : c.line+len(c.marked)]; !slices.Equal(got, c.marked) {
			t.Errorf("%q marked %q, want %q", c.query, got, c.marked)
		}
	}
	var s Search
	if s.Find(&vp, text, e.Wraps(), "here then", 1); s.Status() != "/here then: not found" {
		t.Errorf("a line break the text had was read across: %q in\n%s", s.Status(), text)
	}
}

// TestSearchFindsPhraseAcrossDiffWrap: in a diff too a phrase is found
// across a break the wrapping put in, and a word too long for a line
// reads whole across the lines it was cut over.
func TestSearchFindsPhraseAcrossDiffWrap(t *testing.T) {
	e := &Builder{Width: 21}
	long := strings.Repeat("x", 30)
	e.Diff(NewDiffStyles(styles.New(uitest.TrueColorRenderer(), true)),
		diffOf("My target is to explain energy transfer.\nSee "+long, "My target is to explain heat transfer.\nSee "+long))
	text := e.String()
	vp := keymap.NewViewport()
	vp.Width, vp.Height = 21, 2
	vp.SetContent(text)
	for _, c := range []struct {
		query string
		line  int
	}{{"is to explain", 0}, {long, 4}} {
		var s Search
		vp.SetYOffset(0)
		s.Find(&vp, text, e.Wraps(), c.query, 1)
		if s.Status() != "/"+c.query+": match 1 of 1 · n next, N previous" || vp.YOffset != c.line {
			t.Errorf("%q: %q at line %d, want line %d, in\n%s", c.query, s.Status(), vp.YOffset, c.line, ansi.Strip(text))
		}
	}
}
