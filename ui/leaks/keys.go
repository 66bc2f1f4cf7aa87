package leaks

import (
	"github.com/charmbracelet/bubbles/key"

	"assessor/ui/keymap"
)

// leaksKeyMap is the flag screen's bindings: the list of attempts with open
// flags, one attempt's flags, and the reason line both ask for.
type leaksKeyMap struct {
	Up, Down, Open, Reload key.Binding // list
	Redact, Clear, Back    key.Binding // one attempt's flags
	Confirm, Cancel        key.Binding // the reason line
	PageUp, PageDown       key.Binding
	Help, Quit, ForceQuit  key.Binding
}

func newLeaksKeyMap() leaksKeyMap {
	return leaksKeyMap{
		Up:       keymap.Up(),
		Down:     keymap.Down(),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "read flags (audited)")),
		Reload:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload")),
		Redact:   key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "redact")),
		Clear:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "clear")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Confirm:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "record (audited)")),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		PageUp:   keymap.PageUp(),
		PageDown: keymap.PageDown(),
		Help:     keymap.Help(),
		Quit:     keymap.Quit(),
		// Nothing is left unsaved: ctrl+c just quits, even while typing.
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
	}
}

// helpKeys is the help for what shows: the list, an attempt's flags, or
// the reason line.
type helpKeys struct {
	k                leaksKeyMap
	detail, prompted bool
}

// ShortHelp implements help.KeyMap.
func (h helpKeys) ShortHelp() []key.Binding {
	k := h.k
	switch {
	case h.prompted:
		return []key.Binding{k.Confirm, k.Cancel, k.ForceQuit}
	case h.detail:
		return []key.Binding{k.Redact, k.Clear, k.Up, k.Down, k.Back, k.Help, k.Quit}
	}
	return []key.Binding{k.Open, k.Up, k.Down, k.Reload, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (h helpKeys) FullHelp() [][]key.Binding {
	k := h.k
	switch {
	case h.prompted:
		return [][]key.Binding{h.ShortHelp()}
	case h.detail:
		return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Redact, k.Clear}, {k.Back, k.Help, k.Quit}}
	}
	return [][]key.Binding{{k.Up, k.Down}, {k.Open, k.Reload}, {k.Help, k.Quit}}
}
