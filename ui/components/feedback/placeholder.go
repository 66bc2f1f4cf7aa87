package feedback

import (
	"strconv"

	"github.com/charmbracelet/bubbles/textarea"

	"assessor/ui/common"
)

// The placeholder ("Say what the evidence shows…") is what a textarea
// shows with no text in it: on every first e of a criterion. bubbles
// draws it line by line through lipgloss, a quarter of a millisecond at
// 160×48, and the same drawing comes back for every criterion and every
// attempt of every session with the same styles and size. So it is drawn
// by bubbles once and kept for the process.
//
// The drawing depends on the placeholder, the size, the focus (the
// cursor shows only when focused) and the styles. Kept drawings are only
// for looks whose styles do nothing but colour (look.fast, and the
// placeholder's style too): then what each style writes around a text is
// all there is to it, and the key holds that.
var placeholders = common.Kept[placeholderKey, string]{Max: maxPlaceholders}

// maxPlaceholders bounds the kept drawings: one for each terminal size and
// colour profile that sessions bring, and focus.
const maxPlaceholders = 512

type placeholderKey struct {
	text          string
	width, height int
	look          string // what each style writes around a text (look.key)
}

// placeholder is the textarea's View while it shows its placeholder:
// bubbles' own drawing, kept when the look allows.
func (d *Drawer) placeholder(ta *textarea.Model, lk *look) string {
	if !lk.fast || !colourInline(lk.style.Placeholder.Inherit(lk.style.Base)) {
		return ta.View()
	}
	k := placeholderKey{text: ta.Placeholder, width: ta.Width(), height: ta.Height(), look: lk.key(ta)}
	// bubbles draws it from its own viewport offset, which is 0 here as
	// ours is: the cursor is on the first row, and only a SetValue or an
	// Update (which scroll to it) empties the text.
	return placeholders.Get(k, ta.View)
}

// key is what the styles of lk write around a text, each probed once:
// for a look whose styles only colour, two looks with the same key draw
// the same.
func (lk *look) key(ta *textarea.Model) string {
	if lk.probe != "" {
		return lk.probe
	}
	const x = "x"
	s := lk.style
	cur := ta.Cursor
	cur.TextStyle = s.Placeholder.Inherit(s.Base).Inline(true)
	cur.SetChar(x)
	lk.probe = strconv.FormatBool(lk.focused) + "\x00" + ta.Prompt + "\x00" + string(ta.EndOfBufferCharacter) + "\x00" +
		lk.promptS.Render(x) + "\x00" + lk.cursorLine.Render(x) + "\x00" + lk.eobS.Render(x) + "\x00" +
		cur.TextStyle.Render(x) + "\x00" + cur.View() + "\x00" + s.Base.Render(x)
	return lk.probe
}
