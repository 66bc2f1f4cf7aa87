package server

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"assessor/review"
	"assessor/store"
)

// wait bounds every wait for a screen or a session in these tests.
const wait = 10 * time.Second

// connect dials as key on a 120×40 terminal and waits for the queue.
func connect(t *testing.T, addr string, key signer) *termClient {
	t.Helper()
	return openScreen(t, addr, key, 120, 40, "", "pending")
}

// openScreen dials as key on a w×h pty, runs cmd ("" for the queue) and
// waits until the screen shows every one of want.
func openScreen(t *testing.T, addr string, key signer, w, h int, cmd string, want ...string) *termClient {
	t.Helper()
	c, err := dial(addr, key, w, h, cmd)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.close)
	if _, err := c.waitFor(0, wait, want...); err != nil {
		t.Fatalf("%q on a %d×%d pty: %v", cmd, w, h, err)
	}
	return c
}

// openNext presses n on the queue and returns the handle that opened.
func openNext(t *testing.T, c *termClient) string {
	t.Helper()
	m := c.mark()
	if err := c.press("n"); err != nil {
		t.Fatal(err)
	}
	// The evidence pane's title and the header: no queue row has either.
	if _, err := c.waitFor(m, wait, "Evidence   0%", " · attempt "); err != nil {
		t.Fatal(err)
	}
	got, _ := c.textAfter(m)
	h := headerRe.FindStringSubmatch(got)
	if h == nil {
		t.Fatalf("no handle on the review screen:\n%s", got)
	}
	return h[1]
}

// typeFeedback opens scoring, marks C1 not-yet and types feedback for it,
// leaving the text unsaved (the debounce has not fired yet).
func typeFeedback(t *testing.T, c *termClient, handle, text string) {
	t.Helper()
	// One key per write: bubbletea reads runes that arrive together as
	// one paste, which matches no binding.
	for _, step := range []struct{ key, want string }{
		// A level moves on to the next unscored criterion: k goes back to C1.
		{"s", "Scoring " + handle}, {"n", "not-yet"}, {"k", "C1 feedback"}, {"e", "done editing"}, {text, text[len(text)-10:]},
	} {
		if _, err := c.do(step.key, wait, step.want); err != nil {
			t.Fatal(err)
		}
	}
}

// requireDraft fails unless the reviewer's draft of handle holds text.
func requireDraft(t *testing.T, st *store.Store, reviewer, handle, text string) {
	t.Helper()
	k, _, err := st.Resolve(handle)
	if err != nil {
		t.Fatal(err)
	}
	d, ok, err := st.Draft(reviewer, k)
	if err != nil || !ok {
		t.Fatalf("no draft of %s for %s (err %v)", handle, reviewer, err)
	}
	if d.Levels["C1"] != "not-yet" || !strings.Contains(d.Feedback["C1"], text) {
		t.Fatalf("draft of %s: %+v", handle, d)
	}
}

// TestUnknownKeyIsRefusedAtAuth: a key no reviewer holds is refused at
// authentication, before any session or screen exists.
func TestUnknownKeyIsRefusedAtAuth(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 40)
	addReviewer(t, st, "rev-known", review.RoleReviewer)
	srv, addr := startServer(t, st, Config{})
	stranger, _ := newKey(t)
	c, err := dial(addr, stranger, 80, 24, "")
	if err == nil {
		c.close()
		t.Fatal("an unregistered key got a session")
	}
	if !strings.Contains(err.Error(), "unable to authenticate") {
		t.Fatalf("dial error = %v, want an authentication failure", err)
	}
	if n := srv.Sessions(); n != 0 {
		t.Fatalf("%d sessions after a refused key", n)
	}
}

// TestTwoReviewersLiveQueue: two reviewers press n and get different
// attempts, and the second one's queue marks the first one's attempt "in
// review" without a keystroke.
func TestTwoReviewersLiveQueue(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 80)
	ka := addReviewer(t, st, "rev-a", review.RoleReviewer)
	kb := addReviewer(t, st, "rev-b", review.RoleReviewer)
	_, addr := startServer(t, st, Config{})
	a, b := connect(t, addr, ka), connect(t, addr, kb)

	mb := b.mark()
	ha := openNext(t, a)
	// The oldest attempt is at the top of b's queue; a just took it.
	if _, err := b.waitFor(mb, wait, ha, "in review"); err != nil {
		t.Fatalf("b's queue did not refresh by itself: %v", err)
	}
	hb := openNext(t, b)
	if ha == hb {
		t.Fatalf("both reviewers hold %s", ha)
	}
}

