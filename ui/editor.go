package ui

import (
	"os"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
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

// editorRun is one run of the external editor on a feedback text: the
// text (with the trailing newline editors expect) in a temp file named for
// the field, read back when the editor exits.
func editorRun(argv []string, field, text string) *tempFileRun {
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	return &tempFileRun{argv: argv, pattern: "assessor-" + fileSafe(field) + "-*.md", data: []byte(text), readBack: true}
}

// editedText is the text an editor left, less the one trailing newline
// editors add.
func editedText(b []byte) string {
	return strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r")
}

// editorCommand is the reviewer's editor: $VISUAL, else $EDITOR, else vi,
// split into words so EDITOR="code --wait" works.
func editorCommand(getenv func(string) string) []string {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if argv := splitWords(getenv(v)); len(argv) > 0 {
			return argv
		}
	}
	return []string{"vi"}
}

// openEditor hands field's feedback to the external editor.
func (s scoringModel) openEditor(field string) (scoringModel, tea.Cmd) {
	if s.c.NoExternalEditor {
		return s, nil
	}
	run := editorRun(editorCommand(os.Getenv), field, s.feedback[field])
	// tea.Exec calls back on the event loop after Run returned, so reading
	// run.data there does not race with Run.
	return s, tea.Exec(run, func(err error) tea.Msg {
		if err != nil {
			return editorDoneMsg{field: field, err: err}
		}
		return editorDoneMsg{field: field, text: editedText(run.data)}
	})
}

// editorDone takes the edited text, or keeps the old one and says why.
func (s scoringModel) editorDone(msg editorDoneMsg) scoringModel {
	name := fieldName(msg.field)
	if msg.err != nil {
		s.info, s.notice = "", "Editor failed ("+msg.err.Error()+"); "+name+" unchanged"
		return s
	}
	if msg.text == s.feedback[msg.field] {
		s.info = name + " unchanged"
		return s
	}
	s.feedback[msg.field] = msg.text
	s.edits++
	s.info = name + " updated from your editor"
	return s
}

// fieldName names a feedback field in messages: "C2 feedback".
func fieldName(field string) string {
	if field == review.OverallKey {
		return "Overall feedback"
	}
	return field + " feedback"
}

// fileSafe keeps a temp file name to [A-Za-z0-9._-]; criterion ids already
// are, but they come from a rubric file.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			return r
		}
		return '_'
	}, s)
}

// splitWords splits s into words as a POSIX shell would, without
// expansions: blanks separate words, single quotes keep everything,
// double quotes keep everything but backslash-escaped " \ $ `, and a
// backslash outside quotes escapes the next character. An unterminated
// quote yields no words, so the caller falls back to its next choice.
func splitWords(s string) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		switch r := rs[i]; {
		case r == ' ' || r == '\t' || r == '\n':
			if inWord {
				words, inWord = append(words, cur.String()), false
				cur.Reset()
			}
			continue
		case r == '\\' && i+1 < len(rs):
			i++
			cur.WriteRune(rs[i])
		case r == '\'':
			end := indexRune(rs, i+1, '\'')
			if end < 0 {
				return nil
			}
			cur.WriteString(string(rs[i+1 : end]))
			i = end
		case r == '"':
			for i++; i < len(rs) && rs[i] != '"'; i++ {
				if rs[i] == '\\' && i+1 < len(rs) && strings.ContainsRune(`"\$`+"`", rs[i+1]) {
					i++
				}
				cur.WriteRune(rs[i])
			}
			if i >= len(rs) {
				return nil
			}
		default:
			cur.WriteRune(r)
		}
		inWord = true
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// indexRune is the index of r in rs at or after from, or -1.
func indexRune(rs []rune, from int, r rune) int {
	for i := from; i < len(rs); i++ {
		if rs[i] == r {
			return i
		}
	}
	return -1
}
