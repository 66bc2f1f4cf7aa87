package server

import (
	"context"
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// TestShutdownWhileScreenStarts: a session registered but still waiting
// up to answerWait for its terminal's answer when the server shuts down
// has no program to send the save to yet. It must end with the shutdown
// all the same, as TestAccessChangedWhileScreenStarts shows for an admin's
// change: no queue, a notice saying why, and Shutdown back well before its
// deadline.
func TestShutdownWhileScreenStarts(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 40)
	who := addReviewer(t, st, "rev-a", review.RoleReviewer)
	srv, addr := startServer(t, st, Config{})
	c := newTermClient()
	c.silent = true // a terminal that does not answer the colour query
	if _, err := dialAs(c, addr, who, 120, 40, ""); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.close)
	waitUntil(t, "the session registered", func() bool { return srv.Sessions() == 1 })

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	err := srv.Shutdown(ctx)
	took := time.Since(start)
	if err != nil {
		t.Errorf("Shutdown with a session still starting: %v after %s", err, took.Round(time.Millisecond))
	}
	out, _ := c.textAfter(0)
	if strings.Contains(out, "pending") {
		t.Errorf("the session showed the queue after the shutdown began: %q", tail(out))
	}
	if !strings.Contains(out, noticeShutdownBefore) {
		t.Errorf("the session was never told the server is shutting down: %q", tail(out))
	}
}
