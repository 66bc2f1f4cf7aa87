package feedback

import (
	"io"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"assessor/ui/styles"
)

// TestWordLeftReturns presses alt+left and alt+b where bubbles' own word
// jump back never returns (nothing but spaces before the cursor) and where
// it does, and requires each to return, at the start of the text in the
// first case and at the word's start in the second.
func TestWordLeftReturns(t *testing.T) {
	cases := []struct {
		name, text string
		left       int // lefts pressed after the text is set (cursor at its end)
		wantLine   int
		wantCol    int
	}{
		{"empty", "", 0, 0, 0},
		{"spaces", "   ", 0, 0, 0},
		{"blank lines", "\n \n  ", 0, 0, 0},
		{"spaces before a word", "  word", 4, 0, 0},
		{"a word", "one two", 0, 0, 4},
		{"a word on the line above", "one\n  ", 0, 0, 0},
	}
	for _, key := range []tea.KeyMsg{{Type: tea.KeyLeft, Alt: true}, {Type: tea.KeyRunes, Runes: []rune("b"), Alt: true}} {
		for _, c := range cases {
			t.Run(key.String()+"/"+c.name, func(t *testing.T) {
				ta := New(styles.New(lipgloss.NewRenderer(io.Discard), true))
				ta.SetWidth(40)
				ta.SetHeight(5)
				ta.Focus()
				var d Drawer
				d.SetValue(&ta, c.text)
				for range c.left {
					d.Update(&ta, tea.KeyMsg{Type: tea.KeyLeft})
				}
				done := make(chan textarea.Model, 1)
				go func() { d.Update(&ta, key); done <- ta }()
				select {
				case got := <-done:
					info := got.LineInfo()
					if line, col := got.Line(), info.StartColumn+info.ColumnOffset; line != c.wantLine || col != c.wantCol {
						t.Errorf("%s on %q: cursor at line %d col %d, want %d col %d", key, c.text, line, col, c.wantLine, c.wantCol)
					}
				case <-time.After(5 * time.Second):
					t.Fatalf("%s on %q did not return", key, c.text)
				}
			})
		}
	}
}
