package server

import (
	"bytes"
	"runtime"
	"testing"
	"time"

	"assessor/review"
)

// TestStuckClientHoldsOneRefresh: a client that stops reading its screen
// blocks its program in a write (TestShutdownCutsOffAClientThatStopsReading)
// for as long as its connection stays open (keepalives reset the idle
// timeout). Queue changes others make go on asking that session for a
// refresh; one refresh waits on the stuck program, and the rest wait for
// it, not each on a goroutine of its own.
//
// Not parallel: it counts the refreshes in flight in the whole process.
func TestStuckClientHoldsOneRefresh(t *testing.T) {
	st := newDemoStore(t, 20)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	srv, addr := startServer(t, st, Config{RefreshEvery: 10 * time.Millisecond})
	stuckClient(t, addr, rev)
	// Other reviewers' work: 50 queue changes, each after the last
	// refresh's gap.
	for range 50 {
		srv.hub.broadcast(srv.cfg.RefreshEvery)
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	switch n := refreshesInFlight(); {
	case n == 0:
		t.Fatal("no refresh waits on the session: it never got stuck, and this shows nothing")
	case n > 1:
		t.Errorf("%d refreshes in flight after 50 queue changes with one stuck session; want 1", n)
	}
}

// refreshesInFlight counts the goroutines running a throttle's fn.
func refreshesInFlight() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return bytes.Count(buf[:n], []byte("server.(*throttle).run("))
		}
		buf = make([]byte, 2*len(buf))
	}
}
