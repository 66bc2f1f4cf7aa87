package evidence

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"assessor/ui/internal/uitest"
	"assessor/ui/keymap"
	"assessor/ui/styles"
)

// TestVisibleIsViewUnpadded: at every scroll position, width and mode, the
// pane's Visible lines padded to the pane's size are exactly its View.
func TestVisibleIsViewUnpadded(t *testing.T) {
	st := styles.New(uitest.TrueColorRenderer(), false)
	keys := keymap.NewScroll()
	down := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'j'}}
	for _, w := range []int{12, 40, 76} {
		for _, diff := range []bool{false, true} {
			p := NewPane(st, leakyAssignment(), uitest.Clock).SetSize(w, 7)
			if diff {
				p = p.ToggleDiff()
			}
			step := 0
			for ; step < 40 && !p.AtBottom(); step++ {
				lines := strings.Split(p.Visible(), "\n")
				for len(lines) < p.Height() {
					lines = append(lines, "")
				}
				for i, l := range lines {
					lines[i] = l + strings.Repeat(" ", max(w-ansi.StringWidth(l), 0))
				}
				if got, want := strings.Join(lines, "\n"), p.View(); got != want {
					t.Fatalf("w %d diff %v offset %d:\nVisible padded\n%q\nView\n%q", w, diff, p.YOffset(), got, want)
				}
				p = p.Scroll(down, keys)
			}
			if step < 3 {
				t.Fatalf("w %d diff %v: only %d scroll positions checked", w, diff, step)
			}
		}
	}
}
