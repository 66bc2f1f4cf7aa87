package server

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"assessor/review"
	"assessor/store"
)

// A server runs for months: what a session holds must go when it ends,
// however it ends, not with the sessions served so far. These tests count
// the process's goroutines and heap, so none of them runs in parallel
// (parallel tests start only after them).

// settleGoroutines waits up to d for the process's goroutines to fall to
// want and returns the last count.
func settleGoroutines(want int, d time.Duration) int {
	deadline := time.Now().Add(d)
	n := runtime.NumGoroutine()
	for n > want && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		runtime.GC()
		n = runtime.NumGoroutine()
	}
	return n
}

// goroutineSummary counts the goroutines by the function at the top of
// their stacks, the most common first.
func goroutineSummary() string {
	buf := make([]byte, 4<<20)
	buf = buf[:runtime.Stack(buf, true)]
	counts := map[string]int{}
	for _, g := range strings.Split(string(buf), "\n\n") {
		lines := strings.Split(g, "\n")
		if len(lines) > 1 {
			top := lines[1]
			if i := strings.LastIndex(top, "("); i > 0 {
				top = top[:i]
			}
			counts[top]++
		}
	}
	var b strings.Builder
	for top, n := range counts {
		if n > 2 {
			fmt.Fprintf(&b, "  %4d %s\n", n, top)
		}
	}
	return b.String()
}

