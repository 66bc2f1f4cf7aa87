package server

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/charmbracelet/ssh"

	"assessor/review"
)

// Notices printed on a session an admin's change ended: its key or its
// reviewer removed, or its role or conflicts changed.
const (
	noticeRevoked = "an admin removed your access (your key, or you as a reviewer): this session has ended"
	noticeChanged = "an admin changed your role or conflicts: this session has ended; sign in again to go on"
)

// list is a copy of the open sessions.
func (h *hub) list() []*liveSession {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Collect(maps.Keys(h.sessions))
}

// cmdSession is a command line or a backup in flight. Only an admin's
// change to its access ends one early: the rest end when their command does.
type cmdSession struct {
	sess     ssh.Session
	reviewer review.Reviewer // as it signed in
	cancel   context.CancelCauseFunc
}

// stopCause is why the server stopped a command in flight (cmdSession.stop),
// as its context's cause: an import reading stdin then says so rather than
// that the connection dropped.
type stopCause string

func (c stopCause) Error() string { return "the server stopped the command (" + string(c) + ")" }

// commandSet holds the command sessions in flight. Safe for concurrent use.
type commandSet struct {
	mu     sync.Mutex
	m      map[*cmdSession]struct{}
	wg     sync.WaitGroup // the commands in flight, for wait
	closed bool           // shutting down: no command starts
}

// start registers sess as acting for reviewer and returns the context its
// command runs under, cancelled when the session ends or its access
// changes; ok is false once the set is closed (shutdown), and the command
// must not run.
func (c *commandSet) start(sess ssh.Session, reviewer review.Reviewer) (cs *cmdSession, ctx context.Context, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, nil, false
	}
	ctx, cancel := context.WithCancelCause(sess.Context())
	cs = &cmdSession{sess: sess, reviewer: reviewer, cancel: cancel}
	if c.m == nil {
		c.m = map[*cmdSession]struct{}{}
	}
	c.m[cs] = struct{}{}
	c.wg.Add(1)
	return cs, ctx, true
}

// close refuses every later start and returns the commands in flight: a
// command opened on a connection shutdown has not closed yet (a second
// channel of ssh's ControlMaster) would run unstopped and unwaited for.
func (c *commandSet) close() []*cmdSession {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	return c.list()
}

// done unregisters cs once its command has returned.
func (c *commandSet) done(cs *cmdSession) {
	cs.cancel(nil)
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, cs)
	c.wg.Done()
}

// wait returns once no command is in flight, or with ctx's error. Shutdown
// waits for the commands it stopped: one still committing or unwinding
// when serve closed the store and exited never logged how it ended.
func (c *commandSet) wait(ctx context.Context) error { return waitFor(ctx, &c.wg) }

func (c *commandSet) list() []*cmdSession {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Collect(maps.Keys(c.m))
}

// accessChanged is why a session that signed in with key as was must end
// now (its notice, and the cause for the log), or "": its key or its
// reviewer removed, or its role or conflicts changed, which chose the
// screens it has and the attempts it may see (a demoted lead's open
// dashboard would go on reading leads' figures).
func (s *Server) accessChanged(key ssh.PublicKey, was review.Reviewer) (notice, cause string) {
	r, err := s.keys.reviewer(key)
	switch {
	case errors.Is(err, errUnknownKey) || err == nil && r.ID != was.ID:
		return noticeRevoked, "its key was removed"
	case err == nil && (r.Role != was.Role || !review.SameConflicts(r, was)):
		return noticeChanged, "its role or conflicts changed"
	}
	return "", ""
}

// endChanged ends every open session whose access changed
// (accessChanged: reviewers remove, reviewers keys remove, reviewers add
// with another role or conflicts), except the session that asked (an
// admin removing their own key still hears how it went). A removal ends
// its sessions at once and without saving: a draft save would take back
// the attempts the removal released. A role or conflicts change released
// nothing, so its sessions save and quit as at shutdown (endSaving): a
// reviewer typing steadily would otherwise lose everything since their
// last pause. A command in flight is cancelled before its channel closes,
// so an import reading stdin fails as cut short instead of importing half
// a file.
func (s *Server) endChanged(asker ssh.Session) {
	for _, ls := range s.hub.list() {
		notice, cause := s.accessChanged(ls.key, ls.reviewer)
		if notice == "" {
			continue
		}
		s.log.Info("session ended: "+cause, "reviewer", ls.reviewer.ID, "key", shortFingerprint(ls.key))
		ls.ended.Store(&notice)
		if notice == noticeChanged {
			ls.endSaving()
		} else {
			ls.kill()
		}
	}
	for _, cs := range s.commands.list() {
		if cs.sess == asker {
			continue
		}
		if notice, cause := s.accessChanged(cs.sess.PublicKey(), cs.reviewer); notice != "" {
			s.log.Info("command ended: "+cause, "reviewer", cs.reviewer.ID, "key", shortFingerprint(cs.sess.PublicKey()))
			cs.stop(notice, cause)
		}
	}
}

// endSaving ends the session as liveSession.end does at shutdown, saving
// first (but this is no shutdown: the session's own notice says why it
// ended). The store still checks the save against the new profile: a
// draft of an attempt the reviewer now has a conflict with is refused,
// taking no claim back. A program not made yet has nothing to save: it is
// killed as it is made, with no screen shown.
func (ls *liveSession) endSaving() {
	if ls.program.Load() == nil {
		ls.kill()
		return
	}
	ls.saveThenQuit()
}

// stop ends a command in flight at once: its context is cancelled with
// cause (an import reading stdin sees its input cut short, never a whole
// file), the client reads why on stderr, and it exits with status 1.
func (cs *cmdSession) stop(why, cause string) {
	cs.cancel(stopCause(cause))
	fmt.Fprintln(cs.sess.Stderr(), "assessor: "+why)
	_ = cs.sess.Exit(1)
}
