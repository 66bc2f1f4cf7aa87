package feedback

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
)

// inputBegin is the key textarea moves to the start of its text on.
var inputBegin = tea.KeyMsg{Type: tea.KeyCtrlHome}

// safeWordLeft turns a word back (alt+left, alt+b) with nothing but
// spaces before the cursor into a move to the start of the text. bubbles
// v1.0.0's wordLeft looks left for a letter and never stops when there
// is none (charmbracelet/bubbletea#1652; fixed by bubbles#1036, in no v1 release): on an empty
// feedback one alt+left hung the session, and under serve a whole core.
// Where it does find a letter, msg is left alone.
func safeWordLeft(ta *textarea.Model, msg tea.Msg) tea.Msg {
	k, ok := msg.(tea.KeyMsg)
	if !ok || !key.Matches(k, ta.KeyMap.WordBackward) || !key.Matches(inputBegin, ta.KeyMap.InputBegin) {
		return msg
	}
	if onlySpaceBefore(ta) {
		return inputBegin
	}
	return msg
}

// onlySpaceBefore reports whether every rune before the cursor is a space
// (or there is none), where wordLeft looks for a letter that is not there.
// At the very start a move to the start is no move, as in wordLeft.
func onlySpaceBefore(ta *textarea.Model) bool {
	rows := strings.Split(ta.Value(), "\n")
	row, info := ta.Line(), ta.LineInfo()
	col := min(info.StartColumn+info.ColumnOffset, len([]rune(rows[row])))
	before := strings.Join(rows[:row], "\n") + string([]rune(rows[row])[:col])
	return strings.TrimSpace(before) == ""
}
