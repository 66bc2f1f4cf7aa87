// Package server is `assessor serve`: one process holds the store (bbolt
// allows one writer) and serves every reviewer's terminal over SSH with
// charmbracelet/wish, one Bubble Tea program per session over the shared
// store.
//
// Reviewers are known by their SSH public key (review.Reviewer.Keys): an
// unknown key is refused during authentication, before any screen is built.
// Every change a session makes to the queue (claim, release, decision) is
// broadcast to the other sessions so their queue screens refresh without a
// keystroke. Shutdown asks every program to save its draft and quit before
// the connections close.
package server

import (
	"cmp"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	rm "github.com/charmbracelet/wish/recover"
	gossh "golang.org/x/crypto/ssh"

	"assessor/review"
	"assessor/store"
	"assessor/ui"
)

// Defaults for the zero values of Config.
const (
	// DefaultRefreshEvery is the shortest gap between two queue reloads of
	// one session, so a burst of decisions costs each screen one reload
	// (the gap grows past 20 sessions: see maxReloadsPerSecond).
	DefaultRefreshEvery = 200 * time.Millisecond
	// DefaultSaveGrace is how long a program whose session ended may take
	// to save its draft and quit before it is killed.
	DefaultSaveGrace = 10 * time.Second
	// HostKeyName is the host key's file name beside the store.
	HostKeyName = "assessor_host_ed25519"
)

// Config configures New. Store and HostKeyPath are required.
type Config struct {
	// Store is the open store every session works on. The server never
	// closes it: the caller closes it after Shutdown returns.
	Store *store.Store
	// HostKeyPath is the server's ed25519 host key; it is generated (0600)
	// when missing, so clients see the same host key across restarts.
	HostKeyPath string
	// Lead is what the lead dashboard (ssh -t … dashboard) reads; nil
	// means Store when the store implements ui.LeadBackend, else the
	// dashboard is reported as unavailable.
	Lead ui.LeadBackend
	// Commands runs command lines other than the screens and backup (ssh
	// HOST import - < file.jsonl); nil refuses them as unknown commands.
	Commands CommandFunc
	// Logger receives connection and session events; nil means log.Default().
	Logger *log.Logger
	// Now is the clock of the reviewer screens; nil means time.Now.
	Now func() time.Time
	// RefreshEvery is DefaultRefreshEvery when zero.
	RefreshEvery time.Duration
	// SaveGrace is DefaultSaveGrace when zero.
	SaveGrace time.Duration
	// Limits (limits.go, pending.go, keyconns.go); each is its Default… when zero.
	SessionsPerConn, SessionsPerKey, ConnsPerKey int
	HandshakeTimeout, IdleTimeout                time.Duration
	MaxInput                                     int64
	PendingLogins                                int
}

// Server serves the reviewer UI over SSH. Its methods are safe for
// concurrent use; Serve may be called once.
type Server struct {
	cfg      Config
	log      *log.Logger
	srv      *ssh.Server
	keys     *keyIndex
	hub      *hub
	commands commandSet // command sessions in flight, ended when their access changes
	backend  ui.Backend // the store, announcing queue changes to the hub
	ls       listeners  // what Serve listens on, closed by Shutdown
	pending  *pendingLogins
	open     openConns // every connection, counted for Shutdown (conns.go)

	refusedKeys spacer // the lines about unknown keys offered (auth.go)
}

