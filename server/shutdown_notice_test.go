package server

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// TestShutdownCutOffSaveSaysNotSaved: a session whose save on shutdown
// outlasts the grace (the store's writer busy) is killed with its draft
// unsaved, and its reviewer must read so, never "your draft is saved".
func TestShutdownCutOffSaveSaysNotSaved(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 40)
	ka := addReviewer(t, st, "rev-a", review.RoleReviewer)
	addReviewer(t, st, "admin-1", review.RoleAdmin)
	srv, addr := startServer(t, st, Config{SaveGrace: 300 * time.Millisecond})
	a := connect(t, addr, ka)
	h := openNext(t, a)
	typeFeedback(t, a, h, "words typed while the writer was busy")

	release := holdWriter(t, st, "admin-1")

	m := a.mark()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if _, err := a.waitFor(m, wait, "server shutting down"); err != nil {
		t.Fatal(err)
	}
	_ = a.wait(wait)
	out, _ := a.textAfter(m)
	release()
	if strings.Contains(out, noticeShutdownSaved) || !strings.Contains(out, noticeShutdownLost) {
		t.Fatalf("a session killed before its save ended read %q, want %q", tail(out), noticeShutdownLost)
	}
}

// TestShutdownSavesCalibrationDraft: the calibrate screen keeps drafts as
// the review queue does, so a shutdown tells its reviewer the draft was
// saved (docs/operations.md: "Each reviewer reads whether their draft was
// saved"), not only that the server is shutting down.
func TestShutdownSavesCalibrationDraft(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 40)
	addReviewer(t, st, "lead-1", review.RoleLead)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	example := calibrationExample(t, st, "lead-1")
	srv, addr := startServer(t, st, Config{})
	c := openScreen(t, addr, rev, 120, 40, "calibrate", "calibration", example.Handle)
	h := openNext(t, c)
	text := "calibration words when the server stopped"
	typeFeedback(t, c, h, text)

	m := c.mark()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.waitFor(m, wait, noticeShutdownSaved); err != nil {
		t.Fatal(err)
	}
	// Claim hands back the reviewer's calibration draft (no lease taken).
	as, err := st.Calibration().Claim("rev-1", example.Attempt)
	if err != nil || !strings.Contains(as.Draft.Feedback["C1"], text) {
		t.Fatalf("calibration draft after shutdown: %+v (err %v)", as.Draft, err)
	}
}

// TestSessionOpenedDuringShutdownIsRefused: a connection still open while
// the server shuts down (its first session just ended; ssh's connection
// sharing keeps one open) that opens another session gets no screen, only
// the line saying the server is shutting down: a screen started then would
// be left out of the shutdown's saves.
func TestSessionOpenedDuringShutdownIsRefused(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 40)
	ka := addReviewer(t, st, "rev-a", review.RoleReviewer)
	srv, addr := startServer(t, st, Config{})
	a := connect(t, addr, ka)
	m := a.mark()
	shut := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		shut <- srv.Shutdown(ctx)
	}()
	if _, err := a.waitFor(m, wait, noticeShutdownSaved); err != nil {
		t.Fatal(err)
	}
	// The first session has ended; its connection is still open.
	late := newTermClient()
	sess, err := a.conn.NewSession()
	if err != nil {
		// The shutdown closed the connection first: no screen either way.
		t.Skipf("the shutdown closed the connection before a second session opened: %v", err)
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if late.in, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	sess.Stderr = late
	if err := sess.RequestPty("xterm-256color", 40, 120, nil); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	go func() {
		_, _ = io.Copy(late, stdout)
		late.exit = sess.Wait()
		close(late.ended)
	}()
	_ = late.wait(wait)
	out, _ := late.textAfter(0)
	if strings.Contains(out, "pending") || !strings.Contains(out, noticeShutdownBefore) {
		t.Errorf("a session opened during the shutdown read %q, want only %q", tail(out), noticeShutdownBefore)
	}
	if err := <-shut; err != nil {
		t.Errorf("shutdown: %v", err)
	}
}

// TestRoleChangeCutOffSaveSaysNotSaved: a session an admin's role change
// ends saves first, and when that save outlasts the grace (the store's
// writer busy) the session is killed with its edits unsaved: its notice
// must say so, as a shutdown's does.
func TestRoleChangeCutOffSaveSaysNotSaved(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 40)
	admin := addReviewer(t, st, "admin-1", review.RoleAdmin)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	commands := func(_ context.Context, by review.Reviewer, args []string, _ io.Reader, _, _ io.Writer) error {
		if strings.Join(args, " ") != "reviewers add rev-1" {
			return nil
		}
		if _, err := st.ChangeReviewer(by.ID, "rev-1", func(r *review.Reviewer, _ bool, _ []review.Reviewer) error {
			r.Role = review.RoleLead
			return nil
		}, nil); err != nil {
			return err
		}
		// Then hold the store's writer, so the session's save waits.
		holdWriter(t, st, "admin-1")
		return nil
	}
	_, addr := startServer(t, st, Config{Commands: commands, SaveGrace: 300 * time.Millisecond})
	c := connect(t, addr, rev)
	stop := make(chan struct{})
	_, typed := typeSteadily(t, c, steadyText, stop)
	time.Sleep(500 * time.Millisecond)
	if _, stderr, err := runCommand(t, addr, admin, "reviewers add rev-1"); err != nil {
		t.Fatalf("role change: %v %q", err, stderr)
	}
	_ = c.wait(wait)
	close(stop)
	<-typed
	if out, _ := c.textAfter(0); !strings.Contains(out, noticeChanged+" (your last edits could not be saved)") {
		t.Errorf("a session killed before its save ended read %q, want %q", tail(out), noticeChanged+" (your last edits could not be saved)")
	}
}
