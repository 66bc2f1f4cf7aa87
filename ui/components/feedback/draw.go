package feedback

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivo/uniseg"
)

// Drawer draws a textarea made by New exactly as the textarea's View does,
// byte for byte, without most of its cost: View renders every wrapped line
// with several lipgloss calls, pads the drawing with a line per row of
// height, and puts the whole through its viewport and a style, on every
// key. Drawer writes the rows in sight straight, and takes bubbles' way
// (replica) only for what it cannot prove the same: styles that do more
// than colour, runes that join or measure differently in bubbles and
// lipgloss, rows wider than the textarea.
//
// What the textarea shows depends on how far its viewport is scrolled,
// which bubbles keeps unexported and moves while drawing as well as on
// each Update. Drawer keeps that offset itself, following bubbles' rules,
// so every change to the textarea that can scroll it must go through
// Drawer: Update and SetValue (and Reset, through SetValue). Resizing,
// focusing and moving the cursor with the textarea's own methods do not
// scroll it. The textarea's View must not be called on it (other than by
// Drawer): it moves the offset as well.
//
// Styles, prompt and cursor style are read as New leaves them; they are
// not expected to change once the textarea is made (the parts drawn from
// them are kept for each focus and width). Line numbers and a prompt
// function are not drawn.
type Drawer struct {
	y      int // the viewport's YOffset
	lines  int // the lines the viewport held when last drawn; none before
	memo   wrapMemo
	look   *look
	buf    strings.Builder
	text   keptText      // the textarea's text, kept (Value)
	keys   []key.Binding // the textarea's bindings (typed)
	fastN  int           // drawings the fast way, for the tests
	typedN int           // keys typed without the textarea's Update (typed), for the tests
}

// Update passes msg to the textarea and scrolls as its Update does.
func (d *Drawer) Update(ta *textarea.Model, msg tea.Msg) tea.Cmd {
	msg = safeWordLeft(ta, msg)
	if d.typed(ta, msg) {
		return nil
	}
	scrolls := ta.Focused() && !returnsEarly(ta, msg)
	var cmd tea.Cmd
	*ta, cmd = ta.Update(msg)
	d.changed()
	if scrolls {
		d.wheel(ta.Height(), msg)
		d.reposition(ta)
	}
	return cmd
}

// SetValue sets the textarea's text, which scrolls it to the top. An
// empty textarea given no text is left as it is: bubbles' SetValue
// allocates room for 10,000 lines (240 KB) on every call, and writing
// feedback for a criterion that has none starts that way. Empty, the
// textarea has one empty row, in view; SetCursor is the rest of Reset.
func (d *Drawer) SetValue(ta *textarea.Model, s string) {
	if s == "" && ta.LineCount() == 1 && ta.Value() == "" {
		ta.SetCursor(0)
	} else {
		ta.SetValue(s)
		d.changed()
	}
	d.y = 0 // Reset's viewport.GotoTop
}

// returnsEarly reports whether the textarea's Update returns before its
// viewport sees msg and its view is repositioned: pasting, and a newline
// past MaxHeight. The cases run in the order of Update's switch, where
// the first binding matched wins.
func returnsEarly(ta *textarea.Model, msg tea.Msg) bool {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return false
	}
	km := &ta.KeyMap
	switch {
	case key.Matches(k, km.DeleteAfterCursor, km.DeleteBeforeCursor, km.DeleteCharacterBackward,
		km.DeleteCharacterForward, km.DeleteWordBackward, km.DeleteWordForward):
		return false
	case key.Matches(k, km.InsertNewline):
		return ta.MaxHeight > 0 && ta.LineCount() >= ta.MaxHeight
	case key.Matches(k, km.LineEnd, km.LineStart, km.CharacterForward, km.LineNext, km.WordForward):
		return false
	}
	return key.Matches(k, km.Paste)
}

// wheel scrolls as the textarea's viewport does for a mouse wheel (three
// lines; sideways it has nothing to scroll).
func (d *Drawer) wheel(h int, msg tea.Msg) {
	m, ok := msg.(tea.MouseMsg)
	if !ok || m.Action != tea.MouseActionPress || m.Shift {
		return
	}
	switch m.Button { //nolint:exhaustive
	case tea.MouseButtonWheelUp:
		d.scrollUp(3, h)
	case tea.MouseButtonWheelDown:
		d.scrollDown(3, h)
	}
}

// cursorLine is the cursor's row among all the text's wrapped rows.
func (d *Drawer) cursorLine(ta *textarea.Model) int {
	row, width, c := ta.Line(), ta.Width(), ta.LineInfo().RowOffset
	i := 0
	for line := range strings.SplitSeq(d.Value(ta), "\n") {
		if i == row {
			break
		}
		c += len(d.memo.get(line, width).rows)
		i++
	}
	return c
}

// CursorRow is the line of View's last drawing the cursor is on, from 0;
// outside 0 to Height-1 when it is out of sight (after SetValue, until a
// key scrolls to it). A screen short of room shows the lines round it.
func (d *Drawer) CursorRow(ta *textarea.Model) int { return d.cursorLine(ta) - d.y }

// reposition brings the cursor's row into view: repositionView.
func (d *Drawer) reposition(ta *textarea.Model) {
	c := d.cursorLine(ta)
	h := ta.Height()
	if c < d.y {
		d.scrollUp(d.y-c, h)
	} else if bottom := d.y + h - 1; c > bottom {
		d.scrollDown(c-bottom, h)
	}
}

