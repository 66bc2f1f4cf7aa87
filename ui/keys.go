package ui

import "github.com/charmbracelet/bubbles/key"

// Bindings shared by every screen, so `?`, `q` and `ctrl+c` read the same
// everywhere. Each screen's keyMap embeds the ones it uses.

func helpBinding() key.Binding {
	return key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help"))
}

func quitBinding() key.Binding {
	return key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit"))
}

// forceQuitBinding is ctrl+c alone: it quits (after saving the draft) even
// from inside a textarea, where a plain q is just a letter.
func forceQuitBinding() key.Binding {
	return key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "save & quit"))
}

// scrollKeys are the pane scrolling bindings used by the review screen.
type scrollKeys struct {
	Up, Down, PageUp, PageDown key.Binding
}

func newScrollKeys() scrollKeys {
	return scrollKeys{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
	}
}