// heapInUse is the live heap after full collections.
func heapInUse() uint64 {
	var ms runtime.MemStats
	for range 3 {
		runtime.GC()
	}
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// openScreenNoCleanup dials the queue on a 120×40 pty and waits for it;
// the caller ends it.
func openScreenNoCleanup(t *testing.T, addr string, key signer) *termClient {
	t.Helper()
	c, err := dial(addr, key, 120, 40, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.waitFor(0, wait, "pending"); err != nil {
		c.close()
		t.Fatal(err)
	}
	return c
}

// TestSessionCyclesLeaveNoGoroutines: sessions that end in every way
// (quit on the queue, connection killed, channel closed with the
// connection kept, refused without a pty, resized to the end, a command,
// a command cut mid-input) leave the goroutine count where it started.
func TestSessionCyclesLeaveNoGoroutines(t *testing.T) {
	st := newDemoStore(t, 40)
	key := addReviewer(t, st, "rev-cycle", review.RoleReviewer)
	cmds := func(ctx context.Context, who review.Reviewer, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
		if args[0] == "cat" {
			_, err := io.Copy(stdout, stdin)
			return err
		}
		fmt.Fprintln(stdout, "ran", strings.Join(args, " "))
		return nil
	}
	srv, addr := startServer(t, st, Config{SaveGrace: 200 * time.Millisecond, Commands: cmds})
	for range 3 {
		openScreenNoCleanup(t, addr, key).close()
	}
	waitUntil(t, "warm-up sessions to end", func() bool { return srv.Sessions() == 0 })
	base := settleGoroutines(0, 2*time.Second)

	const cycles = 40
	for _, kind := range []string{"quit", "kill", "closechan", "nopty", "resize", "command", "catkilled"} {
		t.Run(kind, func(t *testing.T) {
			for i := range cycles {
				switch kind {
				case "nopty", "command", "catkilled":
					cmd := map[string]string{"nopty": "", "command": "rubrics list", "catkilled": "cat"}[kind]
					c, err := dial(addr, key, -1, 0, cmd)
					if err != nil {
						t.Fatal(err)
					}
					if kind == "catkilled" {
						_ = c.press("hello")
					} else if err := c.wait(wait); err != nil {
						t.Fatal(err)
					}
					c.close()
					continue
				}
				c := openScreenNoCleanup(t, addr, key)
				switch kind {
				case "quit":
					_ = c.press("q")
					if err := c.wait(wait); err != nil {
						t.Fatalf("cycle %d: %v", i, err)
					}
				case "closechan":
					_ = c.sess.Close()
					if err := c.wait(wait); err != nil {
						t.Fatalf("cycle %d: %v", i, err)
					}
				case "resize":
					for w := 60; w < 120; w++ {
						_ = c.sess.WindowChange(40+w%3, w)
					}
				}
				c.close()
			}
			waitUntil(t, "sessions to end", func() bool { return srv.Sessions() == 0 })
			if n := settleGoroutines(base+5, 5*time.Second); n > base+5 {
				t.Fatalf("after %d %s sessions: %d goroutines, %d before:\n%s", cycles, kind, n, base, goroutineSummary())
			}
		})
	}
}

// TestEndedReviewSessionsLeaveNoGoroutines: a session that opened an
// attempt (n) and then ended, by q, q or by a dropped connection, leaves
// nothing running. Each opened attempt starts the lease's renewal tick
// (10 minutes, tea.Tick); a program that has ended cannot stop it, so
// the tick's goroutine, holding the ended program and its whole screen,
// stays until the timer fires.
func TestEndedReviewSessionsLeaveNoGoroutines(t *testing.T) {
	st := newDemoStore(t, 40)
	key := addReviewer(t, st, "rev-leave", review.RoleReviewer)
	srv, addr := startServer(t, st, Config{SaveGrace: 200 * time.Millisecond})
	openScreenNoCleanup(t, addr, key).close()
	waitUntil(t, "the warm-up session to end", func() bool { return srv.Sessions() == 0 })
	base := settleGoroutines(0, 2*time.Second)

	const sessions = 40
	for i := range sessions {
		c := openScreenNoCleanup(t, addr, key)
		openNext(t, c)
		if i%2 == 0 {
			_ = c.press("q") // back to the queue
			_ = c.press("q") // and out
			_ = c.wait(wait)
		}
		c.close()
	}
	waitUntil(t, "sessions to end", func() bool { return srv.Sessions() == 0 })
	if n := settleGoroutines(base+5, 5*time.Second); n > base+5 {
		t.Fatalf("%d review sessions ended, none open: %d goroutines, %d before; by top frame:\n%s",
			sessions, n, base, goroutineSummary())
	}
}

// newBigEvidenceStore is a small demo program whose submissions each
// hold about size bytes of evidence text in their first part.
func newBigEvidenceStore(t *testing.T, apps, size int) *store.Store {
	t.Helper()
	line := "The group read the passage aloud and each student named one idea.\n"
	big := strings.Repeat(line, size/len(line))
	return newDemoStoreEdited(t, apps, func(recs []review.Record) {
		for _, r := range recs {
			if r.Submission != nil && len(r.Submission.Parts) > 0 {
				r.Submission.Parts[0].Text += "\n" + big
			}
		}
	})
}

// TestEndedReviewSessionsReleaseTheirMemory: one key opening an attempt
// of 1 MB of evidence and hanging up, over and over (never more than one
// session open, well inside every per-key limit), must not make the
// server hold each ended session's screen.
func TestEndedReviewSessionsReleaseTheirMemory(t *testing.T) {
	st := newBigEvidenceStore(t, 12, 1<<20)
	key := addReviewer(t, st, "rev-mem", review.RoleReviewer)
	srv, addr := startServer(t, st, Config{SaveGrace: 200 * time.Millisecond})
	c := openScreenNoCleanup(t, addr, key)
	openNext(t, c)
	c.close()
	waitUntil(t, "the warm-up session to end", func() bool { return srv.Sessions() == 0 })
	base := heapInUse()

	const sessions = 20
	start := time.Now()
	for range sessions {
		c := openScreenNoCleanup(t, addr, key)
		openNext(t, c)
		c.close()
		waitUntil(t, "the session to end", func() bool { return srv.Sessions() == 0 })
	}
	took := time.Since(start)
	settleGoroutines(0, 2*time.Second)
	after := heapInUse()
	grew := int64(after) - int64(base)
	t.Logf("%d sessions in %s; live heap %d MiB -> %d MiB", sessions, took.Round(time.Millisecond), base>>20, after>>20)
	if grew > 16<<20 {
		t.Fatalf("no session open, yet the live heap grew by %d MiB over %d ended sessions (%d KiB each)",
			grew>>20, sessions, grew/sessions>>10)
	}
}

// TestStuckClientHoldsNoGoroutinePerNotice: a client that stops reading
// (its connection kept by keepalives) blocks its program; a lead's
// notices (flag work, claim releases, an import deciding held attempts)
// go on arriving for months. Like queue changes
// (TestStuckClientHoldsOneRefresh), they must not leave a goroutine
// each waiting on the stuck program.
func TestStuckClientHoldsNoGoroutinePerNotice(t *testing.T) {
	st := newDemoStore(t, 20)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	srv, addr := startServer(t, st, Config{})
	stuckClient(t, addr, rev)
	time.Sleep(200 * time.Millisecond)
	base := runtime.NumGoroutine()
	const notices = 500
	for i := range notices {
		srv.hub.notice(review.AttemptNotice{Key: review.AttemptKey{Application: fmt.Sprintf("A-%d", i), Attempt: 1}, Evidence: true})
	}
	time.Sleep(500 * time.Millisecond)
	if n := runtime.NumGoroutine(); n > base+10 {
		t.Fatalf("%d notices with one stuck session: %d goroutines, %d before; by top frame:\n%s", notices, n, base, goroutineSummary())
	}
}

// TestShutdownCyclesLeaveNoGoroutines: a server shut down with a session
// on its review screen leaves nothing running once Shutdown returns and
// the client has gone.
func TestShutdownCyclesLeaveNoGoroutines(t *testing.T) {
	st := newDemoStore(t, 40)
	key := addReviewer(t, st, "rev-shut", review.RoleReviewer)
	cycle := func() {
		srv, ln := newServer(t, st, Config{SaveGrace: 200 * time.Millisecond})
		served := make(chan error, 1)
		go func() { served <- srv.Serve(ln) }()
		c := openScreenNoCleanup(t, ln.Addr().String(), key)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		if err := srv.Shutdown(ctx); err != nil {
			t.Fatal(err)
		}
		cancel()
		if err := <-served; err != nil {
			t.Fatal(err)
		}
		_ = c.wait(wait)
		c.close()
	}
	cycle()
	base := settleGoroutines(0, 2*time.Second)
	for range 2 {
		cycle()
	}
	if n := settleGoroutines(base+5, 5*time.Second); n > base+5 {
		t.Fatalf("2 servers shut down: %d goroutines, %d before:\n%s", n, base, goroutineSummary())
	}
}
