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
	Open, Back              key.Binding // drill down into a row, and back
	Top, Bottom             key.Binding
	Reload, Help, Quit      key.Binding
}

func newDashKeyMap() dashKeyMap {
	return dashKeyMap{
		NextTab: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next tab")),
		PrevTab: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous tab")),
		GoTab:   key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6"), key.WithHelp("1-6", "go to tab")),
		Sort:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort column")),
		Reverse: key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "reverse sort")),
		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "attempts")),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Scroll:  keymap.NewScroll(),
		Top:     key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "top")),
		Bottom:  key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "bottom")),
		Reload:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload")),
		Help:    keymap.Help(),
		Quit:    keymap.Quit(),
	}
}

// forTab enables the keys that do something on tab t, or in the
// drill-down (drill) or history (hist) open on it, so help never offers a
// key that would do nothing.
func (k dashKeyMap) forTab(t dashTab, drill, hist bool) dashKeyMap {
	sortable := (t == tabCredentials || t == tabReviewers) && !drill && !hist
	k.Sort.SetEnabled(sortable)
	k.Reverse.SetEnabled(sortable)
	k.Open.SetEnabled(t != tabTrend && t != tabFairness && !hist)
	if drill || t == tabTurnaround {
		k.Open.SetHelp("enter", "history")
	}
	k.Back.SetEnabled(drill || hist)
	k.Reload.SetEnabled(!drill && !hist) // the drill-down takes r as any other key
	return k
}

// ShortHelp implements help.KeyMap.
func (k dashKeyMap) ShortHelp() []key.Binding {
	// 1-6 is left to the full help: the tab bar already shows the numbers;
	// S too, which the sort line above the table names. The short line
	// must fit 80 columns.
	if k.Back.Enabled() {
		return []key.Binding{k.Back, k.Open, k.Up, k.Down, k.NextTab, k.Help, k.Quit}
	}
	return []key.Binding{k.NextTab, k.Open, k.Sort, k.Reload, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (k dashKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.NextTab, k.PrevTab, k.GoTab},
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Open, k.Back, k.Sort, k.Reverse},
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