// TestDroppedConnectionSavesTypedDraft: feedback typed just before the
// connection drops (inside the draft debounce) is saved as a draft, and
// the reviewer who reconnects gets the same attempt back with it.
func TestDroppedConnectionSavesTypedDraft(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 80)
	key := addReviewer(t, st, "rev-drop", review.RoleReviewer)
	srv, addr := startServer(t, st, Config{})
	c := connect(t, addr, key)
	h := openNext(t, c)
	text := "typed a moment before the line dropped"
	typeFeedback(t, c, h, text)
	c.close() // well inside the UI's 400ms draft debounce
	waitUntil(t, "the session to end", func() bool { return srv.Sessions() == 0 })
	requireDraft(t, st, "rev-drop", h, text)

	// The lease stays until it expires, so the same reviewer reconnecting
	// gets the same attempt back with the draft.
	c = connect(t, addr, key)
	if got := openNext(t, c); got != h {
		t.Fatalf("reconnected reviewer got %s, want their leased %s", got, h)
	}
	if _, err := c.do("s", wait, "line dropped"); err != nil {
		t.Fatalf("draft not restored on screen: %v", err)
	}
}

// TestShutdownSavesDraftsAndTellsSessions: Shutdown saves the unsaved
// draft of an open session, tells every session so and ends them, and
// accepts no connection afterwards. A lead on a screen that keeps no
// drafts (flag work) is told the server is shutting down, not that a
// draft was saved.
func TestShutdownSavesDraftsAndTellsSessions(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 80)
	ka := addReviewer(t, st, "rev-a", review.RoleReviewer)
	kb := addReviewer(t, st, "rev-b", review.RoleReviewer)
	kl := addReviewer(t, st, "lead-1", review.RoleLead)
	srv, addr := startServer(t, st, Config{})
	a, b := connect(t, addr, ka), connect(t, addr, kb)
	l := openScreen(t, addr, kl, 120, 40, "leaks work", "flags to work · lead-1")
	h := openNext(t, a)
	text := "half a sentence when the server stopped"
	typeFeedback(t, a, h, text)

	ma, mb, ml := a.mark(), b.mark(), l.mark()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		c *termClient
		m int
	}{{a, ma}, {b, mb}} {
		if _, err := c.c.waitFor(c.m, wait, noticeShutdownSaved); err != nil {
			t.Fatal(err)
		}
		if err := c.c.wait(wait); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := l.waitFor(ml, wait, noticeShutdownScreen); err != nil {
		t.Fatal(err)
	}
	if err := l.wait(wait); err != nil {
		t.Fatal(err)
	}
	if out, _ := l.textAfter(ml); strings.Contains(out, "draft") || strings.Contains(out, "edits") {
		t.Errorf("the flag screen was told of a draft: %q", out)
	}
	requireDraft(t, st, "rev-a", h, text)
	if _, err := dial(addr, ka, 80, 24, ""); err == nil {
		t.Fatal("a connection was accepted after Shutdown")
	}
}

// TestShutdownWithADraftItCannotSave: a session whose claim a lead gave to
// another reviewer, who decided the attempt, cannot save its draft on
// shutdown (a draft is kept aside only while the attempt is pending); it
// ends at once
// (nobody is there to press ctrl+c again) and says the edits were not
// saved, instead of holding the shutdown until the grace runs out.
func TestShutdownWithADraftItCannotSave(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 80)
	ka := addReviewer(t, st, "rev-a", review.RoleReviewer)
	addReviewer(t, st, "rev-b", review.RoleReviewer)
	addReviewer(t, st, "lead-1", review.RoleLead)
	srv, addr := startServer(t, st, Config{})
	a := connect(t, addr, ka)
	h := openNext(t, a)
	typeFeedback(t, a, h, "words the store will not take")
	k, _, err := st.Resolve(h)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ReleaseClaim("lead-1", k, "reassigned"); err != nil {
		t.Fatal(err)
	}
	as, err := st.Claim("rev-b", k)
	if err != nil {
		t.Fatal(err)
	}
	meets := map[string]string{}
	for _, c := range as.Rubric.Criteria {
		meets[c.ID] = as.Rubric.Levels[len(as.Rubric.Levels)-1]
	}
	if _, err := st.Decide("rev-b", k, meets, nil); err != nil {
		t.Fatal(err)
	}

	m := a.mark()
	// Well under the sessions' grace (DefaultSaveGrace): a session waiting for
	// a second ctrl+c would hold Shutdown until it.
	ctx, cancel := context.WithTimeout(context.Background(), DefaultSaveGrace/2)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if _, err := a.waitFor(m, wait, noticeShutdownLost); err != nil {
		t.Fatal(err)
	}
}

