package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"assessor/ui/adjudicate"
	"assessor/ui/background"
	"assessor/ui/common"
	"assessor/ui/dashboard"
	"assessor/ui/leaks"
	"assessor/ui/reviewer"
)

// New returns the reviewer program's root model for reviewer. Like every
// program here it reads a burst of typed characters one key at a time
// (typing.go).
func New(b Backend, reviewerID string, opt Options) tea.Model {
	return root(reviewer.New(b, reviewerID, opt))
}

// Run starts the reviewer program in the alternate screen and blocks until
// it quits. progOpts are added after WithAltScreen (e.g. an SSH session's
// input and output).
func Run(b Backend, reviewerID string, opt Options, progOpts ...tea.ProgramOption) error {
	return run(opt, func(opt Options) tea.Model { return New(b, reviewerID, opt) }, progOpts)
}

// ShowsQueue reports whether m is the reviewer program's root model (from
// New) with its queue screen showing and not about to leave it (no claim
// in flight): the only case a QueueChangedMsg changes anything. A server
// may drop the message for every other program (with tea.WithFilter).
func ShowsQueue(m tea.Model) bool { return reviewer.ShowsQueue(unwrapRoot(m)) }

// ShowsApplication reports whether m is the reviewer program's root model
// with an attempt of app open on its review screen: the only case an
// AttemptChangedMsg about app changes anything.
func ShowsApplication(m tea.Model, app string) bool {
	return reviewer.ShowsApplication(unwrapRoot(m), app)
}

// NewDashboard returns the lead dashboard for lead, reading only from b.
// Options.Now, NoColor and Renderer apply; the reviewer-only options are
// ignored.
func NewDashboard(b LeadBackend, lead string, opt Options) tea.Model {
	return root(dashboard.New(b, lead, opt))
}

// RunDashboard starts the dashboard in the alternate screen and blocks
// until it quits. progOpts are added after WithAltScreen.
func RunDashboard(b LeadBackend, lead string, opt Options, progOpts ...tea.ProgramOption) error {
	return run(opt, func(opt Options) tea.Model { return NewDashboard(b, lead, opt) }, progOpts)
}

// NewAdjudicate returns the adjudication program's root model for lead.
func NewAdjudicate(b AdjudicationBackend, lead string, opt Options) tea.Model {
	return root(adjudicate.New(b, lead, opt))
}

// RunAdjudicate starts the adjudication screen in the alternate screen and
// blocks until it quits. progOpts are added after WithAltScreen.
func RunAdjudicate(b AdjudicationBackend, lead string, opt Options, progOpts ...tea.ProgramOption) error {
	return run(opt, func(opt Options) tea.Model { return NewAdjudicate(b, lead, opt) }, progOpts)
}

// NewLeaks returns the lead's flag screen (ui/leaks) for lead.
func NewLeaks(b FlagBackend, lead string, opt Options) tea.Model {
	return root(leaks.New(b, lead, opt))
}

// RunLeaks starts the flag screen in the alternate screen and blocks until
// it quits. progOpts are added after WithAltScreen.
func RunLeaks(b FlagBackend, lead string, opt Options, progOpts ...tea.ProgramOption) error {
	return run(opt, func(opt Options) tea.Model { return NewLeaks(b, lead, opt) }, progOpts)
}

// root wraps a program's first screen as every program is: one key per
// typed character (typing.go), inside the window-size guard (small.go).
func root(m tea.Model) tea.Model { return guardSize(splitTyping(m)) }

// run runs the model newModel builds for opt in the alternate screen, with
// progOpts after WithAltScreen. On this process's terminal (no opt.Renderer) the
// terminal is asked for its background first, before the model's styles
// are built and before the program takes the terminal (ui/background).
func run(opt Options, newModel func(Options) tea.Model, progOpts []tea.ProgramOption) error {
	opts := []tea.ProgramOption{tea.WithAltScreen()}
	local := opt.Renderer == nil
	if local {
		// A terminal without colour that draws bold and reverse video
		// (TERM=screen) is drawn as under NO_COLOR, so the cursor in a
		// text field and the selection still show.
		opt.NoColor = opt.NoColor || common.AttributesOnly()
		background.Ask()
		if in, ok := terminalInput(); ok { // input.go
			opts = append(opts, tea.WithInput(in))
		}
		opts = append(opts, tea.WithoutSignalHandler()) // saveOnSignals's
	}
	opts = append(opts, progOpts...)
	p := tea.NewProgram(newModel(opt), opts...)
	if local {
		defer saveOnSignals(p)()
	}
	final, err := p.Run()
	if err != nil {
		return err
	}
	return LoadErr(final)
}

// LoadErr is the error of a program's last load if it failed and none
// loaded since, for a program (from New, NewDashboard, …) that has
// quit: its exit error, since the alternate screen takes the status line
// that showed it with it.
func LoadErr(m tea.Model) error {
	if f, ok := unwrapRoot(m).(interface{ LoadErr() error }); ok {
		return f.LoadErr()
	}
	return nil
}
