package server

import (
	"bytes"
	"runtime"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

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
	conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "reviewer", Auth: []gossh.AuthMethod{gossh.PublicKeys(rev)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: wait})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 150, 400, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	var first []byte
	for buf := make([]byte, 4096); !bytes.Contains(first, []byte("rev-1")); {
		n, err := out.Read(buf)
		if err != nil {
			t.Fatalf("before the first frame: %v", err)
		}
		first = append(first, buf[:n]...)
	}
	// No more reading; whole redraws fill the SSH window (as in
	// TestShutdownCutsOffAClientThatStopsReading).
	for i := range 400 {
		if err := sess.WindowChange(150, 400-i%2); err != nil {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond)
	}
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
