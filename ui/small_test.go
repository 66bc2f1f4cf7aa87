package ui_test

import (
	"strings"
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

// TestZeroSizeWindowTooSmall: a terminal reporting 0×0 (a pty with no size
// set) is too small like any other under 50×16, so h, ? and a open nothing
// behind it: drawn at 0×0, their overlays asked the pane frame for a
// negative width, and the program panicked.
func TestZeroSizeWindowTooSmall(t *testing.T) {
	d := demoStore(t)
	p := run(t, ui.New(d.st, goldenReviewer, goldenOptions()), 80, 24)
	p.Do(keys("n"), "Evidence")
	p.Press("ctrl+c")
	m := p.Final()
	m, _ = m.Update(tea.WindowSizeMsg{Width: 0, Height: 0})
	small := m.View()
	for _, k := range []string{"h", "?", "a"} {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s at 0×0 panicked: %v", k, r)
				}
			}()
			mm, _ := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
			if v := mm.View(); v != small {
				t.Errorf("%s at 0×0 drew %q, want the too-small screen %q", k, v, small)
			}
		}()
	}
	if !strings.Contains(small, "Window too small (0×0)") {
		t.Errorf("at 0×0 the screen is %q, not the too-small one", small)
	}
}
