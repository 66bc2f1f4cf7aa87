package ui

import (
	"os"
	"os/signal"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/ui/common"
	"assessor/ui/components/external"
)

// saveOnSignals ends p as ctrl+c does when the process is told to end:
// SIGHUP (its terminal closed), SIGTERM (kill) or SIGINT (not a key in
// raw mode). Bubble Tea's own handler quits without a word to the model,
// and SIGHUP killed the process outright, so feedback typed since the last
// pause of typing was lost; SaveAndQuitMsg saves it first. While $EDITOR
// or an opener has the terminal, external.Deferred holds the signal for
// it. stop ends the handler once p has returned.
func saveOnSignals(p *tea.Program) (stop func()) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case s := <-sig:
				if external.Deferred(s == os.Interrupt) {
					continue // $EDITOR has the terminal: after it, or its own
				}
				p.Send(common.SaveAndQuitMsg{}) // returns once p has ended
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(sig)
		close(done)
	}
}
