package reviewer

import (
	"errors"
	"os"
	"os/exec"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/components/external"
)

// `o` in the files overlay hands a file to the reviewer's own viewer:
// $ASSESSOR_OPENER, else xdg-open (open on macOS). The bytes go to a
// private temp file (0600: it is a candidate's evidence; external.TempFile)
// removed when the opener exits. Openers that hand the file to a running application and
// return at once (xdg-open often does) may leave it too little time; set
// ASSESSOR_OPENER to a command that waits, such as "evince" or "less". Over
// SSH the opener would run on the server, so the server turns it off with
// Options.NoExternalEditor.

// errRedacted: a file whose text was redacted at import is shown inline
// as redacted text only; the opener would hand over a file a lead has not
// cleared.
var errRedacted = errors.New("its text was redacted; read it here until a lead clears it")

// openerDoneMsg reports the end of an opener run.
type openerDoneMsg struct{ err error }

// attachmentBytesMsg carries a file's bytes fetched for the opener.
type attachmentBytesMsg struct {
	name string
	data []byte
	err  error
}

// openCmd fetches the file's bytes in a tea.Cmd; openWith then hands them
// to the opener.
func (m filesModel) openCmd(e fileEntry) tea.Cmd {
	if m.c.NoExternalEditor {
		return nil
	}
	if e.att.Redacted {
		return func() tea.Msg { return openerDoneMsg{err: errRedacted} }
	}
	b, reviewer, key := m.c.Backend, m.c.Reviewer, m.key
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
	argv := external.OpenerCommand(os.Getenv)
	if _, err := exec.LookPath(argv[0]); err != nil {
		return func() tea.Msg { return openerDoneMsg{err: external.ErrNoOpener} }
	}
	o := external.Opener(argv, review.Sanitize(msg.name), msg.data)
	return external.Exec(o, func(err error) tea.Msg { return openerDoneMsg{err: err} })
}
