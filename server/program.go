package server

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
)

// runProgram runs p on sess until it ends, as wish's bubbletea middleware
// does, with one difference: the window sizes the client sends never wait
// for the program.
//
// The SSH library hands each window-change over on a channel of one and
// blocks the session's request loop until it is taken; a full loop blocks
// the connection's reader, which also carries the client's SSH window
// adjustments. wish sends each size to the program and waits for it to be
// taken. A client sending sizes faster than the program draws them filled
// the loop while a redraw waited for window room the client had granted,
// in a message the blocked reader never read: the session never drew,
// read a key or ended again. Here the sizes are taken at once, from the
// pty's grant on (windows.go), and only the latest one waits for the
// program.
//
// When the connection drops, the program is sent tea.Quit (the session's
// filter turns it into a save, session.go).
func runProgram(sess ssh.Session, p *tea.Program) error {
	sizes := windowsOf(sess.Context())
	if _, winch, _ := sess.Pty(); sizes == nil && winch != nil {
		// Served without withChannel and drainWindows (the load tests'
		// bare server): the sizes are taken from now on.
		sizes = newWindowSizes()
		go sizes.drain(winch)
	}
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			select {
			case <-done:
				return
			case <-sess.Context().Done():
				p.Quit()
				return
			case <-sizes.changed():
				w := sizes.take()
				p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
			}
		}
	}()
	_, err := p.Run()
	// Kill ends a program still running (a Run that failed) and restores
	// the terminal's modes.
	p.Kill()
	return err
}
