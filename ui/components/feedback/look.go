package feedback

import (
	"strings"

	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/viewport"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// look is what every drawing at one focus and width shares: the styles
// in use, computed as bubbles computes them, and the parts of a line that
// do not change from key to key, drawn once.
type look struct {
	focused bool
	width   int
	prompt  string // ta.Prompt
	eobChar rune

	style                  textarea.Style // FocusedStyle or BlurredStyle
	text, cursorLine, eobS lipgloss.Style // computedText, computedCursorLine, computedEndOfBuffer
	promptS                lipgloss.Style // computedPrompt

	drawn string // the prompt as drawn; a text row's style leaves it as it is (fast)
	eob   string // an end-of-buffer line: prompt and filler
	blank string // the viewport's width in spaces
	fast  bool   // Drawer.fast may draw with these
	probe string // what the styles write around a text (key), once asked
}

// lookFor is the look for ta as it is now.
func (d *Drawer) lookFor(ta *textarea.Model) *look {
	lk := d.look
	if lk != nil && lk.focused == ta.Focused() && lk.width == ta.Width() &&
		lk.prompt == ta.Prompt && lk.eobChar == ta.EndOfBufferCharacter {
		return lk
	}
	lk = &look{focused: ta.Focused(), width: ta.Width(), prompt: ta.Prompt, eobChar: ta.EndOfBufferCharacter}
	// bubbles draws with FocusedStyle once focused and BlurredStyle once
	// blurred (New blurs it, so from the start).
	lk.style = ta.BlurredStyle
	if lk.focused {
		lk.style = ta.FocusedStyle
	}
	s := lk.style
	lk.text = s.Text.Inherit(s.Base).Inline(true)
	lk.cursorLine = s.CursorLine.Inherit(s.Base).Inline(true)
	lk.promptS = s.Prompt.Inherit(s.Base).Inline(true)
	lk.eobS = s.EndOfBuffer.Inherit(s.Base).Inline(true)

	lk.drawn = lk.promptS.Render(ta.Prompt)
	gutter := string(ta.EndOfBufferCharacter)
	lk.eob = lk.drawn + lk.eobS.Render(gutter+strings.Repeat(" ", max(0, ta.Width()-lipgloss.Width(gutter))))
	cw := viewportWidth(ta)
	lk.blank = strings.Repeat(" ", cw)

	// Text rows are written as they are, so their styles must leave text
	// as it is; the prompt, filler and cursor may be coloured, as long as
	// each is its text between a colour and a reset, as wide as the text.
	// The Base style must leave a block of equally wide lines as it is.
	lk.fast = plainInline(lk.text) && plainInline(lk.cursorLine) &&
		colourInline(lk.promptS) && colourInline(lk.eobS) && colourInline(ta.Cursor.Style) &&
		plainBlock(s.Base) &&
		simpleText(&d.memo, ta.Prompt) && simpleText(&d.memo, gutter) &&
		ansi.StringWidth(lk.drawn) == cw-ta.Width() && ansi.StringWidth(lk.eob) == cw
	d.look = lk
	return lk
}

// colourInline reports whether an inline style draws its text as the text
// between an SGR sequence and a reset (or as it is): no transform, no
// set string, no size, no separately styled spaces.
func colourInline(s lipgloss.Style) bool {
	return s.GetTransform() == nil && s.Value() == "" &&
		s.GetWidth() == 0 && s.GetHeight() == 0 && s.GetMaxWidth() == 0 && s.GetMaxHeight() == 0 &&
		!s.GetUnderline() && !s.GetStrikethrough() && !s.GetUnderlineSpaces() && !s.GetStrikethroughSpaces()
}

// plainInline reports whether an inline style draws a line without tabs
// as it is: colourInline, without colour or attributes.
func plainInline(s lipgloss.Style) bool {
	return colourInline(s) && noColour(s.GetForeground()) && noColour(s.GetBackground()) &&
		!s.GetBold() && !s.GetItalic() && !s.GetReverse() && !s.GetBlink() && !s.GetFaint()
}

// plainBlock reports whether a style draws lines without tabs, all of one
// width, as they are: plainInline, and no frame, inline or alignment
// within a height.
func plainBlock(s lipgloss.Style) bool {
	top, right, bottom, left := s.GetPadding()
	mt, mr, mb, ml := s.GetMargin()
	return plainInline(s) && !s.GetInline() &&
		top == 0 && right == 0 && bottom == 0 && left == 0 &&
		mt == 0 && mr == 0 && mb == 0 && ml == 0 &&
		s.GetBorderStyle() == (lipgloss.Border{})
}

func noColour(c lipgloss.TerminalColor) bool {
	_, ok := c.(lipgloss.NoColor)
	return ok
}

// simpleText reports whether every rune of s is simple (runeWidth).
func simpleText(m *wrapMemo, s string) bool {
	for _, r := range s {
		if _, ok := m.runeWidth(r); !ok {
			return false
		}
	}
	return true
}

// replica is the textarea's View (textarea.go in bubbles v1.0.0) without
// line numbers, step for step, from our wrapping and scroll: for what
// fast cannot draw.
func (d *Drawer) replica(ta *textarea.Model, lk *look, text string, row, col int, info textarea.LineInfo) string {
	h, width := ta.Height(), ta.Width()
	cur := ta.Cursor
	cur.TextStyle = lk.cursorLine
	var s strings.Builder
	l := 0
	for line := range strings.SplitSeq(text, "\n") {
		w := d.memo.get(line, width)
		style := lk.text
		if row == l {
			style = lk.cursorLine
		}
		for wl, r := range w.rows {
			s.WriteString(style.Render(lk.promptS.Render(ta.Prompt)))
			wrappedLine := []rune(r)
			strwidth := w.widths[wl]
			padding := width - strwidth
			if strwidth > width {
				wrappedLine = []rune(strings.TrimSuffix(string(wrappedLine), " "))
				padding -= width - strwidth
			}
			if row == l && info.RowOffset == wl {
				s.WriteString(style.Render(string(wrappedLine[:info.ColumnOffset])))
				if col >= len([]rune(line)) && info.CharOffset >= width {
					cur.SetChar(" ")
					s.WriteString(cur.View())
				} else {
					cur.SetChar(string(wrappedLine[info.ColumnOffset]))
					s.WriteString(style.Render(cur.View()))
					s.WriteString(style.Render(string(wrappedLine[info.ColumnOffset+1:])))
				}
			} else {
				s.WriteString(style.Render(string(wrappedLine)))
			}
			s.WriteString(style.Render(strings.Repeat(" ", max(0, padding))))
			s.WriteRune('\n')
		}
		l++
	}
	for range h {
		s.WriteString(lk.promptS.Render(ta.Prompt))
		gutter := string(ta.EndOfBufferCharacter)
		s.WriteString(lk.eobS.Render(gutter + strings.Repeat(" ", max(0, width-lipgloss.Width(gutter)))))
		s.WriteRune('\n')
	}
	vp := viewport.New(viewportWidth(ta), h)
	vp.SetContent(s.String())
	d.settle(vp.TotalLineCount(), h)
	vp.YOffset = d.y
	return lk.style.Base.Render(vp.View())
}
