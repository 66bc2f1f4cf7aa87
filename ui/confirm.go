package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/keymap"
	"assessor/ui/styles"
)

// confirmKeyMap is the confirm dialog's bindings.
type confirmKeyMap struct {
	Yes, No, Quit key.Binding
}

func newConfirmKeyMap() confirmKeyMap {
	return confirmKeyMap{
		Yes:  key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "record decision")),
		No:   key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n/esc", "back to scoring")),
		Quit: keymap.ForceQuit(),
	}
}

// ShortHelp implements help.KeyMap.
func (k confirmKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Yes, k.No, k.Quit} }

// FullHelp implements help.KeyMap.
func (k confirmKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// confirmResult is what the reviewer answered.
type confirmResult int

const (
	confirmPending confirmResult = iota
	confirmYes
	confirmNo
)

// confirmModel asks "Record RESUBMIT for DF-7KQ2#2? (y/n)" and lists the
// feedback warnings, which advise but do not block (rule 2's soft half).
type confirmModel struct {
	keys     confirmKeyMap
	handle   string
	outcome  review.Outcome
	warnings []review.Warning
}

func newConfirm(handle string, outcome review.Outcome, warnings []review.Warning) confirmModel {
	return confirmModel{keys: newConfirmKeyMap(), handle: handle, outcome: outcome, warnings: warnings}
}

// Update reads the answer.
func (m confirmModel) Update(msg tea.Msg) (confirmModel, confirmResult) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, m.keys.Yes):
			return m, confirmYes
		case key.Matches(k, m.keys.No):
			return m, confirmNo
		}
	}
	return m, confirmPending
}

// question is the dialog's first line.
func (m confirmModel) question() string {
	return fmt.Sprintf("Record %s for %s? (y/n)", strings.ToUpper(string(m.outcome)), m.handle)
}

// View draws the dialog to fit width cells.
func (m confirmModel) View(st *styles.Styles, width int) string {
	inner := max(width-st.Dialog.GetHorizontalFrameSize(), 10)
	wrap := func(s string) string { return ansi.Wrap(s, inner, "") }
	lines := []string{st.Header.Render(wrap(m.question()))}
	if m.outcome == review.Pass {
		lines = append(lines, wrap("Every criterion meets the rubric: the credential is earned."))
	} else {
		lines = append(lines, wrap("The candidate gets your feedback and may submit the next attempt."))
	}
	if len(m.warnings) > 0 {
		lines = append(lines, "", st.Warn.Render("Warnings (they do not block):"))
		for _, w := range m.warnings {
			lines = append(lines, wrap("• "+w.Criterion+": "+w.Message))
		}
	}
	lines = append(lines, "", st.Faint.Render(wrap("y record · n/esc back to scoring")))
	return st.Dialog.Width(inner + 2).Render(strings.Join(lines, "\n"))
}
