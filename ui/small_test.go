package ui_test

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/ui"
	"assessor/ui/internal/uitest"
)

// TestTooSmallWindow: under 50×16 the reviewer program asks for more room
// and no key reaches the screen behind (n, enter and y claim nothing); at
// 80×24 the queue is back and n claims; smaller again, ctrl+c still quits.
func TestTooSmallWindow(t *testing.T) {
	d := demoStore(t)
	q := d.queue(t)
	p := run(t, ui.New(d.st, goldenReviewer, goldenOptions()), 40, 12)
	p.WaitAfter(0, "Window too small (40×12)", "least 50×16.", "ctrl+c quits")
	holds := func() bool {
		for _, it := range d.queue(t) {
			if it.Holder == goldenReviewer {
				return false
			}
		}
		return true
	}
	p.Press("n", "enter", "y")
	mark := p.Mark()
	p.TM.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	p.WaitAfter(mark, q[0].Handle(), "filter: all credentials")
	uitest.HoldsFor(t, "no claim taken under the small window", 300*time.Millisecond, holds)

	p.Do(keys("n"), "Evidence")
	if holds() {
		t.Fatal("n at 80×24 claimed nothing")
	}
	mark = p.Mark()
	p.TM.Send(tea.WindowSizeMsg{Width: ui.MinWidth - 1, Height: 30})
	p.WaitAfter(mark, "Window too small (49×30)")
	p.Press("ctrl+c")
	p.Final()
}
