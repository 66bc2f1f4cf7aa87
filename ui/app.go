package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// queueLimit caps how many pending attempts the queue screen lists.
const queueLimit = 500

// defaultDraftDelay is how long typing must pause before a draft is saved.
const defaultDraftDelay = 400 * time.Millisecond

// Options tune the reviewer program. The zero value is usable.
type Options struct {
	// Now is the clock for days-waiting figures and draft times (time.Now).
	Now Clock
	// NoColor drops every colour (main sets it from NO_COLOR).
	NoColor bool
	// Credential is the initial queue filter: a rubric id, or "" for all.
	Credential string
	// DraftDelay is the pause after an edit before the draft is saved
	// (default 400ms).
	DraftDelay time.Duration
	// Renderer is the lipgloss renderer to style with. Over SSH each
	// session passes its own (wish's bubbletea.MakeRenderer) so colours
	// match that client's terminal; nil means lipgloss.DefaultRenderer().
	Renderer *lipgloss.Renderer
	// NoExternalEditor hides the scoring panel's `E`/`O` ($EDITOR) keys.
	// Over SSH it must be set: the editor would run on the server, not on
	// the reviewer's machine, and could give them a shell there. It also
	// turns off the files overlay's opener ($ASSESSOR_OPENER, xdg-open),
	// for the same reason.
	NoExternalEditor bool
	// Mode names a queue that is not the live one, e.g. "calibration",
	// so a reviewer always knows their decisions there are not of record.
	Mode string
}

// common is what every screen shares: the door to the store, who is
// reviewing, the clock, styles and the rubric rendering cache. The root
// model owns it; screens keep a pointer and only read it, except the
// cache, which is only written from Update.
type common struct {
	backend    Backend
	reviewer   string
	now        Clock
	draftDelay time.Duration
	styles     *styles
	md         *mdCache

	// noExternalEditor is Options.NoExternalEditor.
	noExternalEditor bool
	// mode is Options.Mode.
	mode string
}

// screen names the active screen of the root model.
type screen int

const (
	queueScreen screen = iota
	reviewScreen
)

// appModel is the root model. It only routes messages to the active screen and
// switches screens; each screen does its own work.
type appModel struct {
	c             *common
	screen        screen
	queue         queueModel
	review        reviewModel
	width, height int
}

// New returns the reviewer program's root model for reviewer.
func New(b Backend, reviewer string, opt Options) tea.Model {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.DraftDelay <= 0 {
		opt.DraftDelay = defaultDraftDelay
	}
	r := opt.Renderer
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	st := newStyles(r, opt.NoColor)
	c := &common{
		backend:    b,
		reviewer:   reviewer,
		now:        opt.Now,
		draftDelay: opt.DraftDelay,
		styles:     st,
		md:         newMDCache(st.glamourStyle, r.ColorProfile()),
	}
	c.noExternalEditor = opt.NoExternalEditor
	c.mode = opt.Mode
	return appModel{c: c, queue: newQueue(c, opt.Credential), width: 80, height: 24}
}

// Run starts the reviewer program in the alternate screen and blocks until
// it quits. progOpts are added after WithAltScreen (e.g. an SSH session's
// input and output).
func Run(b Backend, reviewer string, opt Options, progOpts ...tea.ProgramOption) error {
	opts := append([]tea.ProgramOption{tea.WithAltScreen()}, progOpts...)
	_, err := tea.NewProgram(New(b, reviewer, opt), opts...).Run()
	return err
}

// Init loads the queue.
func (a appModel) Init() tea.Cmd { return a.queue.Init() }

// Update routes msg to the active screen, and switches screens on the
// messages that mean "an attempt opened" or "the review closed".
func (a appModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.queue = a.queue.setSize(msg.Width, msg.Height)
		if a.screen == reviewScreen {
			a.review = a.review.setSize(msg.Width, msg.Height)
		}
		return a, nil
	case tea.KeyMsg:
		// ctrl+c must work from anywhere, even inside a textarea, and must
		// still save the draft first.
		if msg.String() == "ctrl+c" {
			return a, a.saveAndQuit()
		}
	case SaveAndQuitMsg:
		return a, a.saveAndQuit()
	case attemptClaimedMsg:
		a.screen = reviewScreen
		a.review = newReview(a.c, msg.asg, a.queue.filter, msg.status, a.width, a.height)
		return a, a.review.Init()
	case reviewClosedMsg:
		a.screen = queueScreen
		a.queue, cmd = a.queue.reload(msg.status)
		return a, cmd
	case claimFailedMsg:
		// From the queue, or from Next after a decision: either way the
		// queue is where the reviewer goes on.
		a.screen = queueScreen
		a.queue, cmd = a.queue.Update(msg)
		return a, cmd
	case queueEmptyMsg:
		a.screen = queueScreen
		a.queue, cmd = a.queue.reload(msg.status)
		return a, cmd
	case queueLoadedMsg:
		// The queue may reload while a review is open; keep it current.
		a.queue, cmd = a.queue.Update(msg)
		return a, cmd
	}
	if a.screen == reviewScreen {
		a.review, cmd = a.review.Update(msg)
	} else {
		a.queue, cmd = a.queue.Update(msg)
	}
	return a, cmd
}

// saveAndQuit is ctrl+c's and SaveAndQuitMsg's command: the review screen
// saves its draft first; the queue has nothing to save.
func (a appModel) saveAndQuit() tea.Cmd {
	if a.screen == reviewScreen {
		return a.review.quit()
	}
	return tea.Quit
}

// View draws the active screen.
func (a appModel) View() string {
	if a.screen == reviewScreen {
		return a.review.View()
	}
	return a.queue.View()
}
