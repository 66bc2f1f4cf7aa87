package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"assessor/ui/common"
)

// Bubble Tea v1 reads the terminal in chunks and reports a run of
// printable characters that arrive in one read as a single KeyMsg: typed
// fast, over a slow SSH link, or pasted without bracketed paste, the four
// letters "left" become one message whose String() is "left", which every
// key binding for the left arrow matches (so the word vanishes from a
// textarea, "enter" becomes a newline, and outside text fields a typed
// word runs a command it does not spell).
//
// typed splits such a message into one KeyMsg per character before any
// screen sees it, so the program reads exactly the keys that were typed:
// in a text field each character is inserted, outside one each letter does
// what that letter does when pressed alone. Splitting (rather than treating
// the burst as text) is what a slow link needs: "jjj" typed quickly moves
// down three rows, as it does on a fast one. A real bracketed paste stays
// one message: its String() is "[…]", which matches no binding, and text
// fields insert it whole.
type typed struct{ m tea.Model }

// splitTyping wraps a program's root model in typed.
func splitTyping(m tea.Model) tea.Model { return typed{m} }

// unwrapRoot returns the first screen inside root's wrappers, or m itself.
func unwrapRoot(m tea.Model) tea.Model {
	if t, ok := unwrapSized(m).(typed); ok {
		return t.m
	}
	return m
}

func (t typed) Init() tea.Cmd { return t.m.Init() }

func (t typed) View() string { return t.m.View() }

// Update passes msg on, one character at a time when it is a burst of
// typed characters. The commands of the characters run as one batch, as
// they would had each arrived on its own before any of them finished.
func (t typed) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if ok && len(k.Runes) > 0 {
		// The textarea's sanitizer rewrites a key's runes in place, and
		// Bubble Tea hands every session the same slice for some keys
		// (space): under serve, each program gets a copy of its own.
		k.Runes = append([]rune(nil), k.Runes...)
		// Typed or pasted emoji are set apart as screens draw them
		// (common.Drawable): joined, a text field's line overflowed on a
		// terminal that does not join them. An emoji picker sends the
		// whole sequence at once; a Thai keyboard's ำ is one key.
		k.Runes = common.UnjoinEmoji(k.Runes)
		msg = k
	}
	if ok && terminalAnswer(k) {
		return t, nil // answers.go
	}
	if !ok || k.Type != tea.KeyRunes || k.Paste || len(k.Runes) < 2 {
		m, cmd := t.m.Update(msg)
		return typed{m}, cmd
	}
	m := t.m
	cmds := make([]tea.Cmd, 0, len(k.Runes))
	for i, r := range k.Runes {
		var cmd tea.Cmd
		// An escape before the burst is alt on its first character only.
		m, cmd = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: k.Alt && i == 0})
		cmds = append(cmds, cmd)
	}
	return typed{m}, tea.Batch(cmds...)
}
