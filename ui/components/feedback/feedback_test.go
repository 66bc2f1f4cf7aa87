package feedback

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/cursor"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"assessor/ui/styles"
)

// TestCursorDoesNotBlink: focusing and typing schedule nothing (a blinking
// cursor returns a blink command on focus and on every key, each a redraw
// of the whole screen), and the cursor stays drawn.
func TestCursorDoesNotBlink(t *testing.T) {
	ta := New(styles.New(lipgloss.NewRenderer(nil), true))
	if cmd := ta.Focus(); cmd != nil {
		t.Errorf("Focus returned a command (%T): the cursor blinks", cmd())
	}
	for _, r := range "ok" {
		var cmd tea.Cmd
		ta, cmd = ta.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		if cmd != nil {
			t.Errorf("typing %q returned a command (%T): the cursor blinks", r, cmd())
		}
	}
	if ta.Cursor.Mode() != cursor.CursorStatic || ta.Value() != "ok" {
		t.Errorf("mode %v, value %q; want a static cursor after \"ok\"", ta.Cursor.Mode(), ta.Value())
	}
	if v := ta.View(); !strings.Contains(v, "ok") {
		t.Errorf("view %q lacks the typed text", v)
	}
}
