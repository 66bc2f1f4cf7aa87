package server

import (
	"sync"

	"github.com/charmbracelet/ssh"
)

// windowSizes takes a session's window changes from the moment its pty is
// granted, keeping the latest for its program (runProgram).
//
// The SSH library hands each window-change over on a channel of one that
// already holds the pty's size, and blocks the session's request loop
// until it is taken. Only a program took them, so a resize before the
// shell request (OpenSSH sends one when the terminal is resized while it
// connects), during a command on a terminal (ssh -t HOST rubrics list) or
// a refused session blocked the loop for ever: the shell request was
// never answered, the session never ended, and its place under the
// per-key limit was never given back.
type windowSizes struct {
	mu     sync.Mutex
	latest ssh.Window
	ready  chan struct{} // holds one while latest was not taken
}

// windowsKey is where a session channel's context holds its windowSizes.
type windowsKey struct{}

func newWindowSizes() *windowSizes { return &windowSizes{ready: make(chan struct{}, 1)} }

// windowsOf is the window sizes of the session whose channel's context
// is ctx (withChannel makes them), or nil.
func windowsOf(ctx ssh.Context) *windowSizes {
	w, _ := ctx.Value(windowsKey{}).(*windowSizes)
	return w
}

// drainWindows wraps the server's pty handler: once a pty is granted, its
// window changes are taken until the session's requests end (the library
// then closes the channel).
func drainWindows(next ssh.PtyHandler) ssh.PtyHandler {
	return func(ctx ssh.Context, sess ssh.Session, pty ssh.Pty) (func() error, error) {
		closer, err := next(ctx, sess, pty)
		if w := windowsOf(ctx); err == nil && w != nil {
			_, winch, _ := sess.Pty()
			go w.drain(winch)
		}
		return closer, err
	}
}

// drain keeps each size of winch as the latest until winch closes.
func (w *windowSizes) drain(winch <-chan ssh.Window) {
	for win := range winch {
		w.mu.Lock()
		w.latest = win
		w.mu.Unlock()
		select {
		case w.ready <- struct{}{}:
		default: // one is waiting already; whoever takes it gets this size
		}
	}
}

// changed is ready when a size was not taken yet; never for nil.
func (w *windowSizes) changed() <-chan struct{} {
	if w == nil {
		return nil
	}
	return w.ready
}

// take is the latest size.
func (w *windowSizes) take() ssh.Window {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.latest
}
