package scoring

import (
	"errors"
	"fmt"
	"os"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/components/external"
)

// `E` (a criterion) and `O` (overall) open the feedback in the reviewer's
// own editor: the text goes to a private temp file, the program hands the
// terminal to $VISUAL, $EDITOR or vi (tea.Exec), and reads the file back when
// the editor exits. Over SSH the editor would run on the server, so the
// server turns the keys off (Options.NoExternalEditor).

// editorDoneMsg reports the end of an editor session on one feedback field
// (a criterion id or review.OverallKey): the text as saved, or err when
// the editor could not run or exited non-zero.
type editorDoneMsg struct {
	field string
	text  string
	err   error
}

func (editorDoneMsg) scoringMsg() {}

// openEditor hands field's feedback to the external editor.
func (s Model) openEditor(field string) (Model, tea.Cmd) {
	if s.c.NoExternalEditor {
		return s, nil
	}
	run := external.Editor(external.EditorCommand(os.Getenv), field, s.sheet.Feedback[field])
	// tea.Exec calls back on the event loop after Run returned, so reading
	// run.Data there does not race with Run.
	return s, external.Exec(run, func(err error) tea.Msg {
		if err != nil {
			return editorDoneMsg{field: field, err: err}
		}
		return editorDoneMsg{field: field, text: external.EditedText(run.Data)}
	})
}

// editorDone takes the edited text, or keeps the old one and says why.
func (s Model) editorDone(msg editorDoneMsg) Model {
	name := fieldName(msg.field)
	switch {
	case errors.Is(msg.err, external.ErrTooLong):
		s.info, s.notice = "", fmt.Sprintf("Not taken from your editor: more than %d characters; %s unchanged", review.MaxFeedback, name)
		return s
	case msg.err != nil:
		s.info, s.notice = "", "Editor failed ("+msg.err.Error()+"); "+name+" unchanged"
		return s
	}
	if !s.sheet.SetFeedback(msg.field, msg.text) {
		s.info = name + " unchanged"
		return s
	}
	s.edits++
	s.info = name + " updated from your editor"
	if s.sheet.Cut() {
		s.info += ", cut: " + CutNote
	}
	return s
}

// fieldName names a feedback field in messages: "C2 feedback".
func fieldName(field string) string {
	if field == review.OverallKey {
		return "Overall feedback"
	}
	return field + " feedback"
}
