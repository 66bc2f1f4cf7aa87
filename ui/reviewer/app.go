// Package reviewer is the reviewer program: the queue of pending
// attempts and the review screen, where evidence and rubric sit side by
// side, the scoring panel replaces the rubric, and history and files open
// as overlays. The calibration queue is the same program in another mode
// (Options.Mode).
package reviewer

import (
	tea "github.com/charmbracelet/bubbletea"

	"assessor/ui/common"
)

// queueLimit caps how many pending attempts the queue screen lists.
const queueLimit = 500

// queueSpare is how many attempts past queueLimit a load also fetches,
// unlisted, to move up as listed ones are decided elsewhere (live.go):
// under `serve`, with more than queueLimit pending, every decision made
// every session on its queue screen reload its 500 rows before.
const queueSpare = 64

// screen names the active screen of the root model.
type screen int

const (
	queueScreen screen = iota
	reviewScreen
)

// appModel is the program's root model. It only routes messages to the
// active screen and switches screens; each screen does its own work. It is
// used by pointer: a value copy (40 KB, both screens) would be made and
// put on the heap for every message, a tenth of serve's garbage.
type appModel struct {
	c             *common.Common
	screen        screen
	queue         queueModel
	review        reviewModel
	width, height int
}

// New returns the reviewer program's root model for reviewer.
func New(b common.Backend, reviewer string, opt common.Options) tea.Model {
	c := common.New(b, reviewer, opt)
	return &appModel{c: c, queue: newQueue(c, opt.Credential), width: 80, height: 24}
}

// LoadErr is the error of the queue's last load if it failed and none
// loaded since, while the queue shows: the program's exit error when it
// quits so, since the alternate screen takes the status line with it. A
// reviewer quitting the review screen was working, not looking at it.
func (a *appModel) LoadErr() error {
	if a.screen != queueScreen {
		return nil
	}
	return a.queue.loadErr
}

// Init loads the queue.
func (a *appModel) Init() tea.Cmd { return a.queue.Init() }

// Update routes msg to the active screen, and switches screens on the
// messages that mean "an attempt opened" or "the review closed".
func (a *appModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.queue.setSize(msg.Width, msg.Height)
		a.queue.sized = true
		if a.screen == reviewScreen {
			a.review.setSize(msg.Width, msg.Height)
		}
		return a, a.queue.warmRubrics()
	case tea.KeyMsg:
		// ctrl+c must work from anywhere, even inside a textarea, and must
		// still save the draft first.
		if msg.String() == "ctrl+c" {
			return a, a.saveAndQuit()
		}
	case common.SaveAndQuitMsg:
		a.review.ending = true
		return a, a.saveAndQuit()
	case common.UnsavedQuitMsg:
		return a, tea.Quit
	case common.AttemptChangedMsg:
		if a.screen != reviewScreen {
			return a, nil // the queue reads the store afresh anyway
		}
		return a, a.review.noticed(msg.Notice)
	case attemptClaimedMsg:
		a.screen = reviewScreen
		a.review = newReview(a.c, msg.asg, a.queue.filter, msg.status, a.width, a.height, a.review.panes)
		a.review.handedOn = msg.handedOn
		return a, a.review.Init()
	case reviewClosedMsg:
		a.screen = queueScreen
		return a, a.queue.reload(msg.status)
	case claimFailedMsg:
		// From the queue, or from Next after a decision: either way the
		// queue is where the reviewer goes on.
		a.screen = queueScreen
		return a, a.queue.Update(msg)
	case queueEmptyMsg:
		a.screen = queueScreen
		return a, a.queue.reload(msg.status)
	case queueLoadedMsg:
		// The queue may reload while a review is open; keep it current.
		return a, a.queue.Update(msg)
	}
	if a.screen == reviewScreen {
		return a, a.review.Update(msg)
	}
	return a, a.queue.Update(msg)
}

// saveAndQuit is ctrl+c's and SaveAndQuitMsg's command: the review screen
// saves its draft first; the queue has nothing to save.
func (a *appModel) saveAndQuit() tea.Cmd {
	if a.screen == reviewScreen {
		return a.review.quit()
	}
	return tea.Quit
}

// View draws the active screen.
func (a *appModel) View() string {
	if a.screen == reviewScreen {
		return a.review.View()
	}
	return a.queue.View()
}