// scrollUp and scrollDown are the viewport's ScrollUp and ScrollDown, over
// the lines it held when last drawn.
func (d *Drawer) scrollUp(n, h int) {
	if d.y <= 0 || n == 0 || d.lines == 0 {
		return
	}
	d.y = min(max(d.y-n, 0), d.maxY(h))
}

func (d *Drawer) scrollDown(n, h int) {
	if d.y >= d.maxY(h) || n == 0 || d.lines == 0 {
		return
	}
	d.y = min(max(d.y+n, 0), d.maxY(h))
}

func (d *Drawer) maxY(h int) int { return max(0, d.lines-h) }

// settle is the viewport taking lines of content: SetContent goes to the
// bottom when the offset is past the last line.
func (d *Drawer) settle(lines, h int) {
	d.lines = lines
	if d.y > lines-1 {
		d.y = d.maxY(h)
	}
}

// View draws the textarea as its View would now.
func (d *Drawer) View(ta *textarea.Model) string {
	if ta.ShowLineNumbers {
		panic("feedback: Drawer draws a textarea without line numbers, as New makes it")
	}
	text, h := d.Value(ta), ta.Height()
	info := ta.LineInfo()
	row, col := ta.Line(), info.StartColumn+info.ColumnOffset
	lk := d.lookFor(ta)
	if text == "" && row == 0 && col == 0 && ta.Placeholder != "" {
		v := d.placeholder(ta, lk) // placeholder.go
		d.settle(h+1, h)           // a line per row, each ended by a newline
		return v
	}
	width := ta.Width()
	rows, plain := 0, lk.fast
	for line := range strings.SplitSeq(text, "\n") {
		w := d.memo.get(line, width)
		rows += len(w.rows)
		plain = plain && w.plain
	}
	defer d.memo.prune(text, strings.Count(text, "\n")+1)
	if plain {
		// The content is a line per row, one per row of height, and the
		// empty line after the last newline.
		d.settle(rows+h+1, h)
		if v, ok := d.fast(ta, lk, text, rows, row, col, info); ok {
			d.fastN++
			return v
		}
	}
	return d.replica(ta, lk, text, row, col, info)
}

// fast draws the rows in sight when every row is plain (wrapped.plain)
// and the styles only colour (look.fast). Then every line of the content
// is exactly as wide as the viewport, and the viewport's lipgloss style
// (wrap, pad, truncate to its size) and the textarea's Base style leave
// such lines as they are: the drawing is the lines in sight, the empty
// ones padded with spaces, joined by newlines.
func (d *Drawer) fast(ta *textarea.Model, lk *look, text string, rows, row, col int, info textarea.LineInfo) (string, bool) {
	h, width := ta.Height(), ta.Width()
	top := max(0, d.y)
	bottom := min(max(d.y+h, top), d.lines)
	b := &d.buf
	b.Reset()
	b.Grow(h * (len(lk.blank) + len(lk.eob)))
	n := 0
	newline := func() {
		if n > 0 {
			b.WriteByte('\n')
		}
		n++
	}
	if top < rows {
		i, l := 0, 0
		for line := range strings.SplitSeq(text, "\n") {
			if i >= bottom {
				break
			}
			w := d.memo.get(line, width)
			if i+len(w.rows) <= top {
				i += len(w.rows)
				l++
				continue
			}
			for wl, r := range w.rows {
				if i >= top && i < bottom {
					newline()
					b.WriteString(lk.drawn)
					if l == row && wl == info.RowOffset {
						if !d.cursorRow(ta, lk, r, info, col >= utf8.RuneCountInString(line)) {
							return "", false
						}
					} else {
						b.WriteString(r)
					}
					b.WriteString(lk.blank[:width-w.widths[wl]])
				}
				i++
			}
			l++
		}
	}
	for i := max(top, rows); i < bottom; i++ {
		newline()
		if i < rows+h {
			b.WriteString(lk.eob)
		} else {
			b.WriteString(lk.blank) // the empty line after the last newline
		}
	}
	for n < h {
		newline()
		b.WriteString(lk.blank)
	}
	return b.String(), true
}

// cursorRow writes the row r holding the cursor, reporting false where
// bubbles' indexing would fail (replica then fails as bubbles does).
func (d *Drawer) cursorRow(ta *textarea.Model, lk *look, r string, info textarea.LineInfo, atEnd bool) bool {
	b := &d.buf
	at := 0 // the byte where the cursor's rune starts
	for range info.ColumnOffset {
		if at >= len(r) {
			return false
		}
		_, size := utf8.DecodeRuneInString(r[at:])
		at += size
	}
	b.WriteString(r[:at])
	cur := ta.Cursor
	cur.TextStyle = lk.cursorLine
	if atEnd && info.CharOffset >= ta.Width() {
		cur.SetChar(" ")
		b.WriteString(cur.View())
		return true
	}
	if at >= len(r) {
		return false
	}
	_, size := utf8.DecodeRuneInString(r[at:])
	cur.SetChar(r[at : at+size])
	b.WriteString(cur.View())
	b.WriteString(r[at+size:])
	return true
}

// viewportWidth is the width of the textarea's viewport: its text and
// its prompt (SetWidth).
func viewportWidth(ta *textarea.Model) int {
	return ta.Width() + uniseg.StringWidth(ta.Prompt)
}
