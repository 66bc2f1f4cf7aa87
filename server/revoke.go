package server

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/charmbracelet/ssh"
)

// noticeRevoked is printed on a session ended because its key, or its
// reviewer, was removed.
const noticeRevoked = "an admin removed your access (your key, or you as a reviewer): this session has ended"

// list is a copy of the open sessions.
func (h *hub) list() []*liveSession {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Collect(maps.Keys(h.sessions))
}

// cmdSession is a command line or a backup in flight. Only a removal ends
// one early: the rest end when their command does.
type cmdSession struct {
	sess     ssh.Session
	reviewer string
	cancel   context.CancelCauseFunc
}

// stopCause is why the server stopped a command in flight (cmdSession.stop),
// as its context's cause: an import reading stdin then says so rather than
// that the connection dropped.
type stopCause string

func (c stopCause) Error() string { return "the server stopped the command (" + string(c) + ")" }

// commandSet holds the command sessions in flight. Safe for concurrent use.
type commandSet struct {
	mu sync.Mutex
	m  map[*cmdSession]struct{}
}

// start registers sess as acting for reviewer and returns the context its
// command runs under, cancelled when the session ends or its key is removed.
func (c *commandSet) start(sess ssh.Session, reviewer string) (*cmdSession, context.Context) {
	ctx, cancel := context.WithCancelCause(sess.Context())
	cs := &cmdSession{sess: sess, reviewer: reviewer, cancel: cancel}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[*cmdSession]struct{}{}
	}
	c.m[cs] = struct{}{}
	return cs, ctx
}

// done unregisters cs once its command has returned.
func (c *commandSet) done(cs *cmdSession) {
	cs.cancel(nil)
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, cs)
}

func (c *commandSet) list() []*cmdSession {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Collect(maps.Keys(c.m))
}

// keyRemoved reports whether key no longer names reviewer.
func (s *Server) keyRemoved(key ssh.PublicKey, reviewer string) bool {
	r, err := s.keys.reviewer(key)
	return errors.Is(err, errUnknownKey) || err == nil && r.ID != reviewer
}

// endRemoved ends, at once and without saving, every open session whose
// key no longer names its reviewer (reviewers remove, reviewers keys
// remove), except the session that asked (an admin removing their own key
// still hears how it went). Screens save nothing: a draft save would take
// the attempt back, and the removal already released their claims. A
// command in flight is cancelled before its channel closes, so an import
// reading stdin fails as cut short instead of importing half a file.
func (s *Server) endRemoved(asker ssh.Session) {
	for _, ls := range s.hub.list() {
		if s.keyRemoved(ls.key, ls.reviewer.ID) {
			s.log.Info("session ended: key removed", "reviewer", ls.reviewer.ID, "key", shortFingerprint(ls.key))
			ls.removed.Store(true)
			ls.kill()
		}
	}
	for _, cs := range s.commands.list() {
		if cs.sess != asker && s.keyRemoved(cs.sess.PublicKey(), cs.reviewer) {
			s.log.Info("command ended: key removed", "reviewer", cs.reviewer, "key", shortFingerprint(cs.sess.PublicKey()))
			cs.stop(noticeRevoked, "its key was removed")
		}
	}
}

// stop ends a command in flight at once: its context is cancelled with
// cause (an import reading stdin sees its input cut short, never a whole
// file), the client reads why on stderr, and it exits with status 1.
func (cs *cmdSession) stop(why, cause string) {
	cs.cancel(stopCause(cause))
	fmt.Fprintln(cs.sess.Stderr(), "assessor: "+why)
	_ = cs.sess.Exit(1)
}
