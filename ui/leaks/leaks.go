// Package leaks is the lead's flag screen (`assessor leaks work`, or
// `ssh -t HOST leaks work`): the attempts with open flags, then one
// attempt's flags in context, where each flag is redacted or cleared and a
// redacted file released, each with a reason. It calls the store functions
// the `leaks show|redact|clear` subcommands call (common.FlagBackend), so
// every read and action is checked and audited as theirs are, and it shows
// no more than `leaks show` prints.
package leaks

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/keymap"
	"assessor/ui/styles"
)

// actionShow is the reason line's action for reading an attempt's flags.
const actionShow = "show"

// flaggedLoadedMsg carries the list.
type flaggedLoadedMsg struct {
	items []review.FlaggedAttempt
	err   error
}

// reportLoadedMsg carries one attempt's flags, read with reason.
type reportLoadedMsg struct {
	handle, reason string
	key            review.AttemptKey
	rep            review.FlagReport
	err            error
}

// workedMsg reports a redact, clear or release, and the flags as it left
// them.
type workedMsg struct {
	handle string
	key    review.AttemptKey
	done   string // "flag 2 redacted"
	rep    review.FlagReport
	err    error
}

// leaksModel is the flag screen. It is a program of its own
// (ui.RunLeaks), so it is its own root model.
type leaksModel struct {
	b       common.FlagBackend
	lead    string
	st      *styles.Styles
	keys    leaksKeyMap
	help    help.Model
	items   []review.FlaggedAttempt
	loaded  bool
	loadErr error // the last list's error, until a list loads (LoadErr)
	cursor  int
	open    *attemptFlags // nil while the list shows
	prompt  *reasonLine   // the reason being typed, if any
	pending bool          // a read or an action is in flight
	status  string
	isErr   bool
	width   int
	height  int
}

// attemptFlags is one attempt's flags as read, and the row enter acts on:
// the open flags, then the redacted files.
type attemptFlags struct {
	handle string
	key    review.AttemptKey
	reason string // why the lead read them; re-reads after an action use it
	rep    review.FlagReport
	cursor int
	vp     viewport.Model
}

// rows is how many rows can be worked: open flags, then redacted files.
func (a *attemptFlags) rows() int { return len(a.rep.Open) + len(a.rep.Files) }

// reasonLine asks why, before a read or an action.
type reasonLine struct {
	action string // actionShow, review.FlagRedact or review.FlagClear
	what   string // the question's subject: "DF-7KQ2#2's flags", "flag 2 (phone)"
	// The flag worked (open flags), or the redacted file released on a
	// clear of a file row, as the lead read it: if another lead worked
	// the flags since, its number may name another, and the store refuses.
	flag    *review.FlagSpan
	redFile *review.RedactedFile
	handle  string            // the attempt to read (actionShow), as listed
	key     review.AttemptKey // and its key, which the read goes by
	in      textinput.Model
	empty   bool // enter was pressed on a blank reason
}

// New returns the flag screen for lead.
func New(b common.FlagBackend, lead string, opt common.Options) tea.Model {
	st := common.NewStyles(opt)
	h := help.New()
	h.Styles = st.Help
	return leaksModel{b: b, lead: lead, st: st, keys: newLeaksKeyMap(), help: h, width: 80, height: 24}
}

// LoadErr is the error of the last list of flags if it failed and none
// loaded since: the program's exit error when it quits so.
func (m leaksModel) LoadErr() error { return m.loadErr }

func loadFlaggedCmd(b common.FlagBackend) tea.Cmd {
	return func() tea.Msg {
		items, err := b.Flagged()
		return flaggedLoadedMsg{items, err}
	}
}

// readCmd reads attempt k's flags with reason (audited). It goes by the
// list's key, not by resolving the handle: in an older store a handle may
// be another application's id, and Resolve refuses it.
func readCmd(b common.FlagBackend, lead, handle string, k review.AttemptKey, reason string) tea.Cmd {
	return func() tea.Msg {
		msg := reportLoadedMsg{handle: handle, reason: reason, key: k}
		msg.rep, msg.err = b.FlagReport(lead, k, reason)
		return msg
	}
}

