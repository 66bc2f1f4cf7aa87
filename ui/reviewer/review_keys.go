package reviewer

import (
	"github.com/charmbracelet/bubbles/key"

	"assessor/ui/keymap"
)

// reviewKeyMap is the review screen's bindings.
type reviewKeyMap struct {
	keymap.Scroll
	Focus, NextCrit, PrevCrit key.Binding
	Score, Back               key.Binding
	Diff, History, Files      key.Binding
	Help, Quit                key.Binding

	// `/` and n, N search the evidence (review_search.go).
	Search, NextMatch, PrevMatch key.Binding
	// Matches is n and N in one, for help only: the short help beside the
	// scoring panel while they step through a search's matches.
	Matches key.Binding
}

// newReviewKeyMap returns the bindings; `d` is only offered when there is
// an earlier attempt to diff against.
func newReviewKeyMap(canDiff bool) reviewKeyMap {
	k := reviewKeyMap{
		Scroll:   keymap.NewScroll(),
		Focus:    key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "switch pane")),
		NextCrit: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next criterion")),
		PrevCrit: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "prev criterion")),
		Score:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "score")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to queue")),
		Diff:     key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "diff/full text")),
		History:  key.NewBinding(key.WithKeys("h"), key.WithHelp("h", "history")),
		Files:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "files")),
		Help:     keymap.Help(),
		Quit:     keymap.Quit(),

		// `/` searches the evidence, whichever pane has the focus.
		Search:    key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search evidence")),
		NextMatch: keymap.NextMatch(),
		PrevMatch: keymap.PrevMatch(),
		Matches:   key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n/N", "next/prev match")),
	}
	k.Diff.SetEnabled(canDiff)
	return k
}

// ShortHelp implements help.KeyMap.
func (k reviewKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Score, k.Focus, k.NextCrit, k.Diff, k.History, k.Files, k.Back, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (k reviewKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Focus, k.NextCrit, k.PrevCrit, k.Search, k.NextMatch, k.PrevMatch}, {k.Score, k.Diff, k.History, k.Files, k.Back}, {k.Help, k.Quit}}
}
