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

// recorder keeps the runes of the keys it is given.
type recorder struct{ got *[]rune }

func (recorder) Init() tea.Cmd { return nil }
func (recorder) View() string  { return "" }
func (r recorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		*r.got = append(*r.got, k.Runes...)
	}
	return r, nil
}

// TestTypedEmojiSetApart: emoji typed or pasted in one go reach a text
// field set apart as the screens draw them (common.Drawable), a paste
// included; joiners between letters stay, and Indic text is kept as typed.
func TestTypedEmojiSetApart(t *testing.T) {
	for _, paste := range []bool{false, true} {
		var got []rune
		m := splitTyping(recorder{&got})
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Paste: paste, Runes: []rune("Great 👩\u200d🏫 ❤\ufe0f 👍🏽 क्\u200dष")})
		if want := "Great 👩🏫 ❤ 👍 क्\u200dष"; string(got) != want {
			t.Errorf("paste %v: the field got %q, want %q", paste, string(got), want)
		}
	}
	// A Thai keyboard's sara am, one key, as the screens draw it.
	var got []rune
	splitTyping(recorder{&got}).Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'ำ'}})
	if want := "\u0e4d\u0e32"; string(got) != want {
		t.Errorf("typed ำ: the field got %q, want %q", string(got), want)
	}
	// A Hindi keyboard's keys, one at a time, reach the field as typed:
	// a word joiner there would be a cursor stop and a backspace of its
	// own, for nothing the reviewer sees (common.UnjoinEmoji).
	got = nil
	m := splitTyping(recorder{&got})
	for _, r := range "हिन्दी" {
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	if want := "हिन्दी"; string(got) != want {
		t.Errorf("typed हिन्दी: the field got %q, want %q", string(got), want)
	}
}
