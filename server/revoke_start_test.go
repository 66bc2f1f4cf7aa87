package server

import (
	"context"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"assessor/review"
	"assessor/ui"
)

// revokingServer serves a demo store with admin-1 and the reviewer id
// (role), and two commands: `reviewers remove ID` and `reviewers add ID --role
// reviewer`.
func revokingServer(t *testing.T, id string, role review.Role) (srv *Server, addr string, admin, who signer) {
	t.Helper()
	st := newDemoStore(t, 40)
	admin = addReviewer(t, st, "admin-1", review.RoleAdmin)
	who = addReviewer(t, st, id, role)
	commands := func(_ context.Context, by review.Reviewer, args []string, _ io.Reader, _, _ io.Writer) error {
		switch strings.Join(args, " ") {
		case "reviewers remove " + id:
			_, err := st.RemoveReviewer(by.ID, id, "left the program")
			return err
		case "reviewers add " + id + " --role reviewer":
			_, err := st.ChangeReviewer(by.ID, id, func(r *review.Reviewer, _ bool, _ []review.Reviewer) error {
				r.Role = review.RoleReviewer
				return nil
			}, nil)
			return err
		}
		return nil
	}
	srv, addr = startServer(t, st, Config{Commands: commands})
	return srv, addr, admin, who
}

// TestAccessChangedWhileScreenStarts: a session waits up to answerWait
// for its terminal's answer before its screen is made (a terminal that
// does not answer waits it all). An admin who removes the reviewer, or
// demotes the lead, in that second ends the session: no queue for the
// removed reviewer, no dashboard for the demoted lead.
func TestAccessChangedWhileScreenStarts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		id, screen, change, notice string
		role                       review.Role
	}{
		{"rev-gone", "", "reviewers remove rev-gone", noticeRevoked, review.RoleReviewer},
		{"lead-1", "dashboard", "reviewers add lead-1 --role reviewer", noticeChanged, review.RoleLead},
	} {
		t.Run(tc.id, func(t *testing.T) {
			t.Parallel()
			srv, addr, admin, who := revokingServer(t, tc.id, tc.role)
			c := newTermClient()
			c.silent = true // answers no terminal query
			if _, err := dialAs(c, addr, who, 120, 40, tc.screen); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(c.close)
			waitUntil(t, "the session registered", func() bool { return srv.Sessions() == 1 })
			if _, stderr, err := runCommand(t, addr, admin, tc.change); err != nil {
				t.Fatalf("%s: %v %q", tc.change, err, stderr)
			}
			if err := c.wait(wait); err != nil {
				t.Fatalf("the session did not end: %v", err)
			}
			if out, _ := c.textAfter(0); !strings.Contains(out, tc.notice) || strings.Contains(out, "pending") || strings.Contains(out, "Turnaround") {
				t.Errorf("the session showed its screen, or ended without saying why: %q", tail(out))
			}
		})
	}
}

// gatedBackend holds a draft save at its door while armed: a save already
// on its way to the store (queued behind another write, or in a batch)
// when an admin removes the reviewer.
type gatedBackend struct {
	ui.Backend
	armed   *atomic.Bool
	entered chan struct{}
	release chan struct{}
	once    *sync.Once
	err     chan error
}

func (b gatedBackend) SaveDraft(reviewer string, key review.AttemptKey, d review.Draft) error {
	if !b.armed.Load() {
		return b.Backend.SaveDraft(reviewer, key, d)
	}
	b.once.Do(func() { close(b.entered) })
	<-b.release
	err := b.Backend.SaveDraft(reviewer, key, d)
	b.err <- err
	return err
}

// saveOnItsWay opens the next attempt with key and holds the draft save
// of an edit at the store (gatedBackend) while the admin runs removal;
// once the session has ended it lets the save land, and returns the
// attempt's handle and what the store answered the save.
func saveOnItsWay(t *testing.T, srv *Server, addr string, admin, key signer, removal string) (string, error) {
	t.Helper()
	g := gatedBackend{Backend: srv.backend, armed: &atomic.Bool{}, entered: make(chan struct{}), release: make(chan struct{}), once: &sync.Once{}, err: make(chan error, 1)}
	srv.backend = g
	c := connect(t, addr, key)
	handle := openNext(t, c)
	g.armed.Store(true)
	for _, k := range []string{"s", "n"} { // scoring, C1 not-yet: an edit, saved after a pause
		if err := c.press(k); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case <-g.entered:
	case <-time.After(wait):
		t.Fatal("no draft save started")
	}
	if _, stderr, err := runCommand(t, addr, admin, removal); err != nil {
		t.Fatalf("%s: %v %q", removal, err, stderr)
	}
	if err := c.wait(wait); err != nil {
		t.Fatalf("the session did not end after %s: %v", removal, err)
	}
	close(g.release)
	return handle, <-g.err
}

// TestRemovedReviewersSaveOnItsWay: a draft save on its way as an admin
// removes the reviewer lands after the removal released the claim; the
// store refuses it, so it takes no claim back for the removed reviewer
// (which no one could release but a lead).
func TestRemovedReviewersSaveOnItsWay(t *testing.T) {
	t.Parallel()
	srv, addr, admin, gone := revokingServer(t, "rev-gone", review.RoleReviewer)
	handle, err := saveOnItsWay(t, srv, addr, admin, gone, "reviewers remove rev-gone")
	if err == nil {
		t.Error("the store took a draft of a removed reviewer")
	}
	q, err := srv.cfg.Store.Queue("admin-1", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range q {
		if it.Handle() == handle && it.Claimed {
			t.Errorf("%s is claimed by %q until %s after its reviewer was removed", handle, it.Holder, it.Until.Format(time.TimeOnly))
		}
	}
}
