package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// scribbler is a model that, like the textarea's sanitizer, rewrites the
// runes of the key it is given in place.
type scribbler struct{}

func (scribbler) Init() tea.Cmd { return nil }
func (scribbler) View() string  { return "" }
func (s scribbler) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		for i := range k.Runes {
			k.Runes[i] = 'x'
		}
	}
	return s, nil
}

// TestTypedKeysOwnTheirRunes: Bubble Tea gives every program the same
// runes slice for some keys (space), and the textarea rewrites a key's
// runes in place; under serve many programs run at once, so each key a
// program sees must carry runes of its own, or one session's typing
// writes into another's (a data race the race detector found).
func TestTypedKeysOwnTheirRunes(t *testing.T) {
	shared := []rune{' '}
	m := splitTyping(scribbler{})
	m.Update(tea.KeyMsg{Type: tea.KeySpace, Runes: shared})
	if shared[0] != ' ' {
		t.Fatalf("the program wrote into the key's shared runes: %q", string(shared))
	}
}
