package dashboard

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/table"

	"assessor/ui/keymap"
)

// dashKeyMap is the lead dashboard's bindings; it feeds bubbles/help.
type dashKeyMap struct {
	keymap.Scroll           // Up, Down, PageUp, PageDown
	NextTab, PrevTab, GoTab key.Binding
	Sort, Reverse           key.Binding
	Top, Bottom             key.Binding
	Reload, Help, Quit      key.Binding
}

func newDashKeyMap() dashKeyMap {
	return dashKeyMap{
		NextTab: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next tab")),
		PrevTab: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous tab")),
		GoTab:   key.NewBinding(key.WithKeys("1", "2", "3", "4", "5"), key.WithHelp("1-5", "go to tab")),
		Sort:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort column")),
		Reverse: key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "reverse sort")),
		Scroll:  keymap.NewScroll(),
		Top:     key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "top")),
		Bottom:  key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "bottom")),
		Reload:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload")),
		Help:    keymap.Help(),
		Quit:    keymap.Quit(),
	}
}

// forTab enables the sort keys only on the table tabs, so help never offers
// a key that would do nothing.
func (k dashKeyMap) forTab(t dashTab) dashKeyMap {
	sortable := t == tabCredentials || t == tabReviewers
	k.Sort.SetEnabled(sortable)
	k.Reverse.SetEnabled(sortable)
	return k
}

// ShortHelp implements help.KeyMap.
func (k dashKeyMap) ShortHelp() []key.Binding {
	// 1-5 is left to the full help: the tab bar already shows the numbers,
	// and the short line must fit 80 columns.
	return []key.Binding{k.NextTab, k.Sort, k.Reverse, k.Reload, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (k dashKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.NextTab, k.PrevTab, k.GoTab},
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Sort, k.Reverse},
		{k.Reload, k.Help, k.Quit},
	}
}

// tableKeyMap drives the tables' own movement. It is built from the
// dashboard's bindings so the tables do not also claim bubbles/table's
// defaults (u, d, b, f, space) for paging.
func (k dashKeyMap) tableKeyMap() table.KeyMap {
	return table.KeyMap{
		LineUp: k.Up, LineDown: k.Down, PageUp: k.PageUp, PageDown: k.PageDown,
		GotoTop: k.Top, GotoBottom: k.Bottom,
	}
}
