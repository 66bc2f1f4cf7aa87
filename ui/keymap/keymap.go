// Package keymap holds the key bindings every screen shares, so `?`, `q`
// and ctrl+c read the same everywhere; each screen's key map embeds the
// ones it uses.
package keymap

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
)

// Help is `?`: toggle the full help.
func Help() key.Binding {
	return key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help"))
}

// Quit is q (and ctrl+c): quit, saving what needs saving.
func Quit() key.Binding {
	return key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit"))
}

// ForceQuit is ctrl+c alone: it quits (after saving the draft) even
// from inside a textarea, where a plain q is just a letter.
func ForceQuit() key.Binding {
	return key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "save & quit"))
}

// DoneEditing is esc or ctrl+s: leave the feedback textarea, keeping what
// it holds.
func DoneEditing() key.Binding {
	return key.NewBinding(key.WithKeys("esc", "ctrl+s"), key.WithHelp("esc/ctrl+s", "done editing"))
}

// Up is ↑ or k: one line (or one row) up.
func Up() key.Binding {
	return key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up"))
}

// Down is ↓ or j: one line (or one row) down.
func Down() key.Binding {
	return key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down"))
}

// PageUp is pgup: one page up.
func PageUp() key.Binding {
	return key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up"))
}

// PageDown is pgdown: one page down.
func PageDown() key.Binding {
	return key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down"))
}

// Scroll is the pane scrolling bindings.
type Scroll struct {
	Up, Down, PageUp, PageDown key.Binding
	Top, Bottom                key.Binding // g/home and G/end, as in less and lazygit
}

// NewScroll returns the scrolling bindings: ↑/k, ↓/j, pgup, pgdown.
func NewScroll() Scroll {
	return Scroll{
		Up: Up(), Down: Down(), PageUp: PageUp(), PageDown: PageDown(),
		Top:    key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom: key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),
	}
}

// NewViewport is an empty viewport without key bindings of its own: it
// scrolls only through Scroll.Viewport, so it never takes letters such as
// f, b, u and d that a screen binds to something else.
func NewViewport() viewport.Model {
	vp := viewport.New(0, 0)
	vp.KeyMap = viewport.KeyMap{}
	return vp
}

// Viewport scrolls vp as k asks, if k is one of the scrolling keys.
func (s Scroll) Viewport(vp *viewport.Model, k tea.KeyMsg) {
	switch {
	case key.Matches(k, s.Up):
		vp.ScrollUp(1)
	case key.Matches(k, s.Down):
		vp.ScrollDown(1)
	case key.Matches(k, s.PageUp):
		vp.PageUp()
	case key.Matches(k, s.PageDown):
		vp.PageDown()
	case key.Matches(k, s.Top):
		vp.GotoTop()
	case key.Matches(k, s.Bottom):
		vp.GotoBottom()
	}
}

// Matches reports whether k is one of the scrolling keys.
func (s Scroll) Matches(k tea.KeyMsg) bool {
	return key.Matches(k, s.Up, s.Down, s.PageUp, s.PageDown, s.Top, s.Bottom)
}

// Percent is how far vp is scrolled, for a pane title: "all" when every
// line fits, else 0% at the top and 100% at the bottom. Lines above base
// (a header the view opens past) count as the top, so a view opened at
// base reads 0%.
func Percent(vp viewport.Model, base int) string {
	total := vp.TotalLineCount()
	if total <= vp.Height {
		return "all"
	}
	span := total - vp.Height - base
	if span <= 0 || vp.YOffset <= base {
		if vp.AtBottom() && vp.YOffset > 0 {
			return "100%"
		}
		return "0%"
	}
	return fmt.Sprintf("%d%%", min(100, (vp.YOffset-base)*100/span))
}

// Search is `/`: search the text in view.
func Search() key.Binding {
	return key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search"))
}

// NextMatch is n: the next match of the last search.
func NextMatch() key.Binding {
	return key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match"))
}

// PrevMatch is N: the previous match of the last search.
func PrevMatch() key.Binding {
	return key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match"))
}
