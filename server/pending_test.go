package server

import (
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"assessor/review"
)

// closedByServer reports whether the server has closed raw, reading what
// it sent (its banner) for up to wait.
func closedByServer(t *testing.T, raw net.Conn, wait time.Duration) bool {
	t.Helper()
	_ = raw.SetReadDeadline(time.Now().Add(wait))
	_, err := io.Copy(io.Discard, raw)
	var ne net.Error
	return !(errors.As(err, &ne) && ne.Timeout())
}

// TestPendingLoginsBounded: past Config.PendingLogins connections that
// have not logged in, each new one closes the one that has waited
// longest (long before the handshake timeout), so a flood of idle
// sockets cannot keep reviewers out; a reviewer logs in through the
// flood, and once in no longer counts, so later sockets do not close it.
func TestPendingLoginsBounded(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 5)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	const bound = 4
	_, addr := startServer(t, st, Config{PendingLogins: bound, HandshakeTimeout: time.Minute})
	var raws []net.Conn
	open := func() {
		raw, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { raw.Close() })
		raws = append(raws, raw)
		// The server has counted it once its banner arrives.
		_ = raw.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, err := raw.Read(make([]byte, 64)); err != nil {
			t.Fatalf("socket %d: no banner: %v", len(raws), err)
		}
	}
	for range bound + 2 {
		open()
	}
	for i, raw := range raws {
		if closed := closedByServer(t, raw, 300*time.Millisecond); closed != (i < 2) {
			t.Errorf("socket %d of %d (bound %d): closed %v, want %v", i+1, len(raws), bound, closed, i < 2)
		}
	}

	c := connect(t, addr, rev) // the flood's oldest socket makes room
	if !closedByServer(t, raws[2], 2*time.Second) {
		t.Error("a reviewer's login did not close the oldest waiting socket")
	}
	for range bound + 1 {
		open()
	}
	if err := c.press("j"); err != nil || c.wait(500*time.Millisecond) == nil {
		t.Fatalf("sockets opened after a reviewer logged in closed the reviewer's connection: %v", err)
	}
}
