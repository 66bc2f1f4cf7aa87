package server

import (
	"io"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"assessor/ui"
)

// The terminal modes a session's screen runs in, set when it starts and
// undone when it ends (restoreTerminal), as Bubble Tea's renderer does
// with tea.WithAltScreen: the alternate screen, cleared; no cursor; and
// bracketed paste, so a paste arrives as one key (tea.KeyMsg.Paste).
const (
	terminalSetup = ansi.SetModeAltScreenSaveCursor + ansi.EraseEntireScreen + ansi.CursorHomePosition +
		ansi.HideCursor + ansi.SetModeBracketedPaste
	terminalRestore = ansi.ResetModeBracketedPaste + ansi.ResetModeAltScreenSaveCursor + ansi.ShowCursor
)

// frames draws a session's screen itself: its program runs without
// Bubble Tea's renderer (tea.WithoutRenderer), and frames writes each new
// View as it is made, on the program's own goroutine. Bubble Tea's renderer
// drew the latest View on a ticker: a key waited for the next tick (up to
// 8 ms at 120 a second), and every frame drawn was copied three times,
// measured again line by line (ansi.Truncate, ansi.StringWidth) and
// compared: 13% of serve's CPU under 200 unpaced sessions, SSH writes
// included; and a repeated View left it copying the whole frame on every
// tick until the screen next changed.
//
// Drawing is what that renderer does in the alternate screen: each line
// that differs from the one on the terminal is written at its row, cut
// to the window's width, and erased to the right when shorter; lines past
// the new frame's last are erased. A View equal to the one on screen
// writes nothing.
type frames struct {
	tea.Model
	out           io.Writer
	width, height int      // the window's, once known (0 until then)
	shown         []string // the lines on the terminal, a row each; nil: a blank screen
	last          string   // the View shown is made of
	buf           []byte   // the bytes of a frame, kept for the next
	erase         bool     // the next frame starts by blanking the screen (a new size)
}

// newFrames wraps m, drawing on out.
func newFrames(m tea.Model, out io.Writer) *frames { return &frames{Model: m, out: out} }

// unsized is for a terminal that gives no size (a pty of 0×0, as ssh -tt
// from a script asks for): no size will reach the screen, which keeps its
// default 80×24, so frames draws that.
func (f *frames) unsized() { f.width, f.height = 80, 24 }

// unwrapFrames returns the model inside f, or m itself.
func unwrapFrames(m tea.Model) tea.Model {
	if f, ok := m.(*frames); ok {
		return f.Model
	}
	return m
}

// Init sets the terminal up before anything is drawn.
func (f *frames) Init() tea.Cmd {
	_, _ = io.WriteString(f.out, terminalSetup)
	return f.Model.Init()
}

// Update notes the window's size and passes msg on. A new size blanks the
// screen, as the first bytes of the next frame (one write, so the
// terminal never shows the blank alone): it may have reflowed the old one.
func (f *frames) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if ws, ok := msg.(tea.WindowSizeMsg); ok && (ws.Width != f.width || ws.Height != f.height) {
		f.width, f.height = ws.Width, ws.Height
		f.shown, f.last, f.erase = nil, "", true
	}
	var cmd tea.Cmd
	f.Model, cmd = f.Model.Update(msg)
	return f, cmd
}

// View draws the model's View and gives the program (which has no
// renderer) nothing. Until the window's size is known nothing is drawn:
// the first size arrives as the session starts.
func (f *frames) View() string {
	if f.width <= 0 || f.height <= 0 {
		return ""
	}
	if v := f.Model.View(); v != f.last || f.shown == nil {
		f.draw(v)
	}
	return ""
}

// draw writes what differs between the screen and v.
func (f *frames) draw(v string) {
	lines := strings.Split(v, "\n")
	if len(lines) > f.height {
		lines = lines[len(lines)-f.height:] // the bottom ones, as the renderer kept
	}
	b := f.buf[:0]
	if f.erase {
		b, f.erase = append(b, ansi.EraseEntireScreen...), false
	}
	for i, l := range lines {
		kept := 0
		if i < len(f.shown) {
			if f.shown[i] == l {
				continue
			}
			kept = keptPrefix(f.shown[i], l)
		}
		col := 0
		if kept > 0 {
			col = ui.Width(l[:kept])
		}
		w := col + ui.Width(l[kept:])
		if w > f.width {
			// Cut, it may be narrower: a wide character that would not fit
			// is left out whole.
			l, kept, col = ansi.Truncate(l, f.width, ""), 0, 0
			w = ui.Width(l)
		}
		// Each write starts with the pen reset, as the line has it at its
		// start or after a kept start, whatever the last write left.
		b = moveTo(b, i, col)
		b = append(b, ansi.ResetStyle...)
		b = append(b, l[kept:]...)
		if w < f.width {
			b = append(b, ansi.EraseLineRight...)
		}
	}
	if len(lines) < len(f.shown) {
		b = moveTo(b, len(lines), 0)
		b = append(b, ansi.EraseScreenBelow...)
	}
	if len(b) > 0 {
		_, _ = f.out.Write(b)
	}
	f.shown, f.last = lines, v
	if cap(b) <= 1<<20 { // a rare huge frame's buffer is not kept for the session's life
		f.buf = b
	}
}

// moveTo appends the cursor's move to col of row (both from 0).
func moveTo(b []byte, row, col int) []byte {
	b = append(b, "\x1b["...)
	b = strconv.AppendInt(b, int64(row+1), 10)
	b = append(b, ';')
	b = strconv.AppendInt(b, int64(col+1), 10)
	return append(b, 'H')
}

// minKept is the shortest start of a line worth leaving on the terminal:
// a shorter one is written again, saving measuring where it ends.
const minKept = 24

// keptPrefix is how much of the start of line, unchanged from the line
// on the terminal (shown), need not be written again: the longest start
// the two share that ends just after a style reset, where the line's pen
// is the terminal's default. Side by side panes make most changed lines
// differ only past the left pane (its right border ends in a reset), so
// the left pane's part is kept: about half of each such line's bytes,
// for the server to encrypt and every client to read. 0 when that start
// is shorter than minKept; it never reaches past a sequence other than a
// style (a link, say, whose state a kept start would hide).
func keptPrefix(shown, line string) int {
	n := 0
	for n < len(shown) && n < len(line) && shown[n] == line[n] {
		n++
	}
	if n < minKept {
		return 0
	}
	kept := 0
scan:
	for i := 0; i < n; {
		if line[i] != ansi.ESC {
			i++
			continue
		}
		if i+1 >= len(line) || line[i+1] != '[' {
			break // not a CSI sequence
		}
		j := i + 2
		for j < len(line) && (line[j] < 0x40 || line[j] > 0x7e) {
			j++
		}
		switch {
		case j >= len(line) || line[j] != 'm':
			break scan // unfinished, or not a style
		case line[i+2:j] == "" || line[i+2:j] == "0":
			// Even if the two differ inside this reset, the cells before
			// it are the same, and after it the line's pen is default.
			kept = j + 1
		}
		i = j + 1
	}
	if kept < minKept {
		return 0
	}
	return kept
}

// restoreTerminal undoes terminalSetup when the session's program ends.
func restoreTerminal(w io.Writer) { _, _ = io.WriteString(w, terminalRestore) }
