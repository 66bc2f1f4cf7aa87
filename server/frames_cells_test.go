package server

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/cellbuf"
)

// cellTerminal is a terminal at the level of cells: each holds its text,
// style and link, and the pen (the style text is written with) and the
// link stay as the last sequences set them, whatever the cursor does, as
// on a real terminal. It knows what frames writes: cursor moves to a row
// and column, styles, links, erasing to the right, below or everything,
// and text.
type cellTerminal struct {
	rows [][]termCell
	row  int
	col  int
	pen  cellbuf.Style
	link cellbuf.Link
}

// termCell is one cell; a wide character's second cell has w 0.
type termCell struct {
	text  string
	w     int
	style cellbuf.Style
	link  cellbuf.Link
}

func (c termCell) same(o termCell) bool {
	return c.text == o.text && c.w == o.w && c.style.Equal(&o.style) && c.link == o.link
}

func (c termCell) String() string {
	if c.w == 0 {
		return "(wide)"
	}
	return fmt.Sprintf("%q%s link %q", c.text, strings.ReplaceAll(c.style.Sequence(), "\x1b", "ESC"), c.link.URL)
}

// at returns the cell at row, col: a blank one past what was written.
func (t *cellTerminal) at(row, col int) termCell {
	if row < len(t.rows) && col < len(t.rows[row]) {
		return t.rows[row][col]
	}
	return termCell{text: " ", w: 1}
}

func (t *cellTerminal) put(c termCell) {
	for len(t.rows) <= t.row {
		t.rows = append(t.rows, nil)
	}
	r := t.rows[t.row]
	for len(r) <= t.col+max(c.w, 1)-1 {
		r = append(r, termCell{text: " ", w: 1})
	}
	r[t.col] = c
	for i := 1; i < c.w; i++ {
		r[t.col+i] = termCell{style: c.style, link: c.link}
	}
	t.rows[t.row] = r
	t.col += c.w
}

// play applies out.
func (t *cellTerminal) play(tb testing.TB, out string) {
	tb.Helper()
	p := ansi.NewParser()
	var state byte
	for out != "" {
		seq, width, n, newState := ansi.DecodeSequence(out, state, p)
		state, out = newState, out[n:]
		if width > 0 {
			t.put(termCell{text: seq, w: width, style: t.pen, link: t.link})
			continue
		}
		if ansi.HasOscPrefix(seq) && p.Command() == 8 {
			cellbuf.ReadLink(p.Data(), &t.link)
			continue
		}
		if !ansi.HasCsiPrefix(seq) {
			tb.Fatalf("unexpected sequence %q", seq)
		}
		switch cmd := p.Command() & 0xff; {
		case cmd == 'm' && p.Command()>>8 == 0:
			cellbuf.ReadStyle(p.Params(), &t.pen)
		case cmd == 'H':
			row, _ := p.Param(0, 1)
			col, _ := p.Param(1, 1)
			t.row, t.col = row-1, col-1
		case cmd == 'K':
			if t.row < len(t.rows) && t.col < len(t.rows[t.row]) {
				t.rows[t.row] = t.rows[t.row][:t.col]
			}
		case cmd == 'J':
			if v, _ := p.Param(0, 0); v == 2 {
				t.rows = nil
				continue
			}
			if t.row < len(t.rows) {
				if t.col < len(t.rows[t.row]) {
					t.rows[t.row] = t.rows[t.row][:t.col]
				}
				t.rows = t.rows[:t.row+1]
			}
		case seq == ansi.SetModeAltScreenSaveCursor, seq == ansi.HideCursor, seq == ansi.SetModeBracketedPaste:
		default:
			tb.Fatalf("unexpected sequence %q", seq)
		}
	}
}

// keptMove is a move past a row's first column: frames only makes one to
// write a line's end after a kept start.
var keptMove = regexp.MustCompile(`\x1b\[\d+;([2-9]|\d\d+)H`)

// wantRow is line as a terminal shows it when written from the row's
// start with a fresh pen and cut to width.
func wantRow(tb testing.TB, line string, width int) []termCell {
	t := &cellTerminal{}
	t.play(tb, ansi.Truncate(line, width, ""))
	if len(t.rows) == 0 {
		return nil
	}
	return t.rows[0]
}