// New builds a server over cfg.Store. It creates the host key when missing
// but does not listen: call Serve.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil || cfg.HostKeyPath == "" {
		return nil, errors.New("server: Store and HostKeyPath are required")
	}
	if cfg.Logger == nil {
		cfg.Logger = log.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Lead == nil {
		// Asserted, not required: the store may not serve the dashboard yet.
		cfg.Lead, _ = any(cfg.Store).(ui.LeadBackend)
	}
	if cfg.RefreshEvery <= 0 {
		cfg.RefreshEvery = DefaultRefreshEvery
	}
	if cfg.SaveGrace <= 0 {
		cfg.SaveGrace = DefaultSaveGrace
	}
	cfg.SessionsPerConn = cmp.Or(cfg.SessionsPerConn, DefaultSessionsPerConn)
	cfg.SessionsPerKey = cmp.Or(cfg.SessionsPerKey, DefaultSessionsPerKey)
	cfg.ConnsPerKey = cmp.Or(cfg.ConnsPerKey, DefaultConnsPerKey)
	cfg.HandshakeTimeout = cmp.Or(cfg.HandshakeTimeout, DefaultHandshakeTimeout)
	cfg.IdleTimeout = cmp.Or(cfg.IdleTimeout, DefaultIdleTimeout)
	cfg.MaxInput = cmp.Or(cfg.MaxInput, DefaultMaxInput)
	cfg.PendingLogins = cmp.Or(cfg.PendingLogins, DefaultPendingLogins)
	if err := ensureHostKey(cfg.HostKeyPath); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, log: cfg.Logger, keys: newKeyIndex(cfg.Store), hub: newHub()}
	if why := hostKeyExposed(cfg.HostKeyPath); why != "" {
		s.log.Warn(why)
	}
	// Every session signed in with a registered key: a screen's call
	// still on its way when an admin removed its reviewer is refused.
	cfg.Store.RegisteredOnly()
	// A lead's redaction or release reaches the screens that show it.
	cfg.Store.OnNotice(s.hub.notice)
	s.backend = liveBackend{
		liveStore: cfg.Store,
		changed:   func(ch ui.QueueChange) { s.hub.announce(cfg.RefreshEvery, ch) },
		decided:   func(k review.AttemptKey) (bool, error) { _, ok, err := cfg.Store.Decision(k); return ok, err },
		sampled:   cfg.Store.NeedsSecondReview,
	}

	srv, err := wish.NewServer(
		wish.WithHostKeyPath(cfg.HostKeyPath),
		wish.WithPublicKeyAuth(s.authorize),
		// Bubble Tea reads raw keys from the channel; no real pty is
		// needed (and 200 sessions would hold 200 of them).
		ssh.EmulatePty(),
		wish.WithMiddleware(rm.MiddlewareWithLogger(cfg.Logger, s.sessionMiddleware)),
		wish.WithIdleTimeout(cfg.IdleTimeout),
	)
	if err != nil {
		return nil, fmt.Errorf("host key %s: %w", cfg.HostKeyPath, err)
	}
	// Hostile clients are bounded (limits.go, pending.go, keyconns.go,
	// session_requests.go): sessions per connection and per key, the time to
	// authenticate, how many connections may be authenticating at once
	// and logged in with one key, and what a session's environment and
	// signals may hold.
	counter := newSessionCounter(cfg.SessionsPerConn, cfg.SessionsPerKey)
	handlers := map[string]ssh.ChannelHandler{}
	for k, h := range ssh.DefaultChannelHandlers {
		handlers[k] = h
	}
	handlers["session"] = counter.sessionHandler(s.limitRequests(ssh.DefaultSessionHandler))
	srv.ChannelHandlers = handlers
	srv.PtyHandler = drainWindows(srv.PtyHandler) // EmulatePty's, set above
	pending, deadline := newPendingLogins(cfg.PendingLogins, cfg.Logger), handshakeDeadline(cfg.HandshakeTimeout)
	srv.ConnCallback = func(ctx ssh.Context, c net.Conn) net.Conn {
		if c = deadline(ctx, pending.admit(ctx, c)); c == nil {
			return nil
		}
		return s.open.track(c)
	}
	srv.ServerConfigCallback = newKeyConns(cfg.ConnsPerKey, cfg.Logger).serverConfig(pending.serverConfig(srv.ServerConfigCallback))
	s.pending = pending
	s.srv = srv
	return s, nil
}

// HostKeyFingerprint is the host key's SHA256 fingerprint, as reviewers'
// ssh shows it at their first connection and ssh-keygen -lf shows it for
// the key's .pub file.
func (s *Server) HostKeyFingerprint() string {
	if len(s.srv.HostSigners) == 0 {
		return ""
	}
	return gossh.FingerprintSHA256(s.srv.HostSigners[0].PublicKey())
}

// Serve accepts SSH connections on l until Shutdown, and then returns nil.
func (s *Server) Serve(l net.Listener) error {
	if !s.ls.adopt(l) {
		return nil // shut down before it served
	}
	ambiguous, err := s.keys.refresh()
	if err != nil {
		l.Close()
		return fmt.Errorf("read reviewers: %w", err)
	}
	for _, fp := range ambiguous {
		s.log.Warn("key registered to two reviewers is refused", "key", fp)
	}
	err = s.srv.Serve(l)
	if errors.Is(err, ssh.ErrServerClosed) || s.ls.closedByShutdown(err) {
		return nil
	}
	return err
}

// Sessions reports how many reviewer sessions are open.
func (s *Server) Sessions() int { return s.hub.len() }
