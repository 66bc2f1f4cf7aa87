package server

import (
	"sync"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// Limits on a session's environment (env requests). The SSH library keeps
// every variable sent before the shell for the session's life, so 2000
// requests of 100 KiB held 200 MiB for an hour. The server reads a few
// short ones (NO_COLOR, COLORTERM, TERM_PROGRAM, CLICOLOR…; TERM comes
// with the pty), and OpenSSH sends LANG and the thirteen LC_* by default:
// 32 short variables leave room for them all.
const (
	MaxEnvVars     = 32
	MaxEnvNameLen  = 64
	MaxEnvValueLen = 256
)

// limitRequests wraps the session channel handler so that an env request
// past the limits, and every signal request, is refused before the library
// keeps it. A refused variable is what sshd's AcceptEnv does to one it
// does not list: the client goes on without it. The server reads no
// signal (a key such as ctrl+c reaches a screen as a key), and the library
// would keep 128 of any size a session for its life. A subsystem (sftp,
// and OpenSSH's scp, sftp underneath) is refused as the library would
// refuse it, with a line in the log: who asked, from where; one a
// session, where a client may send any number of requests without
// waiting for a reply.
func (s *Server) limitRequests(next ssh.ChannelHandler) ssh.ChannelHandler {
	return func(srv *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
		var logged sync.Once
		subsystem := func() {
			logged.Do(func() {
				pk, _ := ctx.Value(ssh.ContextKeyPublicKey).(ssh.PublicKey)
				who, err := s.keys.reviewer(pk)
				if err != nil {
					who.ID = "(key " + shortFingerprint(pk) + ")"
				}
				s.logRefused(who, conn.RemoteAddr().String(), "(a subsystem: sftp, scp)")
			})
		}
		next(srv, conn, requestsLimited{ch, subsystem}, ctx)
	}
}

// requestsLimited is a session channel whose requests pass through
// filterRequests; subsystem is told of a subsystem refused.
type requestsLimited struct {
	gossh.NewChannel
	subsystem func()
}

func (c requestsLimited) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go filterRequests(reqs, out, c.subsystem)
	return ch, out, nil
}

// filterRequests hands in's requests to out in order, refusing signals,
// subsystems and the env requests past the limits, until in ends (the
// channel closed).
func filterRequests(in <-chan *gossh.Request, out chan<- *gossh.Request, subsystem func()) {
	defer close(out)
	vars := 0
	for req := range in {
		switch req.Type {
		case "signal":
			_ = req.Reply(false, nil)
			continue
		case "subsystem":
			_ = req.Reply(false, nil)
			subsystem()
			continue
		}
		if req.Type == "env" {
			var kv struct{ Key, Value string }
			// The length first: a huge payload is refused uncopied.
			if len(req.Payload) > 8+MaxEnvNameLen+MaxEnvValueLen || vars >= MaxEnvVars ||
				gossh.Unmarshal(req.Payload, &kv) != nil || len(kv.Key) > MaxEnvNameLen || len(kv.Value) > MaxEnvValueLen {
				_ = req.Reply(false, nil)
				continue
			}
			vars++
		}
		out <- req
	}
}
