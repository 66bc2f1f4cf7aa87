package server

import (
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// Limits on what one client may ask of the server: every SSH client is
// untrusted until bounded, and one key must not take the server down for
// everyone else.
const (
	// MaxWidth and MaxHeight bound the terminal a screen is drawn for: a
	// pty of 12000×12000 would have every frame build 144M cells. A larger
	// terminal shows the screen at this size in its top-left corner.
	MaxWidth, MaxHeight = 500, 200
	// DefaultSessionsPerConn bounds the sessions open at once on one
	// connection (OpenSSH's sshd allows 10).
	DefaultSessionsPerConn = 10
	// DefaultSessionsPerKey bounds the sessions open at once with one key,
	// across connections: a few terminals and commands, not thousands.
	DefaultSessionsPerKey = 20
	// DefaultHandshakeTimeout is how long a connection may take to
	// authenticate before it is closed, so unauthenticated sockets cannot
	// pile up and exhaust file handles.
	DefaultHandshakeTimeout = 20 * time.Second
	// DefaultIdleTimeout closes a connection that sent and received nothing
	// for this long (a reviewer's draft is saved as on any drop).
	DefaultIdleTimeout = time.Hour
	// DefaultMaxInput bounds a command's stdin: the largest import bundle
	// (1 GiB) with room for its tar headers. Commands set tighter limits
	// of their own (a snippet, a key file, a rubric).
	DefaultMaxInput = 1<<30 + 64<<20
)

// clampWindow bounds a window size to MaxWidth×MaxHeight.
func clampWindow(m tea.WindowSizeMsg) tea.WindowSizeMsg {
	return tea.WindowSizeMsg{Width: min(m.Width, MaxWidth), Height: min(m.Height, MaxHeight)}
}

// sessionCounter counts open sessions per connection and per key and
// refuses one past the limits.
type sessionCounter struct {
	perConnMax, perKeyMax int

	mu      sync.Mutex
	perConn map[*gossh.ServerConn]int
	perKey  map[string]int
}

func newSessionCounter(perConn, perKey int) *sessionCounter {
	return &sessionCounter{perConnMax: perConn, perKeyMax: perKey,
		perConn: map[*gossh.ServerConn]int{}, perKey: map[string]int{}}
}

// take counts a new session, or says why it is refused.
func (c *sessionCounter) take(conn *gossh.ServerConn, key string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.perConn[conn] >= c.perConnMax:
		return fmt.Sprintf("too many sessions on one connection (at most %d)", c.perConnMax)
	case key != "" && c.perKey[key] >= c.perKeyMax:
		return fmt.Sprintf("too many sessions with this key (at most %d)", c.perKeyMax)
	}
	c.perConn[conn]++
	if key != "" {
		c.perKey[key]++
	}
	return ""
}

// give uncounts a session that ended.
func (c *sessionCounter) give(conn *gossh.ServerConn, key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.perConn[conn]--; c.perConn[conn] <= 0 {
		delete(c.perConn, conn)
	}
	if key != "" {
		if c.perKey[key]--; c.perKey[key] <= 0 {
			delete(c.perKey, key)
		}
	}
}

// sessionHandler wraps the session channel handler with the counts: a
// session past a limit is refused before it is accepted, so it costs no
// program, no goroutine beyond this one and no memory.
func (c *sessionCounter) sessionHandler(next ssh.ChannelHandler) ssh.ChannelHandler {
	return func(srv *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
		key := ""
		if pk, ok := ctx.Value(ssh.ContextKeyPublicKey).(ssh.PublicKey); ok && pk != nil {
			key = string(pk.Marshal())
		}
		if why := c.take(conn, key); why != "" {
			_ = ch.Reject(gossh.ResourceShortage, why)
			return
		}
		defer c.give(conn, key)
		// The channel's requests end when the client closes it: the
		// session's screen or command ends with it, not only with the
		// connection, so the place given back is no longer in use.
		chCtx, end := withChannel(ctx)
		defer end()
		next(srv, conn, ch, chCtx)
	}
}

// handshakeDeadline closes a connection that has not authenticated within
// d. charmbracelet/ssh resets a conn's deadline on every read, so a timer
// does it instead; a connection that got in has ContextKeyConn set.
func handshakeDeadline(d time.Duration) func(ssh.Context, net.Conn) net.Conn {
	return func(ctx ssh.Context, c net.Conn) net.Conn {
		time.AfterFunc(d, func() {
			if ctx.Value(ssh.ContextKeyConn) == nil {
				_ = c.Close()
			}
		})
		return c
	}
}

// ErrInputTooBig is what reading a command's stdin fails with past the
// server's limit (Config.MaxInput).
var ErrInputTooBig = errors.New("stdin is over the server's limit")

// CappedReader is r failing with tooBig() once more than max bytes were
// read, so a reader of an endless stream stops early instead of holding it
// all. The server caps every command's stdin with it, and commands that
// parse as they read (import -) their own.
func CappedReader(r io.Reader, max int64, tooBig func() error) io.Reader {
	return &capped{r: r, left: max, tooBig: tooBig}
}

type capped struct {
	r      io.Reader
	left   int64
	tooBig func() error
}

func (c *capped) Read(p []byte) (int, error) {
	if c.left < 0 {
		return 0, c.tooBig()
	}
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.r.Read(p)
	if c.left -= int64(n); c.left < 0 {
		return n, c.tooBig()
	}
	return n, err
}
