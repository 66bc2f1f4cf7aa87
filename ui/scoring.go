package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/components/confirm"
	"assessor/ui/components/feedback"
	"assessor/ui/keymap"
)

// scoringKeyMap is the scoring panel's bindings.
type scoringKeyMap struct {
	Up, Down      key.Binding
	Level         key.Binding // 1..k: the k-th rubric level
	Meets, NotYet key.Binding // mnemonics for the passing and first level
	Edit, Overall key.Binding
	Confirm, Back key.Binding
	Done, Quit    key.Binding // Done leaves the textarea
	Help          key.Binding

	// The comment bank (snippets.go) and the external editor (editor.go).
	Bank                      key.Binding // b: pick a snippet for the criterion
	SaveSnippet               key.Binding // ctrl+b in the textarea: save it as a snippet
	External, ExternalOverall key.Binding // E, O: feedback in $EDITOR
}

func newScoringKeyMap(r review.Rubric) scoringKeyMap {
	levels := r.AllLevels()
	var digits, names []string
	for i, l := range levels {
		if i < 9 {
			digits = append(digits, strconv.Itoa(i+1))
			names = append(names, l)
		}
	}
	k := scoringKeyMap{
		Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "prev criterion")),
		Down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next criterion")),
		Level:   key.NewBinding(key.WithKeys(digits...), key.WithHelp("1-"+digits[len(digits)-1], strings.Join(names, "/"))),
		Meets:   key.NewBinding(key.WithKeys("m"), key.WithHelp("m", r.PassingLevel())),
		NotYet:  key.NewBinding(key.WithKeys("n"), key.WithHelp("n", levels[0])),
		Edit:    key.NewBinding(key.WithKeys("enter", "e"), key.WithHelp("enter/e", "feedback")),
		Overall: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "overall")),
		Confirm: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "confirm")),
		Back:    key.NewBinding(key.WithKeys("s", "esc"), key.WithHelp("s/esc", "rubric")),
		Done:    key.NewBinding(key.WithKeys("esc", "ctrl+s"), key.WithHelp("esc/ctrl+s", "done editing")),
		Quit:    keymap.ForceQuit(),
		Help:    keymap.Help(),

		Bank:            key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "snippets")),
		SaveSnippet:     key.NewBinding(key.WithKeys("ctrl+b"), key.WithHelp("ctrl+b", "save as snippet")),
		External:        key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "feedback in $EDITOR")),
		ExternalOverall: key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "overall in $EDITOR")),
	}
	// `n` is only unambiguous with the default not-yet/meets pair.
	k.NotYet.SetEnabled(slices.Equal(levels, review.DefaultLevels()))
	return k
}

// ShortHelp implements help.KeyMap.
func (k scoringKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Level, k.Edit, k.Bank, k.Overall, k.Confirm, k.Back, k.Help}
}

// FullHelp implements help.KeyMap.
func (k scoringKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down}, {k.Level, k.Meets, k.NotYet}, {k.Edit, k.Overall, k.Confirm},
		{k.Bank, k.External, k.ExternalOverall}, {k.Back, k.Help}}
}

// editingKeyMap is what help shows while a textarea has focus.
type editingKeyMap struct{ Done, Save, Quit key.Binding }

