package scoring

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
)

// The comment bank: `b` on a criterion pushes a picker of that
// criterion's snippets (shared ones first, then the reviewer's own; see
// picker.go), filtered with `/`; `enter` appends the chosen one to the
// feedback and opens the editor on it, so the reviewer adapts it before
// the debounced draft save stores it. ctrl+b in the editor saves the text
// as a new personal snippet.

// snippetsLoadedMsg carries one criterion's comment bank.
type snippetsLoadedMsg struct {
	criterion string
	snippets  []review.Snippet
	err       error
}

// snippetSavedMsg reports the SaveSnippet of ctrl+b.
type snippetSavedMsg struct {
	snippet review.Snippet
	err     error
}

// pickerMsg carries a message of the picker's list back to it: the list
// filters in a tea.Cmd, and the review screen routes only scoring.Msgs
// to the panel. criterion and filter are the picker and the filter text the
// command was made for, so a late result can be told from a current one.
type pickerMsg struct {
	criterion string
	filter    string
	msg       tea.Msg
}

func (snippetsLoadedMsg) scoringMsg() {}
func (snippetSavedMsg) scoringMsg()   {}
func (pickerMsg) scoringMsg()         {}

// loadSnippetsCmd fetches the comment bank of one criterion.
func loadSnippetsCmd(c *common.Common, credential, criterion string) tea.Cmd {
	return func() tea.Msg {
		sns, err := c.Backend.Snippets(c.Reviewer, credential, criterion)
		return snippetsLoadedMsg{criterion: criterion, snippets: sns, err: err}
	}
}

// saveSnippetCmd stores sn as one of the reviewer's own snippets.
func saveSnippetCmd(c *common.Common, sn review.Snippet) tea.Cmd {
	sn.Owner = c.Reviewer // personal: shared snippets are managed by leads, from the CLI
	return func() tea.Msg {
		saved, err := c.Backend.SaveSnippet(c.Reviewer, sn)
		return snippetSavedMsg{snippet: saved, err: err}
	}
}

// appendSnippet adds text to feedback, after a blank line when there is
// feedback already, so a snippet never runs into the reviewer's sentence.
func appendSnippet(feedback, text string) string {
	text = strings.TrimSpace(text)
	if strings.TrimSpace(feedback) == "" {
		return text
	}
	return strings.TrimRight(feedback, " \t\n") + "\n\n" + text
}

// openBank pushes the picker on the selected criterion and loads its bank.
func (s Model) openBank() (Model, tea.Cmd) {
	if len(s.sheet.Rubric.Criteria) == 0 {
		return s, nil
	}
	c, _ := s.sheet.Rubric.Criterion(s.sheet.Row())
	s.overlays = s.overlays.Push(newPicker(s.c.Styles, c.ID, common.Name(c.Name), s.width, s.height))
	return s, loadSnippetsCmd(s.c, s.sheet.Rubric.ID, c.ID)
}

// insertSnippet appends the snippet chosen in the picker to criterion's
// feedback and opens the editor on it, so the reviewer adapts it before
// the debounced draft save stores it.
func (s Model) insertSnippet(criterion string, sn review.Snippet) (Model, tea.Cmd) {
	if s.sheet.SetFeedback(criterion, appendSnippet(s.sheet.Feedback[criterion], review.Sanitize(sn.Text))) {
		s.edits++
	}
	s.info = "Inserted — edit it to fit this candidate; esc when done"
	if s.sheet.Cut() {
		s.info = "Inserted, cut: " + CutNote
	}
	return s.startEditing(criterion)
}

// saveSnippet is ctrl+b in the editor: the text becomes a new personal
// snippet of the criterion being edited.
func (s Model) saveSnippet() (Model, tea.Cmd) {
	if _, ok := s.sheet.Rubric.Criterion(s.sheet.EditingID()); !ok {
		return s, nil // the overall feedback has no bank
	}
	text := strings.TrimSpace(s.sheet.Text())
	if text == "" {
		s.notice = "Nothing to save yet: write the feedback first"
		return s, nil
	}
	s.notice, s.info = "", "Saving to your comment bank…"
	return s, saveSnippetCmd(s.c, review.Snippet{Credential: s.sheet.Rubric.ID, Criterion: s.sheet.EditingID(), Text: text})
}

// snippetSaved reports the save of ctrl+b.
func (s Model) snippetSaved(msg snippetSavedMsg) Model {
	if msg.err != nil {
		s.info, s.notice = "", "Not saved to your comment bank: "+msg.err.Error()
		return s
	}
	s.info = "Saved to your comment bank"
	return s
}
