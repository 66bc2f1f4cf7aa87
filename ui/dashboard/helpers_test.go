package dashboard

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/ui/internal/uitest"
)

func TestMain(m *testing.M) { uitest.Main(m) }

// Shorthands for the shared test helpers.
var (
	keys              = uitest.Keys
	requireFits       = uitest.RequireFits
	lineWith          = uitest.LineWith
	teaSize           = uitest.Size
	trueColorRenderer = uitest.TrueColorRenderer
	testClock         = uitest.Clock
	testNow           = uitest.Now
)

// session drives the dashboard under teatest.
type session = uitest.Session

// runInit feeds m what its Init commands answer (a batch: the figures and
// the fairness section load apart), as a program would.
func runInit(m tea.Model) tea.Model {
	msg := m.Init()()
	batch, ok := msg.(tea.BatchMsg)
	if !ok {
		m, _ = m.Update(msg)
		return m
	}
	for _, cmd := range batch {
		if cmd != nil {
			m, _ = m.Update(cmd())
		}
	}
	return m
}
