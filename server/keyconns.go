package server

import (
	"context"
	"sync"

	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// DefaultConnsPerKey bounds the connections logged in at once with one
// key. Sessions are bounded per key (limits.go), but a connection with
// none still holds a socket and a dozen goroutines until the idle
// timeout, or for ever under keepalives: 600 of one key held 6600. Twice
// the sessions a key may open lets each have a connection of its own and
// as many again be opening or closing.
const DefaultConnsPerKey = 2 * DefaultSessionsPerKey

// keyConns counts the connections logged in per key and closes one past
// the limit as it logs in.
type keyConns struct {
	max int
	log *log.Logger

	mu sync.Mutex
	n  map[string]int // by key, wire form

	refused spacer // the lines about logins refused at the bound
}

func newKeyConns(max int, l *log.Logger) *keyConns {
	return &keyConns{max: max, log: l, n: map[string]int{}}
}

// askedKey is where a connection's context holds the key its login asked
// about last (askedAbout).
type askedKey struct{}

// askedAbout notes key as the one the connection's login asked about
// last. gossh asks the public key handler about each key it has not
// cached and caches only the last one, so a login's signature is checked
// against the last key asked about: the key a successful login used.
func askedAbout(ctx ssh.Context, key ssh.PublicKey) { ctx.SetValue(askedKey{}, key) }

// serverConfig wraps the ssh server's ServerConfigCallback: a connection
// is counted as it logs in (gossh logs a login with a nil error), until
// it closes.
func (k *keyConns) serverConfig(next func(ssh.Context) *gossh.ServerConfig) func(ssh.Context) *gossh.ServerConfig {
	return func(ctx ssh.Context) *gossh.ServerConfig {
		cfg := &gossh.ServerConfig{}
		if next != nil {
			cfg = next(ctx)
		}
		logged := cfg.AuthLogCallback
		cfg.AuthLogCallback = func(conn gossh.ConnMetadata, method string, err error) {
			if logged != nil {
				logged(conn, method, err)
			}
			if err == nil {
				k.loggedIn(ctx, conn)
			}
		}
		return cfg
	}
}

// loggedIn counts the connection under its key, or closes it past the
// limit: gossh then fails to send the login's success, and the client
// sees the connection closed.
func (k *keyConns) loggedIn(ctx ssh.Context, conn gossh.ConnMetadata) {
	key, _ := ctx.Value(askedKey{}).(ssh.PublicKey)
	if key == nil {
		return // not a key login; the server takes no other
	}
	wire := string(key.Marshal())
	k.mu.Lock()
	over := k.n[wire] >= k.max
	if !over {
		k.n[wire]++
	}
	k.mu.Unlock()
	if !over {
		context.AfterFunc(ctx, func() { k.give(wire) }) // the library ends ctx as the connection closes
		return
	}
	// Spaced: a client holding the key may try again as fast as it likes.
	if n, due := k.refused.tick(); due {
		k.log.Warn("connection refused: too many connections with this key", "key", shortFingerprint(key), "limit", k.max, "remote", conn.RemoteAddr().String(), "refused", n)
	}
	if pc, ok := ctx.Value(pendingKey{}).(*pendingConn); ok {
		_ = pc.Conn.Close()
	}
}

// give uncounts a connection that closed.
func (k *keyConns) give(wire string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.n[wire]--; k.n[wire] <= 0 {
		delete(k.n, wire)
	}
}