// workCmd records one action on the open attempt's flags (audited).
func workCmd(b common.FlagBackend, lead string, a *attemptFlags, p reasonLine, reason string) tea.Cmd {
	handle, k := a.handle, a.key
	return func() tea.Msg {
		msg := workedMsg{handle: handle, key: k}
		if f := p.redFile; f != nil {
			msg.done = "file " + f.ID + " released to reviewers"
			msg.rep, msg.err = b.ReleaseFile(lead, k, f.ID, f, reason)
			return msg
		}
		msg.done = fmt.Sprintf("flag %d %s", p.flag.N, map[string]string{review.FlagRedact: "redacted", review.FlagClear: "cleared"}[p.action])
		msg.rep, msg.err = b.WorkFlag(lead, k, p.flag.N, p.flag, p.action, reason)
		return msg
	}
}

// Init loads the list.
func (m leaksModel) Init() tea.Cmd { return loadFlaggedCmd(m.b) }

// Update handles keys, resizes and the commands' answers.
func (m leaksModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.Width = msg.Width
		return m.layout(), nil
	case flaggedLoadedMsg:
		m.loaded, m.loadErr = true, nil
		if msg.err != nil {
			m.loadErr = fmt.Errorf("could not list the flags: %w", msg.err)
			m.status, m.isErr = "Could not list the flags: "+msg.err.Error()+" (r to retry)", true
			return m, nil
		}
		m.items = msg.items
		m.cursor = min(m.cursor, max(len(m.items)-1, 0))
		return m, nil
	case reportLoadedMsg:
		return m.reportLoaded(msg), nil
	case workedMsg:
		m.pending = false
		if msg.err != nil {
			m.status, m.isErr = "Not recorded: "+msg.err.Error(), true
			if errors.Is(msg.err, review.ErrFlagsChanged) && m.open != nil && m.open.key == msg.key {
				// Read them again, under the reason they were read for.
				return m, readCmd(m.b, m.lead, msg.handle, msg.key, m.open.reason)
			}
			return m, nil
		}
		m.status, m.isErr = review.Sanitize(msg.handle)+": "+msg.done+"; recorded in the audit log", false
		if m.open != nil && m.open.key == msg.key {
			// The flags as the action left them (numbers move up as flags
			// are worked): read with it, under its audit record.
			m = m.reportLoaded(reportLoadedMsg{handle: msg.handle, reason: m.open.reason, key: msg.key, rep: msg.rep})
		}
		return m, loadFlaggedCmd(m.b)
	case common.SaveAndQuitMsg:
		// Every action is stored whole when made: nothing to save.
		return m, tea.Quit
	case tea.KeyMsg:
		if key.Matches(msg, m.keys.ForceQuit) {
			return m, tea.Quit
		}
		var cmd tea.Cmd
		switch {
		case m.prompt != nil:
			m, cmd = m.updatePrompt(msg)
		case m.open != nil:
			m, cmd = m.updateDetail(msg)
		default:
			m, cmd = m.updateList(msg)
		}
		// The reason line and the help take lines from the body.
		return m.layout(), cmd
	}
	return m, nil
}

// reportLoaded opens (or refreshes) the attempt read.
func (m leaksModel) reportLoaded(msg reportLoadedMsg) leaksModel {
	m.pending = false
	if msg.err != nil {
		m.status, m.isErr = "Could not read the flags of "+review.Sanitize(msg.handle)+": "+msg.err.Error(), true
		return m
	}
	cursor := 0
	if m.open != nil && m.open.key == msg.key {
		cursor = m.open.cursor
	}
	a := &attemptFlags{handle: msg.handle, key: msg.key, reason: msg.reason, rep: msg.rep, vp: keymap.NewViewport()}
	a.cursor = min(cursor, max(a.rows()-1, 0))
	m.open = a
	return m.layout()
}