func (k editingKeyMap) ShortHelp() []key.Binding  { return []key.Binding{k.Done, k.Save, k.Quit} }
func (k editingKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// scoringModel is the scoring panel: a level and feedback per criterion,
// overall feedback, the computed outcome and the confirm dialog. It edits
// levels and feedback in place; edits counts changes so the review screen
// can schedule a draft save.
type scoringModel struct {
	c        *common.Common
	keys     scoringKeyMap
	rubric   review.Rubric
	key      review.AttemptKey
	handle   string
	levels   map[string]string
	feedback map[string]string
	cursor   int
	editing  string // criterion id or review.OverallKey; "" when not editing
	text     textarea.Model
	confirm  *confirm.Model // non-nil while the dialog is open
	picker   *pickerModel   // non-nil while the comment bank is open
	deciding bool           // Decide is running
	notice   string         // why confirm was refused, or a Decide error
	info     string         // what just happened, e.g. "Saved to your comment bank"
	edits    int
	width    int
	height   int
}

func newScoring(c *common.Common, a review.Assignment) scoringModel {
	ta := feedback.New(c.Styles)
	s := scoringModel{
		c: c, keys: newScoringKeyMap(a.Rubric), rubric: a.Rubric, key: a.Attempt.Key(),
		handle:   review.Sanitize(a.Attempt.Handle()),
		levels:   map[string]string{},
		feedback: map[string]string{},
		text:     ta,
	}
	// Over SSH the editor would run on the server (Options.NoExternalEditor).
	s.keys.External.SetEnabled(!c.NoExternalEditor)
	s.keys.ExternalOverall.SetEnabled(!c.NoExternalEditor)
	// The draft comes back as it was left (rule 6).
	for k, v := range a.Draft.Levels {
		s.levels[k] = v
	}
	for k, v := range a.Draft.Feedback {
		s.feedback[k] = v
	}
	return s
}

// Editing reports whether a textarea has the keyboard.
func (s scoringModel) Editing() bool { return s.editing != "" }

// Modal reports whether the panel must see every key (textarea, dialog,
// comment bank or a decision in flight), so the review screen must not act
// on them.
func (s scoringModel) Modal() bool {
	return s.Editing() || s.confirm != nil || s.picker != nil || s.deciding
}

// helpKeys is the key map for the panel's current state.
func (s scoringModel) helpKeys() help.KeyMap {
	switch {
	case s.confirm != nil:
		return s.confirm.Keys()
	case s.picker != nil:
		return *s.picker
	case s.Editing():
		return editingKeyMap{s.keys.Done, s.keys.SaveSnippet, s.keys.Quit}
	}
	return s.keys
}

func (s scoringModel) setSize(w, h int) scoringModel {
	s.width, s.height = w, h
	s.text.SetWidth(max(w, 10))
	s.text.SetHeight(min(5, max(h/3, 2)))
	if s.picker != nil {
		p := s.picker.setSize(w, h)
		s.picker = &p
	}
	return s
}

// Update handles the panel's keys and its commands' results. Keys the panel
// does not use are ignored.
func (s scoringModel) Update(msg tea.Msg) (scoringModel, tea.Cmd) {
	switch msg := msg.(type) {
	case snippetsLoadedMsg:
		return s.snippetsLoaded(msg)
	case pickerMsg:
		return s.pickerResult(msg)
	case snippetSavedMsg:
		return s.snippetSaved(msg), nil
	case editorDoneMsg:
		return s.editorDone(msg), nil
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		if s.Editing() {
			var cmd tea.Cmd
			s.text, cmd = s.text.Update(msg) // cursor blink
			return s, cmd
		}
		return s, nil
	}
	switch {
	case s.deciding:
		return s, nil
	case s.confirm != nil:
		return s.updateConfirm(k)
	case s.picker != nil:
		return s.updatePicker(k)
	case s.Editing():
		return s.updateEditing(k)
	}
	s.notice, s.info = "", ""
	crit := s.rubric.Criteria
	switch {
	case key.Matches(k, s.keys.Up):
		s.cursor = max(s.cursor-1, 0)
	case key.Matches(k, s.keys.Down):
		s.cursor = min(s.cursor+1, len(crit)-1)
	case key.Matches(k, s.keys.Level):
		s.setLevel(s.rubric.AllLevels()[int(k.String()[0]-'1')])
	case key.Matches(k, s.keys.Meets):
		s.setLevel(s.rubric.PassingLevel())
	case key.Matches(k, s.keys.NotYet):
		s.setLevel(s.rubric.AllLevels()[0])
	case key.Matches(k, s.keys.Edit):
		if len(crit) > 0 {
			return s.startEditing(crit[s.cursor].ID)
		}
	case key.Matches(k, s.keys.Overall):
		return s.startEditing(review.OverallKey)
	case key.Matches(k, s.keys.Bank):
		return s.openBank()
	case key.Matches(k, s.keys.External):
		if len(crit) > 0 {
			return s.openEditor(crit[s.cursor].ID)
		}
	case key.Matches(k, s.keys.ExternalOverall):
		return s.openEditor(review.OverallKey)
	case key.Matches(k, s.keys.Confirm):
		s = s.openConfirm()
	}
	return s, nil
}

func (s *scoringModel) setLevel(l string) {
	if len(s.rubric.Criteria) == 0 {
		return
	}
	id := s.rubric.Criteria[s.cursor].ID
	if s.levels[id] != l {
		s.levels[id] = l
		s.edits++
	}
}

func (s scoringModel) startEditing(id string) (scoringModel, tea.Cmd) {
	s.editing = id
	s.text.SetValue(s.feedback[id])
	// Only a criterion has a comment bank to save to.
	_, isCrit := s.rubric.Criterion(id)
	s.keys.SaveSnippet.SetEnabled(isCrit)
	return s, s.text.Focus()
}

// updateEditing sends keys to the textarea and copies its text into the
// feedback on every change, so a draft save always has what is on screen.
func (s scoringModel) updateEditing(k tea.KeyMsg) (scoringModel, tea.Cmd) {
	switch {
	case key.Matches(k, s.keys.Done):
		s.text.Blur()
		s.editing = ""
		return s, nil
	case key.Matches(k, s.keys.SaveSnippet):
		// Caught before the textarea, where ctrl+b is cursor-left (the
		// arrow keys still are).
		return s.saveSnippet()
	}
	var cmd tea.Cmd
	s.text, cmd = s.text.Update(k)
	if v := s.text.Value(); v != s.feedback[s.editing] {
		s.feedback[s.editing] = v
		s.edits++
	}
	return s, cmd
}

// outcome computes the live outcome, or says why there is none yet.
func (s scoringModel) outcome() (review.Outcome, string) {
	out, err := review.ComputeOutcome(s.rubric, s.levels)
	if err == nil {
		return out, string(out)
	}
	unscored := 0
	for _, c := range s.rubric.Criteria {
		if _, ok := s.levels[c.ID]; !ok {
			unscored++
		}
	}
	if unscored > 0 {
		return "", fmt.Sprintf("incomplete (%d %s unscored)", unscored, common.Plural(unscored, "criterion", "criteria"))
	}
	return "", "incomplete (" + err.Error() + ")"
}

// missingFeedback lists not-yet criteria without feedback: rule 2's hard half.
func (s scoringModel) missingFeedback() []string {
	return review.MissingFeedback(s.rubric, s.levels, s.feedback)
}

// openConfirm opens the dialog only for a decision the store would accept,
// and otherwise says what is missing.
func (s scoringModel) openConfirm() scoringModel {
	out, why := s.outcome()
	if out == "" {
		var unscored []string
		for _, c := range s.rubric.Criteria {
			if _, ok := s.levels[c.ID]; !ok {
				unscored = append(unscored, c.ID)
			}
		}
		if len(unscored) > 0 {
			s.notice = "Can't confirm yet: score " + strings.Join(unscored, ", ") + " first"
		} else {
			s.notice = "Can't confirm yet: outcome " + why
		}
		return s
	}
	if miss := s.missingFeedback(); len(miss) > 0 {
		s.notice = "Can't confirm: " + strings.Join(miss, ", ") + " " + common.Plural(len(miss), "needs", "need") + " feedback (select, enter to write)"
		return s
	}
	c := confirm.New(s.c.Styles, s.handle, out, review.FeedbackWarnings(s.rubric, s.levels, s.feedback))
	s.confirm = &c
	return s
}

func (s scoringModel) updateConfirm(k tea.KeyMsg) (scoringModel, tea.Cmd) {
	c, _ := s.confirm.Update(k)
	s.confirm = &c
	switch c.Answer() {
	case confirm.No:
		s.confirm = nil
	case confirm.Yes:
		s.confirm = nil
		s.deciding = true
		s.notice = "Recording the decision…"
		return s, decideCmd(s.c, s.key, s.handle, s.levels, s.decisionFeedback())
	}
	return s, nil
}

// decisionFeedback is the feedback to record: trimmed, without empty
// entries, only for the rubric's criteria and the overall comment.
func (s scoringModel) decisionFeedback() map[string]string {
	fb := map[string]string{}
	for k, v := range s.feedback {
		_, isCrit := s.rubric.Criterion(k)
		if v = strings.TrimSpace(v); v != "" && (isCrit || k == review.OverallKey) {
			fb[k] = v
		}
	}
	return fb
}

// decisionFailed reopens the panel for editing after Decide refused.
func (s scoringModel) decisionFailed(err error) scoringModel {
	s.deciding = false
	s.notice = "Not recorded: " + err.Error()
	return s
}
