// Package feedback is the textarea a reviewer (or a lead adjudicating)
// writes one criterion's feedback in, styled from the program's styles.
package feedback

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textarea"

	"assessor/ui/styles"
)

// New is a bubbles/textarea for one criterion's feedback,
// styled from the program's own styles (so an SSH session's renderer and
// NO_COLOR apply) and without textarea's default 400-character limit:
// specific feedback runs long. The cursor does not blink: a blinking one
// sends the program a message every half second, and one more on every key
// (the blink restarts), each a full update and redraw of the screen; under
// serve that was a sixth of all frames while reviewers typed.
func New(st *styles.Styles) textarea.Model {
	ta := textarea.New()
	ta.Placeholder = "Say what the evidence shows and what to change…"
	ta.ShowLineNumbers = false
	ta.CharLimit = 0
	ta.MaxHeight = 0
	ta.Prompt = "│ "
	plain := textarea.Style{
		Base:        st.EditText,
		Text:        st.EditText,
		Prompt:      st.EditPrompt,
		Placeholder: st.Faint,
		CursorLine:  st.EditText,
		EndOfBuffer: st.Faint,
		LineNumber:  st.Faint,
	}
	ta.FocusedStyle, ta.BlurredStyle = plain, plain
	ta.Cursor.Style = st.EditCursor
	ta.Cursor.SetMode(cursor.CursorStatic)
	// bubbles' New draws with its default blurred style until the first
	// Focus or Blur: blurred now, it draws with BlurredStyle, as Drawer does.
	ta.Blur()
	return ta
}
