package ui

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
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

var _ tea.ExecCommand = (*editorSession)(nil)

// editorSession is one run of the external editor on one feedback field.
// It implements tea.ExecCommand so that every file operation happens while
// the program has handed over the terminal, not in Update.
type editorSession struct {
	argv   []string // the editor command; the file name is appended
	field  string
	text   string // before; after a successful Run, as the editor left it
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// SetStdin implements tea.ExecCommand; the program passes its terminal.
func (e *editorSession) SetStdin(r io.Reader) { e.stdin = r }

// SetStdout implements tea.ExecCommand.
func (e *editorSession) SetStdout(w io.Writer) { e.stdout = w }

// SetStderr implements tea.ExecCommand.
func (e *editorSession) SetStderr(w io.Writer) { e.stderr = w }

// Run writes the text to a new temp file (0600: it is a candidate's
// feedback), runs the editor on it, reads it back and removes the file,
// whatever happened. On success e.text is the edited text less one trailing
// newline, which editors add; on failure e.text is untouched.
func (e *editorSession) Run() error {
	f, err := os.CreateTemp("", "assessor-"+fileSafe(e.field)+"-*.md")
	if err != nil {
		return fmt.Errorf("temp file: %w", err)
	}
	path := f.Name()
	defer os.Remove(path)
	text := e.text
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("temp file: %w", err)
	}
	cmd := exec.Command(e.argv[0], append(e.argv[1:], path)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = e.stdin, e.stdout, e.stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(e.argv[0]), err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading back %s: %w", path, err)
	}
	e.text = strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r")
	return nil
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
	if s.c.noExternalEditor {
		return s, nil
	}
	e := &editorSession{argv: editorCommand(os.Getenv), field: field, text: s.feedback[field]}
	// tea.Exec calls back on the event loop after Run returned, so reading
	// e.text there does not race with Run.
	return s, tea.Exec(e, func(err error) tea.Msg {
		return editorDoneMsg{field: field, text: e.text, err: err}
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