// differs says where the terminal does not show lines (each written
// whole from a fresh pen and cut to w) on its first h rows, and blank
// rows below: "" when it does.
func (t *cellTerminal) differs(tb testing.TB, lines []string, w, h int) string {
	tb.Helper()
	for row := range max(h, len(t.rows)) {
		var want []termCell
		if row < len(lines) {
			want = wantRow(tb, lines[row], w)
		}
		cols := w
		if row < len(t.rows) {
			cols = max(cols, len(t.rows[row]))
		}
		for col := range cols {
			got, wc := t.at(row, col), termCell{text: " ", w: 1}
			if col < len(want) {
				wc = want[col]
			}
			if !got.same(wc) {
				return fmt.Sprintf("row %d col %d shows %v, want %v", row, col, got, wc)
			}
		}
	}
	return ""
}

// TestFramesKeepUnchangedStarts: lines made of a left, middle and right
// part, styled and plain, as side by side panes and their borders are,
// change a part or two at a time, and keep on the terminal the start they
// share with the line it shows; the terminal must then show, cell by cell
// (text, style and link), what writing every line whole would. The pen is
// left in other states between writes, so a kept start that relied on it
// would show in the wrong style.
func TestFramesKeepUnchangedStarts(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	styles := []string{"\x1b[1m", "\x1b[31m", "\x1b[38;5;62m", "\x1b[4;44m", "\x1b[7m"}
	// A link spans a reset: a kept start must not end inside it, where
	// the terminal's link state is not the line's. A style added inside
	// a styled stretch ("\x1b[32mg") is no place to start from either.
	words := []string{"a", "bb", "ccc", "é", "日本", "│", " ", "👩‍🏫", "xyzzy", "\x1b[32mg",
		"\x1b]8;;https://example.org\x07ln\x1b[1mk\x1b[0mlink\x1b]8;;\x07"}
	// part is text with styled runs, each closed by a reset, or the last
	// left open when open (the pen the next write starts with).
	part := func(open bool) string {
		var b strings.Builder
		for range 1 + rng.IntN(4) {
			styled := rng.IntN(2) == 0
			if styled {
				b.WriteString(styles[rng.IntN(len(styles))])
			}
			for range 1 + rng.IntN(3) {
				b.WriteString(words[rng.IntN(len(words))])
			}
			if styled && !(open && rng.IntN(3) == 0) {
				b.WriteString([]string{"\x1b[0m", "\x1b[m"}[rng.IntN(2)])
			}
		}
		return b.String()
	}
	w, h := 30, 8
	parts := make([][3]string, h)
	for i := range parts {
		parts[i] = [3]string{part(false), part(false), part(true)}
	}
	view := func() []string {
		out := make([]string, h)
		for i, p := range parts {
			out[i] = p[0] + p[1] + p[2]
		}
		return out
	}
	var out strings.Builder
	term := &cellTerminal{}
	f := newFrames(stillModel{lines: view()}, &out)
	f.Update(tea.WindowSizeMsg{Width: w, Height: h})
	kept := 0
	for step := range 4000 {
		switch r := rng.IntN(40); {
		case r == 0:
			w = 8 + rng.IntN(50)
			f.Update(tea.WindowSizeMsg{Width: w, Height: h})
		case r == 1:
			parts[rng.IntN(h)] = [3]string{} // an empty line
		default:
			for range 1 + rng.IntN(3) {
				j := rng.IntN(3)
				parts[rng.IntN(h)][j] = part(j == 2)
			}
		}
		f.Update(setLines(view()))
		f.View()
		written := out.String()
		out.Reset()
		kept += len(keptMove.FindAllString(written, -1))
		term.play(t, written)
		if diff := term.differs(t, f.Model.(stillModel).lines, w, h); diff != "" {
			t.Fatalf("step %d (width %d): %s (written %q)", step, w, diff, written)
		}
	}
	if kept == 0 {
		t.Fatal("no frame kept the start of a line: the test did not exercise it")
	}
}
