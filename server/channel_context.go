package server

import (
	"context"
	"time"

	"github.com/charmbracelet/ssh"
)

// channelContext is the connection's context, ending also when one
// session channel ends. The library hands every session the connection's
// context, so a client that closes a channel but keeps its connection
// (ssh -O, a ControlMaster, a killed ssh under one) would leave that
// session's screen or command running, and a cut stdin read as whole.
type channelContext struct {
	ssh.Context                 // user, addresses, SetValue: the connection's
	done        context.Context // ends with the channel or the connection
}

// channelClosed is the cause of a channel's context that ended before its
// connection's. A dropped connection closes its channels just before it
// ends its own context: conn tells the two apart (dropped).
type channelClosed struct{ conn context.Context }

func (channelClosed) Error() string { return "the session's channel closed" }

// dropped reports whether the connection ended too, within wait.
func (c channelClosed) dropped(wait time.Duration) bool {
	select {
	case <-c.conn.Done():
		return true
	case <-time.After(wait):
		return false
	}
}

// withChannel returns a context for one channel of conn's context, and
// the function that ends it once the channel's requests have ended. It
// holds the channel's window sizes (windows.go): the connection's values
// are shared by all its sessions.
func withChannel(conn ssh.Context) (ssh.Context, func()) {
	done, cancel := context.WithCancelCause(conn)
	held := context.WithValue(done, windowsKey{}, newWindowSizes())
	return channelContext{Context: conn, done: held}, func() { cancel(channelClosed{conn}) }
}

func (c channelContext) Deadline() (time.Time, bool) { return c.done.Deadline() }
func (c channelContext) Done() <-chan struct{}       { return c.done.Done() }
func (c channelContext) Err() error                  { return c.done.Err() }

// Value is the connection's values, through done so that contexts made
// from this one find done's cancellation and its cause.
func (c channelContext) Value(key any) any { return c.done.Value(key) }
