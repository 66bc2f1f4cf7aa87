package reviewer

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/ui/common"
)

// drive feeds msg to m, then the messages its commands return, a few
// steps deep, as the Bubble Tea runtime would but synchronously.
func drive(m tea.Model, msg tea.Msg) tea.Model {
	msgs := []tea.Msg{msg}
	for range 4 {
		var next []tea.Msg
		for _, msg := range msgs {
			var cmd tea.Cmd
			m, cmd = m.Update(msg)
			next = append(next, runCmd(cmd)...)
		}
		msgs = next
	}
	return m
}

// TestOverlaysAtZeroWidth: the review screen at 0×0 (the size guard
// stops keys there, but the screen must not rely on it) draws help, the
// history and the files, opened before the resize or after, without a
// panic: their pane is the screen less its margins, a negative width the
// frame takes as 0.
func TestOverlaysAtZeroWidth(t *testing.T) {
	m := New(filesFake(t), "rev-1", common.Options{Now: testClock})
	m = drive(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	for _, msg := range runCmd(m.Init()) {
		m = drive(m, msg)
	}
	m = drive(m, keyMsg("enter"))
	draw := func(what string) {
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("%s: panic: %v", what, r)
			}
		}()
		_ = m.View()
	}
	zero, full := tea.WindowSizeMsg{}, tea.WindowSizeMsg{Width: 80, Height: 24}
	for _, o := range []struct{ open, close, shows string }{{"?", "?", "pgdn   page down"}, {"h", "esc", "History · DF-7KQ2"}, {"a", "esc", "Files · 5 stored"}} {
		for _, keyFirst := range []bool{false, true} {
			if keyFirst {
				m = drive(drive(m, keyMsg(o.open)), zero)
			} else {
				m = drive(drive(m, zero), keyMsg(o.open))
			}
			draw(fmt.Sprintf("%s at 0×0 (opened first: %v)", o.open, keyFirst))
			if m = drive(m, full); !strings.Contains(m.View(), o.shows) {
				t.Errorf("%s did not open (opened first: %v):\n%s", o.open, keyFirst, m.View())
			}
			m = drive(m, keyMsg(o.close))
		}
	}
}
