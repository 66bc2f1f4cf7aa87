package leaks

import (
	"testing"

	"assessor/ui/common"
	"assessor/ui/internal/uitest"

	tea "github.com/charmbracelet/bubbletea"
)

func TestMain(m *testing.M) { uitest.Main(m) }

var (
	keys        = uitest.Keys
	requireFits = uitest.RequireFits
)

// leaksDriver drives the flag screen's model by hand, so a command's
// answer can be held back (an action still being recorded).
func leaksDriver(t *testing.T, f *fakeFlags) (press func(k tea.KeyMsg) tea.Cmd, m *tea.Model) {
	var model tea.Model = New(f, "lead-1", common.Options{Now: uitest.Clock})
	model, _ = model.Update(model.Init()())
	model, _ = model.Update(tea.WindowSizeMsg{Width: 100, Height: 40})
	return func(k tea.KeyMsg) tea.Cmd {
		var cmd tea.Cmd
		model, cmd = model.Update(k)
		return cmd
	}, &model
}

func typedKey(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