func (m leaksModel) updateList(k tea.KeyMsg) (leaksModel, tea.Cmd) {
	switch {
	case key.Matches(k, m.keys.Quit):
		return m, tea.Quit
	case key.Matches(k, m.keys.Help), m.help.ShowAll && k.String() == "esc":
		m.help.ShowAll = !m.help.ShowAll
	case key.Matches(k, m.keys.Up):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(k, m.keys.Down):
		m.cursor = max(min(m.cursor+1, len(m.items)-1), 0)
	case key.Matches(k, m.keys.Reload):
		m.status, m.isErr = "", false
		return m, loadFlaggedCmd(m.b)
	case key.Matches(k, m.keys.Open):
		if m.cursor < len(m.items) && !m.pending {
			it := m.items[m.cursor]
			m.prompt = newReasonLine(m.st, reasonLine{action: actionShow, handle: it.Handle, key: it.Key, what: review.Sanitize(it.Handle) + "'s flags"})
			return m, textinput.Blink
		}
	}
	return m, nil
}

func (m leaksModel) updateDetail(k tea.KeyMsg) (leaksModel, tea.Cmd) {
	a := *m.open
	switch {
	case key.Matches(k, m.keys.Quit):
		return m, tea.Quit
	case key.Matches(k, m.keys.Help), key.Matches(k, m.keys.Back) && m.help.ShowAll:
		m.help.ShowAll = !m.help.ShowAll // esc closes the help before the attempt
		return m, nil
	case key.Matches(k, m.keys.Back):
		m.open, m.status, m.isErr = nil, "", false
		return m, loadFlaggedCmd(m.b)
	case key.Matches(k, m.keys.Up):
		a.cursor = max(a.cursor-1, 0)
	case key.Matches(k, m.keys.Down):
		a.cursor = max(min(a.cursor+1, a.rows()-1), 0)
	case key.Matches(k, m.keys.PageUp):
		a.vp.PageUp()
		m.open = &a
		return m, nil
	case key.Matches(k, m.keys.PageDown):
		a.vp.PageDown()
		m.open = &a
		return m, nil
	case key.Matches(k, m.keys.Redact, m.keys.Clear):
		if m.pending || a.cursor >= a.rows() {
			return m, nil
		}
		action := review.FlagRedact
		if key.Matches(k, m.keys.Clear) {
			action = review.FlagClear
		}
		p := reasonLine{action: action}
		if a.cursor < len(a.rep.Open) {
			f := a.rep.Open[a.cursor]
			p.flag, p.what = &f, fmt.Sprintf("flag %d (%s, %s)", f.N, f.Place, f.Kind)
		} else {
			f := a.rep.Files[a.cursor-len(a.rep.Open)]
			if action == review.FlagRedact {
				m.status, m.isErr = "File "+f.ID+" is already redacted: c releases it to reviewers as submitted", true
				return m, nil
			}
			p.redFile, p.what = &f, "releasing file "+f.ID+" ("+f.Place+") as submitted"
		}
		m.prompt = newReasonLine(m.st, p)
		return m, textinput.Blink
	}
	m.open = &a
	return m, nil
}

// newReasonLine is p with its text input focused.
func newReasonLine(st *styles.Styles, p reasonLine) *reasonLine {
	ti := textinput.New()
	ti.Prompt = "Reason: "
	ti.Placeholder = "why; it goes to the audit log"
	ti.CharLimit = review.MaxReason
	ti.PromptStyle, ti.TextStyle, ti.PlaceholderStyle = st.Label, st.EditText, st.Faint
	ti.Cursor.Style = st.EditCursor
	ti.Focus()
	p.in = ti
	return &p
}

func (m leaksModel) updatePrompt(k tea.KeyMsg) (leaksModel, tea.Cmd) {
	p := *m.prompt
	switch {
	case key.Matches(k, m.keys.Cancel):
		m.prompt = nil
		return m, nil
	case key.Matches(k, m.keys.Confirm):
		reason := strings.TrimSpace(p.in.Value())
		if reason == "" {
			p.empty = true
			m.prompt = &p
			return m, nil
		}
		m.prompt, m.pending = nil, true
		m.status, m.isErr = "", false
		if p.action == actionShow {
			return m, readCmd(m.b, m.lead, p.handle, p.key, reason)
		}
		return m, workCmd(m.b, m.lead, m.open, p, reason)
	}
	var cmd tea.Cmd
	p.in, cmd = p.in.Update(k)
	p.empty = false
	m.prompt = &p
	return m, cmd
}
