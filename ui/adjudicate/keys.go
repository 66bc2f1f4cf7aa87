package adjudicate

import (
	"github.com/charmbracelet/bubbles/key"

	"assessor/review"
	"assessor/ui/components/scoring"
	"assessor/ui/keymap"
)

// adjudicateKeyMap is the adjudication screen's bindings: the list of
// disputes and, once one is open, the per-criterion choice between the two
// reviews.
type adjudicateKeyMap struct {
	Up, Down, Open, Reload key.Binding // list
	// TakeOne, TakeTwo take review 1's / review 2's level and feedback:
	// a and b, since digits choose levels as in the reviewer's scoring
	// panel, and [ and ] move between criteria on the review screen.
	TakeOne, TakeTwo    key.Binding
	Take                key.Binding // help only: both of them, briefly
	Level               key.Binding // 1..k: the open rubric's levels
	Meets, NotYet, Edit key.Binding
	Confirm, Back       key.Binding
	Focus               key.Binding // detail: evidence or rubric
	keymap.Scroll                   // detail: pgup/pgdn scroll the focused pane
	Done                key.Binding // leave the feedback editor
	Yes, No             key.Binding // the confirm question's answers
	Help, Quit          key.Binding
	detail, editing     bool // which bindings help shows
	confirming          bool
}

func newAdjudicateKeyMap() adjudicateKeyMap {
	return adjudicateKeyMap{
		Up:      keymap.Up(),
		Down:    keymap.Down(),
		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Reload:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload")),
		TakeOne: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "take review 1")),
		TakeTwo: key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "take review 2")),
		Take:    key.NewBinding(key.WithKeys("a", "b"), key.WithHelp("a/b", "take review 1/2")),
		Level:   key.NewBinding(key.WithDisabled()), // set as a dispute opens (withRubric)
		Meets:   key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "passing level")),
		NotYet:  key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "first level")),
		Edit:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit feedback")),
		Confirm: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "confirm")),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to list")),
		Focus:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "evidence/rubric")),
		Scroll:  keymap.NewScroll(),
		Done:    keymap.DoneEditing(),
		Yes:     key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "record")),
		No:      key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n/esc", "back")),
		Help:    keymap.Help(),
		Quit:    keymap.Quit(),
	}
}

// ShortHelp implements help.KeyMap.
func (k adjudicateKeyMap) ShortHelp() []key.Binding {
	switch {
	case k.confirming:
		return []key.Binding{k.Yes, k.No}
	case k.editing:
		return []key.Binding{k.Done}
	case k.detail:
		// The most used first: the short line is cut at 80 columns.
		// The level names are in the full help and the sheet's columns.
		lv := k.Level
		lv.SetHelp(lv.Help().Key, "level")
		return []key.Binding{k.Take, lv, k.Edit, k.Confirm, k.Focus, k.PageDown, k.Back, k.Help}
	}
	return []key.Binding{k.Open, k.Reload, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (k adjudicateKeyMap) FullHelp() [][]key.Binding {
	if k.confirming || k.editing {
		// The textarea takes every other key: j and k are typed, the
		// arrows move its cursor.
		return [][]key.Binding{k.ShortHelp()}
	}
	if k.detail && !k.editing {
		return [][]key.Binding{{k.Up, k.Down}, {k.TakeOne, k.TakeTwo}, {k.Level, k.Meets, k.NotYet}, {k.Edit, k.Confirm, k.Back},
			{k.Focus, k.PageUp, k.PageDown}, {k.Help, k.Quit}}
	}
	return [][]key.Binding{{k.Up, k.Down}, k.ShortHelp()}
}

// withRubric is k with the level keys of r, the open dispute's rubric:
// 1 to its number of levels, as the reviewer's scoring panel binds them.
func (k adjudicateKeyMap) withRubric(r review.Rubric) adjudicateKeyMap {
	k.Level = scoring.LevelKeys(r)
	return k
}
