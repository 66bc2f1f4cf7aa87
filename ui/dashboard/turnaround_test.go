package dashboard

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/ui/common"
)

// TestOverdueEnterShowsRowFirst: at 80×24 the overdue list starts below
// the histogram, out of view. enter first scrolls the selected attempt
// into view, so the lead sees what a second enter opens.
func TestOverdueEnterShowsRowFirst(t *testing.T) {
	m := runInit(New(newFakeLead(), "lead-1", common.Options{Now: testClock}))
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("5")})
	if v := m.View(); strings.Contains(v, "DF-OLD1#1") {
		t.Fatalf("the overdue list is in view at 80×24; the test needs it below:\n%s", v)
	}
	m, cmd := m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if cmd != nil || strings.Contains(m.View(), "History of") {
		t.Fatalf("enter opened an attempt out of view:\n%s", m.View())
	}
	if v := m.View(); !strings.Contains(v, "▸ DF-OLD1#1") {
		t.Errorf("enter did not scroll the selected attempt into view:\n%s", v)
	}
	m, cmd = m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if cmd == nil || !strings.Contains(m.View(), "History of DF-OLD1#1") {
		t.Errorf("a second enter did not open the selected attempt:\n%s", m.View())
	}
}

// TestDashboardMedianAtPromiseNotOver: a median turnaround of exactly 14
// days keeps the promise; only a longer one is marked over it.
func TestDashboardMedianAtPromiseNotOver(t *testing.T) {
	f := newFakeLead()
	f.report.Overall.MedianTurnaroundDays = figPtr(14)
	s := startDashboard(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "Median turnaround 14.00 days")
	if view := dashFinal(s); strings.Contains(view, "over the 14-day promise") {
		t.Errorf("a median of exactly 14 days is reported as over the promise:\n%s", view)
	}
}