// TestSessionRefusalsAndDashboard: a session without a terminal, a
// reviewer asking for the dashboard and an unknown command are each
// refused with one line; a lead gets the dashboard.
func TestSessionRefusalsAndDashboard(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 40)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	lead := addReviewer(t, st, "lead-1", review.RoleLead)
	// No Config.Lead: the store itself serves the dashboard.
	_, addr := startServer(t, st, Config{})

	tests := []struct {
		name string
		key  signer
		w    int
		cmd  string
		want string
	}{
		{"no terminal", rev, -1, "", "the review queue is a screen and needs a terminal: connect with ssh -t -p "},
		{"dashboard without a terminal", lead, -1, "dashboard", "dashboard is a screen and needs a terminal: connect with ssh -t -p "},
		{"dashboard for a reviewer", rev, 80, "dashboard", "dashboard is for leads and admins and you (rev-1) are a reviewer"},
		{"unknown command", lead, 80, "rm -rf", `unknown command "rm -rf"`},
		{"dashboard for a lead", lead, 120, "dashboard", "Turnaround"},
		{"flag screen for a reviewer", rev, 80, "leaks work", "leaks work is for leads and admins and you (rev-1) are a reviewer"},
		{"flag screen for a lead", lead, 120, "leaks work", "flags to work · lead-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := dial(addr, tt.key, tt.w, 40, tt.cmd)
			if err != nil {
				t.Fatal(err)
			}
			defer c.close()
			if _, err := c.waitFor(0, wait, tt.want); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// waitUntil polls cond.
func waitUntil(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestNoEditorOverSSH: $EDITOR would run on the server, so a session's
// E key must neither run it nor be offered in the help.
func TestNoEditorOverSSH(t *testing.T) {
	marker := filepath.Join(t.TempDir(), "editor-ran")
	script := filepath.Join(t.TempDir(), "editor.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\ntouch "+marker+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VISUAL", script)
	t.Setenv("EDITOR", script)
	st := newDemoStore(t, 20)
	key := addReviewer(t, st, "rev-ed", review.RoleReviewer)
	_, addr := startServer(t, st, Config{})
	c := connect(t, addr, key)
	openNext(t, c)
	if _, err := c.do("s", wait, "Scoring"); err != nil {
		t.Fatal(err)
	}
	m := c.mark()
	if _, err := c.do("?", wait, "confirm"); err != nil {
		t.Fatal(err)
	}
	if help, _ := c.textAfter(m); strings.Contains(help, "$EDITOR") {
		t.Fatalf("help offers $EDITOR over SSH:\n%s", tail(help))
	}
	if err := c.press("E"); err != nil {
		t.Fatal(err)
	}
	// Absence takes a wait: long enough for an editor to have started.
	time.Sleep(300 * time.Millisecond)
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("E ran $EDITOR on the server")
	}
}

// silentSession serves a small demo store to one reviewer, id, and dials
// in on a 120×40 pty with a terminal that answers no query.
func silentSession(t *testing.T, id string) *termClient {
	t.Helper()
	st := newDemoStore(t, 40)
	key := addReviewer(t, st, id, review.RoleReviewer)
	_, addr := startServer(t, st, Config{})
	c := newTermClient()
	c.silent = true
	if _, err := dialAs(c, addr, key, 120, 40, ""); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.close)
	return c
}

// TestFirstKeyIsNotLost: a key typed the moment the session opens, before
// the terminal has answered (this one never does), reaches the screen once
// it starts. wish's reader took it for part of the answer and dropped it,
// and kept the screen blank until it came.
func TestFirstKeyIsNotLost(t *testing.T) {
	t.Parallel()
	c := silentSession(t, "rev-quick")
	if err := c.press("n"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.waitFor(0, wait, "Evidence   0%", " · attempt "); err != nil {
		t.Fatal(err)
	}
}

// TestLateTerminalAnswerIsNotTyped: a terminal that answers the colour
// query after the server stopped waiting (a slow link) has its answer read
// by the screen; it must not act as keys. Split into keys, its "f" opened
// the queue's credential filter, which took the rest, and the n after it,
// as text.
func TestLateTerminalAnswerIsNotTyped(t *testing.T) {
	t.Parallel()
	c := silentSession(t, "rev-late")
	if _, err := c.waitFor(0, wait, "pending"); err != nil { // after the server's wait for an answer
		t.Fatal(err)
	}
	if _, err := io.WriteString(c.in, "\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?62;22c"); err != nil {
		t.Fatal(err)
	}
	openNext(t, c)
}
