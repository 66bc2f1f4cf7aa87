package server

import (
	"container/list"
	"net"
	"sync"
	"time"

	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// DefaultPendingLogins bounds the connections that have not logged in
// yet. Each holds a socket and a goroutine until it logs in or the
// handshake timeout ends it, so a client opening thousands a second
// would use up the file handles and nobody could log in. Past the bound
// the connection that has waited longest is closed: a reviewer's login
// takes milliseconds, so it is the idle sockets that go, not the next
// reviewer. 200 reviewers logging in at the same instant fit.
const DefaultPendingLogins = 256

// pendingLogLimit spaces the log lines about closed connections: under a
// flood there would be one per connection.
const pendingLogLimit = 10 * time.Second

// pendingLogins is the bound, shared by every connection of one server.
type pendingLogins struct {
	max int
	log *log.Logger

	mu       sync.Mutex
	waiting  *list.List // of *pendingConn, oldest first, while not logged in
	closed   int        // connections closed for the bound and not yet logged
	loggedAt time.Time
}

func newPendingLogins(max int, l *log.Logger) *pendingLogins {
	return &pendingLogins{max: max, log: l, waiting: list.New()}
}

// pendingConn is a connection counted by pendingLogins until it logs in
// or closes.
type pendingConn struct {
	net.Conn
	gate *pendingLogins
	el   *list.Element // in gate.waiting; nil once out
}

// pendingKey is where a connection's context holds its pendingConn.
type pendingKey struct{}

// admit is the ssh server's ConnCallback: it counts c as waiting, closing
// the oldest waiting connection when the bound is reached.
func (g *pendingLogins) admit(ctx ssh.Context, c net.Conn) net.Conn {
	pc := &pendingConn{Conn: c, gate: g}
	var oldest *pendingConn
	g.mu.Lock()
	if g.waiting.Len() >= g.max {
		oldest = g.waiting.Remove(g.waiting.Front()).(*pendingConn)
		oldest.el = nil
		g.closed++
	}
	pc.el = g.waiting.PushBack(pc)
	closed, logNow := g.closed, oldest != nil && time.Since(g.loggedAt) >= pendingLogLimit
	if logNow {
		g.closed, g.loggedAt = 0, time.Now()
	}
	g.mu.Unlock()
	if oldest != nil {
		_ = oldest.Conn.Close() // its handshake fails and its goroutine ends
	}
	if logNow {
		g.log.Warn("closed connections that had not logged in, to let new ones in",
			"closed", closed, "limit", g.max, "remote", c.RemoteAddr().String())
	}
	ctx.SetValue(pendingKey{}, pc)
	return pc
}

// out takes c out of the waiting: it logged in, or closed.
func (g *pendingLogins) out(c *pendingConn) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if c.el != nil {
		g.waiting.Remove(c.el)
		c.el = nil
	}
}

// Close closes the connection and stops counting it.
func (c *pendingConn) Close() error {
	c.gate.out(c)
	return c.Conn.Close()
}

// serverConfig is the ssh server's ServerConfigCallback: a connection
// stops counting as it logs in (gossh logs a login with a nil error).
func (g *pendingLogins) serverConfig(next func(ssh.Context) *gossh.ServerConfig) func(ssh.Context) *gossh.ServerConfig {
	return func(ctx ssh.Context) *gossh.ServerConfig {
		cfg := &gossh.ServerConfig{}
		if next != nil {
			cfg = next(ctx)
		}
		pc, _ := ctx.Value(pendingKey{}).(*pendingConn)
		logged := cfg.AuthLogCallback
		cfg.AuthLogCallback = func(conn gossh.ConnMetadata, method string, err error) {
			if err == nil && pc != nil {
				g.out(pc)
			}
			if logged != nil {
				logged(conn, method, err)
			}
		}
		return cfg
	}
}
