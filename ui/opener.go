package ui

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
)

// `o` in the files overlay hands a file to the reviewer's own viewer:
// $ASSESSOR_OPENER, else xdg-open (open on macOS). The bytes go to a private
// temp file (0600: it is a candidate's evidence) that is removed when the
// opener exits. Openers that hand the file to a running application and
// return at once (xdg-open often does) may leave it too little time; set
// ASSESSOR_OPENER to a command that waits, such as "evince" or "less". Over
// SSH the opener would run on the server, so the server turns it off with
// Options.NoExternalEditor.

// openerDoneMsg reports the end of an opener run.
type openerDoneMsg struct{ err error }

var _ tea.ExecCommand = (*openerSession)(nil)

// openerSession is one run of the opener on one file. Like editorSession
// it implements tea.ExecCommand, so the file is written, opened and removed
// while the program has handed over the terminal.
type openerSession struct {
	argv   []string
	name   string // the file's name, for its extension
	data   []byte
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// SetStdin implements tea.ExecCommand.
func (o *openerSession) SetStdin(r io.Reader) { o.stdin = r }

// SetStdout implements tea.ExecCommand.
func (o *openerSession) SetStdout(w io.Writer) { o.stdout = w }

// SetStderr implements tea.ExecCommand.
func (o *openerSession) SetStderr(w io.Writer) { o.stderr = w }

// Run writes the bytes to a new temp file named after the file (so the
// opener picks a viewer by extension), runs the opener on it and removes
// the file, whatever happened.
func (o *openerSession) Run() error {
	f, err := os.CreateTemp("", "assessor-*-"+fileSafe(filepath.Base(o.name)))
	if err != nil {
		return fmt.Errorf("temp file: %w", err)
	}
	path := f.Name()
	defer os.Remove(path)
	_, err = f.Write(o.data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("temp file: %w", err)
	}
	cmd := exec.Command(o.argv[0], append(o.argv[1:], path)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = o.stdin, o.stdout, o.stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(o.argv[0]), err)
	}
	return nil
}

// openerCommand is the reviewer's opener: $ASSESSOR_OPENER split into
// words, else the desktop's.
func openerCommand(getenv func(string) string) []string {
	if argv := splitWords(getenv("ASSESSOR_OPENER")); len(argv) > 0 {
		return argv
	}
	if runtime.GOOS == "darwin" {
		return []string{"open"}
	}
	return []string{"xdg-open"}
}

// attachmentBytesMsg carries a file's bytes fetched for the opener.
type attachmentBytesMsg struct {
	name string
	data []byte
	err  error
}

// openCmd fetches the file's bytes in a tea.Cmd; openWith then hands them
// to the opener.
func (m filesModel) openCmd(e fileEntry) tea.Cmd {
	if m.c.noExternalEditor {
		return nil
	}
	b, reviewer, key := m.c.backend, m.c.reviewer, m.key
	return func() tea.Msg {
		data, err := b.Attachment(reviewer, key, e.att.Hash)
		return attachmentBytesMsg{name: e.att.Name, data: data, err: err}
	}
}

// openWith runs the opener on fetched bytes, or reports why it cannot.
func openWith(msg attachmentBytesMsg) tea.Cmd {
	if msg.err != nil {
		err := msg.err
		return func() tea.Msg { return openerDoneMsg{err: err} }
	}
	argv := openerCommand(os.Getenv)
	if _, err := exec.LookPath(argv[0]); err != nil {
		return func() tea.Msg { return openerDoneMsg{err: errNoOpener} }
	}
	o := &openerSession{argv: argv, name: review.Sanitize(msg.name), data: msg.data}
	return tea.Exec(o, func(err error) tea.Msg { return openerDoneMsg{err: err} })
}
