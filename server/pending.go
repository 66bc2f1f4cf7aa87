package server

import (
	"container/list"
	"net"
	"sync"

	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// DefaultPendingLogins bounds the connections that have not logged in
// yet. Each holds a socket and a goroutine until it logs in or the
// handshake timeout ends it, so a client opening thousands a second
// would use up the file handles and nobody could log in. Past the bound
// a connection from the address with the most waiting is closed, the one
// of them that has waited longest: a flood from one address closes its
// own sockets, not a reviewer's login from another, however slow their
// link. 200 reviewers logging in at the same instant fit.
const DefaultPendingLogins = 256

// pendingLogins is the bound, shared by every connection of one server.
type pendingLogins struct {
	max int
	log *log.Logger

	mu      sync.Mutex
	waiting int                   // connections not logged in, all addresses
	arrived uint64                // connections admitted, for their seq
	byAddr  map[string]*list.List // of *pendingConn per remote host, oldest first

	closed spacer // the lines about connections closed for the bound
}

func newPendingLogins(max int, l *log.Logger) *pendingLogins {
	return &pendingLogins{max: max, log: l, byAddr: map[string]*list.List{}}
}

// pendingConn is a connection counted by pendingLogins until it logs in
// or closes.
type pendingConn struct {
	net.Conn
	gate *pendingLogins
	host string        // where it comes from (remoteHost)
	seq  uint64        // order of arrival
	el   *list.Element // in gate.byAddr[host]; nil once out
}

// pendingKey is where a connection's context holds its pendingConn.
type pendingKey struct{}

// remoteHost is where a connection from addr comes from, as the bound
// groups connections: its IPv4 address, or its IPv6 /64 (one client may
// hold a whole /64 and take a new address for every socket), without the
// port.
func remoteHost(addr net.Addr) string {
	a, ok := addr.(*net.TCPAddr)
	if !ok {
		return addr.String()
	}
	ip := a.AddrPort().Addr().Unmap()
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}

// admit is the ssh server's ConnCallback: it counts c as waiting, closing
// one waiting connection when the bound is reached (evict).
func (g *pendingLogins) admit(ctx ssh.Context, c net.Conn) net.Conn {
	pc := &pendingConn{Conn: c, gate: g, host: remoteHost(c.RemoteAddr())}
	var evicted *pendingConn
	g.mu.Lock()
	if g.waiting >= g.max {
		evicted = g.evict(pc.host)
	}
	l := g.byAddr[pc.host]
	if l == nil {
		l = list.New()
		g.byAddr[pc.host] = l
	}
	g.arrived++
	pc.seq, pc.el = g.arrived, l.PushBack(pc)
	g.waiting++
	g.mu.Unlock()
	if evicted != nil {
		_ = evicted.Conn.Close() // its handshake fails and its goroutine ends
		if closed, due := g.closed.tick(); due {
			g.log.Warn("closed connections that had not logged in, to let new ones in",
				"closed", closed, "limit", g.max, "remote", c.RemoteAddr().String())
		}
	}
	ctx.SetValue(pendingKey{}, pc)
	return pc
}

// evict takes out the longest-waiting connection of the address with
// the most waiting (the newcomer from host counted among them, so a
// flood's next socket closes its own oldest), the oldest of all on a tie;
// with g.mu held. At most max addresses wait, so the search is short, and
// it runs only at the bound.
func (g *pendingLogins) evict(host string) *pendingConn {
	var pick *pendingConn
	most := 0
	for h, l := range g.byAddr {
		n := l.Len()
		if h == host {
			n++
		}
		front := l.Front().Value.(*pendingConn)
		if n > most || n == most && front.seq < pick.seq {
			pick, most = front, n
		}
	}
	if pick != nil {
		g.remove(pick)
	}
	return pick
}

// remove stops counting pc; with g.mu held.
func (g *pendingLogins) remove(pc *pendingConn) {
	if pc.el == nil {
		return
	}
	l := g.byAddr[pc.host]
	l.Remove(pc.el)
	pc.el = nil
	g.waiting--
	if l.Len() == 0 {
		delete(g.byAddr, pc.host)
	}
}

// out takes c out of the waiting: it logged in, or closed.
func (g *pendingLogins) out(c *pendingConn) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.remove(c)
}

// closeAll closes every connection that has not logged in: the server is
// shutting down, and nobody new signs in.
func (g *pendingLogins) closeAll() {
	g.mu.Lock()
	var all []*pendingConn
	for _, l := range g.byAddr {
		for e := l.Front(); e != nil; e = e.Next() {
			all = append(all, e.Value.(*pendingConn))
		}
	}
	for _, pc := range all {
		g.remove(pc)
	}
	g.mu.Unlock()
	for _, pc := range all {
		_ = pc.Conn.Close() // its handshake fails and its goroutine ends
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
