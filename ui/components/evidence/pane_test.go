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
// pane's Visible lines padded to the pane's size, and its View, are
// exactly what a viewport holding its text draws (the pane's own viewport
// holds only blank lines to scroll over).
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
				vp := keymap.NewViewport()
				vp.Width, vp.Height = p.Width(), p.Height()
				vp.SetContent(p.text)
				vp.SetYOffset(p.YOffset())
				want := vp.View()
				if got := strings.Join(lines, "\n"); got != want {
					t.Fatalf("w %d diff %v offset %d:\nVisible padded\n%q\nviewport\n%q", w, diff, p.YOffset(), got, want)
				}
				if got := p.View(); got != want {
					t.Fatalf("w %d diff %v offset %d:\nView\n%q\nviewport\n%q", w, diff, p.YOffset(), got, want)
				}
				p = p.Scroll(down, keys)
			}
			if step < 3 {
				t.Fatalf("w %d diff %v: only %d scroll positions checked", w, diff, step)
			}
		}
	}
}

// TestTallerWindowKeepsTheTextInView: scrolled to its end and then given a
// taller window, the pane shows its last page, not lines past its text
// (the viewport kept its offset, and the pane started mid-text above
// blank lines).
func TestTallerWindowKeepsTheTextInView(t *testing.T) {
	st := styles.New(uitest.TrueColorRenderer(), false)
	p := NewPane(st, leakyAssignment(), uitest.Clock).SetSize(40, 7)
	p = p.Scroll(tea.KeyMsg{Type: tea.KeyEnd}, keymap.NewScroll())
	if p.YOffset() == 0 {
		t.Fatal("the text fits 7 lines; the test would prove nothing")
	}
	total := len(strings.Split(p.text, "\n"))
	for _, h := range []int{total - 2, total + 10} {
		q := p.SetSize(40, h)
		if want := max(total-h, 0); q.YOffset() != want {
			t.Errorf("height %d of %d lines: offset %d, want %d", h, total, q.YOffset(), want)
		}
	}
}

// TestRewrapKeepsThePlace: read to the end, the pane stays at the end when
// the window narrows and its text wraps to more lines; read to the middle,
// it keeps about the same share of the text above the top line.
func TestRewrapKeepsThePlace(t *testing.T) {
	st := styles.New(uitest.TrueColorRenderer(), false)
	keys := keymap.NewScroll()
	p := NewPane(st, leakyAssignment(), uitest.Clock).SetSize(76, 7)
	p = p.Scroll(tea.KeyMsg{Type: tea.KeyEnd}, keys)
	if q := p.SetSize(30, 7); !q.AtBottom() {
		t.Errorf("at the end and narrowed: offset %d of %d lines, want the end", q.YOffset(), len(q.lines.Lines))
	}
	p = p.Scroll(tea.KeyMsg{Type: tea.KeyHome}, keys)
	for range len(p.lines.Lines) / 2 {
		p = p.Scroll(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'j'}}, keys)
	}
	before := float64(p.YOffset()) / float64(len(p.lines.Lines))
	q := p.SetSize(30, 7)
	if after := float64(q.YOffset()) / float64(len(q.lines.Lines)); after < before-0.1 || after > before+0.1 {
		t.Errorf("in the middle and narrowed: %.2f of the text above the top line, was %.2f", after, before)
	}
}
