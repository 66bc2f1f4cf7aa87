package external

import (
	"sync"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/ui/common"
)

// While a program run here has the terminal, a signal to end the screen
// waits for it: ctrl+c or emacs's C-g interrupt the whole foreground
// process group, and are the program's, not the screen's (Bubble Tea
// ignores signals then too); a SIGTERM or SIGHUP is the screen's, but
// only once the program's result (the edited feedback) is in, or that text
// would be lost. ui's signal handler asks Deferred first.
var (
	mu       sync.Mutex
	running  int  // Exec's programs from request to result
	quitThen bool // a signal to end came while one ran
)

// Exec is tea.Exec(run, done), with the program counted as running from
// the request until done's message, after which a signal to end that came
// meanwhile (Deferred) ends the screen, saving first.
func Exec(run tea.ExecCommand, done tea.ExecCallback) tea.Cmd {
	exec := tea.Exec(run, func(err error) tea.Msg {
		msg := done(err)
		mu.Lock()
		running--
		quit := quitThen && running == 0
		if quit {
			quitThen = false
		}
		mu.Unlock()
		if quit { // after msg, in order
			return tea.Sequence(func() tea.Msg { return msg }, func() tea.Msg { return common.SaveAndQuitMsg{} })()
		}
		return msg
	})
	return func() tea.Msg {
		mu.Lock()
		running++
		mu.Unlock()
		return exec()
	}
}

// Deferred reports whether a program run by Exec has the terminal, and if
// so takes a signal to end the screen for it: interrupt (an interrupt
// is the program's) is dropped, anything else ends the screen once the
// program's result is in.
func Deferred(interrupt bool) bool {
	mu.Lock()
	defer mu.Unlock()
	if running == 0 {
		return false
	}
	quitThen = quitThen || !interrupt
	return true
}
