package scoring

import (
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/keymap"
)

// keyMap is the scoring panel's bindings.
type keyMap struct {
	Up, Down      key.Binding
	Level         key.Binding // 1..k: the k-th rubric level
	Meets, NotYet key.Binding // mnemonics for the passing and first level
	Edit, Overall key.Binding
	Confirm, Back key.Binding
	Done, Quit    key.Binding // Done leaves the textarea
	Help          key.Binding

	// The comment bank (bank.go) and the external editor (external.go).
	Bank                      key.Binding // b: pick a snippet for the criterion
	SaveSnippet               key.Binding // ctrl+b in the textarea: save it as a snippet
	External, ExternalOverall key.Binding // E, O: feedback in $EDITOR

	// Evidence is for help only: the review screen scrolls the evidence
	// with pgup, pgdn, g and G while the panel is open.
	Evidence key.Binding
}

// LevelKeys is 1..k, one digit per level of r (up to nine), with help
// naming the levels (drawn as every terminal draws them, common.Name): a
// digit past the rubric's last level is not bound.
// The adjudication screen scores with the same keys.
func LevelKeys(r review.Rubric) key.Binding {
	var digits, names []string
	for i, l := range r.AllLevels() {
		if i < 9 {
			digits = append(digits, strconv.Itoa(i+1))
			names = append(names, common.Name(l))
		}
	}
	return key.NewBinding(key.WithKeys(digits...), key.WithHelp("1-"+digits[len(digits)-1], strings.Join(names, "/")))
}

// KeyLevel is the level of r that k, one of LevelKeys(r), chooses.
func KeyLevel(r review.Rubric, k tea.KeyMsg) string {
	return r.AllLevels()[int(k.String()[0]-'1')]
}

func newKeyMap(r review.Rubric) keyMap {
	levels := r.AllLevels()
	k := keyMap{
		Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "prev criterion")),
		Down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next criterion")),
		Level:   LevelKeys(r),
		Meets:   key.NewBinding(key.WithKeys("m"), key.WithHelp("m", common.Name(r.PassingLevel()))),
		NotYet:  key.NewBinding(key.WithKeys("n"), key.WithHelp("n", common.Name(levels[0]))),
		Edit:    key.NewBinding(key.WithKeys("enter", "e"), key.WithHelp("enter", "feedback")),
		Overall: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "overall")),
		Confirm: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "confirm")),
		Back:    key.NewBinding(key.WithKeys("s", "esc"), key.WithHelp("esc", "rubric")),
		Done:    keymap.DoneEditing(),
		Quit:    keymap.ForceQuit(),
		Help:    keymap.Help(),

		Bank:            key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "comment bank")),
		SaveSnippet:     key.NewBinding(key.WithKeys("ctrl+b"), key.WithHelp("ctrl+b", "save as snippet")),
		External:        key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "feedback in $EDITOR")),
		ExternalOverall: key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "overall in $EDITOR")),
		Evidence:        key.NewBinding(key.WithKeys("pgup", "pgdown"), key.WithHelp("pgup/pgdn", "evidence")),
	}
	// `n` is only unambiguous with the default not-yet/meets pair.
	k.NotYet.SetEnabled(slices.Equal(levels, review.DefaultLevels()))
	return k
}

// ShortHelp implements help.KeyMap: the keys of every scoring first, in
// the order they are used, so a narrow terminal cuts the rarer ones.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Level, k.Edit, k.Confirm, k.Overall, k.Evidence, k.Bank, k.Back, k.Help}
}

// FullHelp implements help.KeyMap.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Evidence}, {k.Level, k.Meets, k.NotYet}, {k.Edit, k.Overall, k.Confirm},
		{k.Bank, k.External, k.ExternalOverall}, {k.Back, k.Help}}
}

// editingKeyMap is what help shows while a textarea has focus.
type editingKeyMap struct{ Done, Save, Quit key.Binding }

// ShortHelp implements help.KeyMap.
func (k editingKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Done, k.Save, k.Quit} }

// FullHelp implements help.KeyMap.
func (k editingKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }
