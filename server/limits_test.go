package server

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"assessor/review"
)

// TestHugeTerminalIsDrawnBounded: a pty of 12000×12000, then a resize to
// 2,000,000×50, costs the server what a MaxWidth×MaxHeight screen costs:
// the screen is told at most that size, and the server allocates little
// while drawing it (unbounded, one 12000×12000 frame is 144M cells and
// gigabytes). Not parallel: it measures the process's allocations.
func TestHugeTerminalIsDrawnBounded(t *testing.T) {
	st := newDemoStore(t, 20)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	_, addr := startServer(t, st, Config{})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	c := openScreen(t, addr, rev, 12000, 12000, "", "rev-1")
	if err := c.sess.WindowChange(50, 2_000_000); err != nil {
		t.Fatal(err)
	}
	m := c.mark()
	if err := c.press("j"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.waitFor(m, wait, "rev-1"); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	got := after.TotalAlloc - before.TotalAlloc
	if got > 256<<20 {
		t.Errorf("drawing for a huge pty allocated %d MiB", got>>20)
	}
	t.Logf("allocated %d MiB while drawing for a 12000×12000 then 2,000,000×50 pty", got>>20)
	// What the screen is told, whatever the client claims.
	ls := &liveSession{}
	for _, in := range []tea.WindowSizeMsg{{Width: 12000, Height: 12000}, {Width: 2_000_000, Height: 50}, {Width: 80, Height: 24}} {
		got := ls.filter(nil, in).(tea.WindowSizeMsg)
		if got.Width != min(in.Width, MaxWidth) || got.Height != min(in.Height, MaxHeight) {
			t.Errorf("%v reaches the screen as %v", in, got)
		}
	}
}

// TestSessionLimits: the sessions past the per-connection limit, and past
// the per-key limit across connections, are refused before they start;
// closing one frees its place.
func TestSessionLimits(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 5)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	_, addr := startServer(t, st, Config{SessionsPerConn: 3, SessionsPerKey: 5})
	connect := func() *gossh.Client { return dialKey(t, addr, rev) }
	a := connect()
	var open []*gossh.Session
	for i := 0; i < 3; i++ {
		s, err := a.NewSession()
		if err != nil {
			t.Fatalf("session %d: %v", i+1, err)
		}
		open = append(open, s)
	}
	if _, err := a.NewSession(); err == nil || !strings.Contains(err.Error(), "too many sessions on one connection (at most 3)") {
		t.Fatalf("4th session on one connection: %v", err)
	}
	b := connect()
	for i := 0; i < 2; i++ {
		if _, err := b.NewSession(); err != nil {
			t.Fatalf("session %d with the key: %v", 4+i, err)
		}
	}
	if _, err := b.NewSession(); err == nil || !strings.Contains(err.Error(), "too many sessions with this key (at most 5)") {
		t.Fatalf("6th session with one key: %v", err)
	}
	open[0].Close()
	waitUntil(t, "a freed place", func() bool {
		s, err := b.NewSession()
		if err == nil {
			s.Close()
		}
		return err == nil
	})
}

// TestClosedChannelEndsItsScreen: a client that closes a session's
// channel but keeps its connection ends that screen, as a dropped
// connection would, so the place it gives back holds nothing: one key
// cannot run screens past its limits by closing channels in turn.
func TestClosedChannelEndsItsScreen(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 5)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	srv, addr := startServer(t, st, Config{SessionsPerConn: 2, SessionsPerKey: 3})
	conn := dialKey(t, addr, rev)
	for i := 1; i <= 4; i++ {
		s, err := conn.NewSession()
		if err != nil {
			t.Fatalf("screen %d: %v", i, err)
		}
		if err := s.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
			t.Fatal(err)
		}
		if err := s.Shell(); err != nil {
			t.Fatal(err)
		}
		waitUntil(t, "the screen running", func() bool { return srv.Sessions() == 1 })
		s.Close() // the channel; the connection stays
		waitUntil(t, "the screen of a closed channel ended", func() bool { return srv.Sessions() == 0 })
	}
}

// TestHandshakeTimeout: a socket that never authenticates is closed after
// the handshake timeout; a reviewer who signed in stays past it.
func TestHandshakeTimeout(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 5)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	// Long enough for a whole handshake under the race detector on a busy
	// machine: the signed-in client below must finish its own within it.
	const timeout = 2 * time.Second
	_, addr := startServer(t, st, Config{HandshakeTimeout: timeout})
	raw, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	_ = raw.SetReadDeadline(time.Now().Add(4 * timeout))
	start := time.Now()
	_, err = io.Copy(io.Discard, raw) // the server's banner, then the close
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("an unauthenticated socket is still open after %s", 4*timeout)
	}
	if took := time.Since(start); took > 3*timeout {
		t.Fatalf("closed after %s", took)
	}
	c := connect(t, addr, rev)
	time.Sleep(timeout + 500*time.Millisecond)
	if err := c.press("j"); err != nil || c.wait(300*time.Millisecond) == nil {
		t.Fatalf("a signed-in session was closed by the handshake timeout: %v", err)
	}
}

// TestIdleTimeout: a signed-in connection that sends and receives nothing
// for Config.IdleTimeout is closed; one in use stays open past it.
func TestIdleTimeout(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 5)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	const idle = time.Second
	_, addr := startServer(t, st, Config{IdleTimeout: idle})
	conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: "reviewer", Auth: []gossh.AuthMethod{gossh.PublicKeys(rev)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), // loopback test server
	})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	closed := make(chan struct{})
	go func() { _ = conn.Wait(); close(closed) }()

	c := connect(t, addr, rev)
	for deadline := time.Now().Add(3 * idle); time.Now().Before(deadline); time.Sleep(idle / 5) {
		if err := c.press("j"); err != nil {
			t.Fatalf("a session in use was closed: %v", err)
		}
	}
	select {
	case <-closed:
	case <-time.After(5 * idle):
		t.Fatal("an idle signed-in connection is still open")
	}
}

// endless is stdin that never ends, counting what was read from it.
type endless struct{ n atomic.Int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	e.n.Add(int64(len(p)))
	return len(p), nil
}

// TestCommandInputCapped: a command reading an endless stdin fails once
// it passes the server's limit, in one line, long before the client is
// done: the client has sent little more than the limit.
func TestCommandInputCapped(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 5)
	admin := addReviewer(t, st, "admin-1", review.RoleAdmin)
	commands := func(_ context.Context, _ review.Reviewer, _ []string, stdin io.Reader, _, _ io.Writer) error {
		_, err := io.ReadAll(stdin)
		return err
	}
	_, addr := startServer(t, st, Config{Commands: commands, MaxInput: 1 << 20})
	conn, sess := commandSession(t, addr, admin)
	defer conn.Close()
	in := &endless{}
	var stderr strings.Builder
	sess.Stdin, sess.Stderr = in, &stderr
	done := make(chan error, 1)
	go func() { done <- sess.Run("import -") }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(stderr.String(), "stdin is over the server's limit of 1 MiB") {
			t.Fatalf("endless stdin: %v %q", err, stderr.String())
		}
	case <-time.After(wait):
		t.Fatalf("still reading after %s (%d bytes)", wait, in.n.Load())
	}
	if n := in.n.Load(); n > 16<<20 {
		t.Errorf("the client sent %d MiB before the refusal", n>>20)
	}
}

// TestStreamingCommandRefusesPty: a command that writes a byte stream
// (export badges -) refuses a terminal, which would corrupt it, as backup
// does, instead of exiting 0 with a mangled tar.
func TestStreamingCommandRefusesPty(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 5)
	lead := addReviewer(t, st, "lead-1", review.RoleLead)
	ran := false
	commands := func(context.Context, review.Reviewer, []string, io.Reader, io.Writer, io.Writer) error {
		ran = true
		return nil
	}
	_, addr := startServer(t, st, Config{Commands: commands})
	for _, cmd := range []string{"export badges -", "export feedback --all -"} {
		c, err := dial(addr, lead, 80, 24, cmd)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.waitFor(0, wait, "without -t"); err != nil {
			t.Errorf("%s with a pty: %v", cmd, err)
		}
		c.close()
	}
	if ran {
		t.Error("a streaming command ran on a terminal")
	}
}

// TestZeroSizedTerminalIsDrawn: a pty that gives no size (ssh -tt from a
// script sends 0×0) gets the screens' default 80×24, as it did before the
// session drew its own frames: no window size ever reaches the program.
func TestZeroSizedTerminalIsDrawn(t *testing.T) {
	st := newDemoStore(t, 20)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	_, addr := startServer(t, st, Config{})
	openScreen(t, addr, rev, 0, 0, "", "rev-1", "pending")
}

// TestResizeBurstKeepsTheSession: a client sending hundreds of
// window-change requests in a row, each a redraw, must not freeze its
// session. The SSH library hands each size over on a channel of one and
// blocks its request loop until it is taken; when the program took them
// one by one, a redraw blocked on the client's SSH window while the
// window's adjustment sat behind the blocked requests, and the session
// never drew, read or ended again.
func TestResizeBurstKeepsTheSession(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 20)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	_, addr := startServer(t, st, Config{})
	c := openScreen(t, addr, rev, 160, 48, "", "rev-1")
	for i := range 300 {
		w, h := 400, 150
		if i%2 == 1 {
			w, h = 100, 30 // large enough that n works whichever size is last drawn
		}
		if err := c.sess.WindowChange(h, w); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.sess.WindowChange(48, 160); err != nil {
		t.Fatal(err)
	}
	openNext(t, c) // the session still reads keys and draws
}

// stuckClient opens the review screen with key at 400×150, reads its
// first frame, then stops reading and resizes until whole redraws fill
// the SSH window: a client that stops reading, whose program blocks in a
// write. The connection closes at the test's end.
func stuckClient(t *testing.T, addr string, key gossh.Signer) *gossh.Session {
	t.Helper()
	conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "reviewer", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: wait})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
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
	// The first frame, then no more reading: no window adjustments. (A
	// resize while the session starts races, in the SSH library, with
	// the session reading its pty's size.)
	var first []byte
	for buf := make([]byte, 4096); !bytes.Contains(first, []byte("rev-1")); {
		n, err := out.Read(buf)
		if err != nil {
			t.Fatalf("before the first frame: %v", err)
		}
		first = append(first, buf[:n]...)
	}
	// Whole redraws for 2 s: a 400×150 frame is large, and the window is
	// full after a few dozen even with the race detector's slower drawing.
	for i := range 400 {
		if err := sess.WindowChange(150, 400-i%2); err != nil {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	return sess
}

// TestShutdownCutsOffAClientThatStopsReading: a client that stops reading
// its screen blocks its session's writes once its SSH window is full, so
// that session can neither save nor end; Shutdown still returns within its
// deadline plus KillWait (serve promises its operator a stop within 10
// seconds), having closed the connection.
func TestShutdownCutsOffAClientThatStopsReading(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 20)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	srv, addr := startServer(t, st, Config{})
	sess := stuckClient(t, addr, rev)
	const deadline = 500 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	start := time.Now()
	err := srv.Shutdown(ctx)
	took := time.Since(start)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Shutdown = %v, want it cut short by its deadline (the session was not stuck)", err)
	}
	if took > deadline+KillWait+time.Second {
		t.Errorf("Shutdown took %s, past its deadline %s plus KillWait %s", took, deadline, KillWait)
	}
	if err := sess.Wait(); err == nil {
		t.Error("the session ended cleanly; want its connection closed")
	}
}

// runKept reports whether draft is start, then a run of w of at least
// what the program reads of the run's first KiB (a short read that waited
// for the client began another), then " zqx" or the end of a full feedback
// field.
func runKept(draft, start string) bool {
	w, ok := strings.CutPrefix(draft, start)
	w, zqx := strings.CutSuffix(w, " zqx")
	full := utf8.RuneCountInString(draft) == review.MaxFeedback
	return ok && strings.Trim(w, "w") == "" && len(w) >= 1024-len("feedback") && (zqx || full)
}

// TestHugePasteIsCut: a paste of 16 MB into the feedback editor is cut
// before the program reads it: the screen says so at once, and the draft
// holds 10,000 characters. So is a run of 16 MB without a space, which no
// terminal sends but a client can: the program reads 1 KiB of it (1 KiB
// more for each short read that had to wait for the client, under load),
// and no more than a feedback field holds. Bubble Tea alone held either whole and
// searched it again after every 256 bytes, minutes of a core for 8 MB.
func TestHugePasteIsCut(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 40)
	start := "the start of a feedback"
	for _, c := range []struct {
		name, input, screen, draft string
	}{
		{"paste", "\x1b[200~" + strings.Repeat("word ", 16<<20/5) + "\x1b[201~", "Feedback holds at most 10000 characters",
			start + strings.Repeat("word ", 10000/5)[:10000-len(start)]},
		// The kept part shows before the rest has arrived, so the test
		// waits for the word after the run (or, had reads waited often,
		// the field's end): its draft holds all the run the program kept.
		// The run began with "feedback", typed before it.
		{"run", strings.Repeat("w", 16<<20) + " zqx", "zqx", start + strings.Repeat("w", 1024-len("feedback")) + " zqx"},
	} {
		key := addReviewer(t, st, "rev-"+c.name, review.RoleReviewer)
		_, addr := startServer(t, st, Config{})
		cl := connect(t, addr, key)
		h := openNext(t, cl)
		typeFeedback(t, cl, h, start)
		m := cl.mark()
		if err := cl.press(c.input); err != nil {
			t.Fatal(err)
		}
		if _, err := cl.waitFor(m, 20*time.Second, c.screen); err != nil {
			if got, _ := cl.textAfter(m); c.name != "run" || !strings.Contains(got, "Feedback holds at most") {
				t.Fatalf("%s of 16 MB: %v", c.name, err)
			}
		}
		cl.close()
		k, _, _ := st.Resolve(h)
		var got string
		for end := time.Now().Add(wait); got != c.draft && time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
			d, _, _ := st.Draft("rev-"+c.name, k)
			got = d.Feedback["C1"]
		}
		if got != c.draft && !(c.name == "run" && runKept(got, start)) {
			t.Errorf("%s: draft of %d characters, %q…%q", c.name, len(got), got[:min(40, len(got))], got[max(0, len(got)-40):])
		}
	}
}

// TestDefaultLimitsAreTheDocumented: `assessor serve` sets no limit of its
// own (Config{}), so the defaults are what every client meets, as
// docs/PERFORMANCE.md states them: 10 sessions a connection (OpenSSH's
// figure), 20 a key, 40 connections a key, 20 s to authenticate, an hour
// idle, 1 GiB + 64 MiB of stdin.
func TestDefaultLimitsAreTheDocumented(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 5)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	srv, addr := startServer(t, st, Config{})
	c := srv.cfg
	if c.HandshakeTimeout != 20*time.Second || c.IdleTimeout != time.Hour || c.ConnsPerKey != 40 || c.MaxInput != 1<<30+64<<20 {
		t.Errorf("defaults: handshake %s, idle %s, %d connections a key, stdin %d bytes", c.HandshakeTimeout, c.IdleTimeout, c.ConnsPerKey, c.MaxInput)
	}
	open := func(conn *gossh.Client, n int) {
		t.Helper()
		for i := 0; i < n; i++ {
			if _, err := conn.NewSession(); err != nil {
				t.Fatalf("session %d: %v", i+1, err)
			}
		}
	}
	a := dialKey(t, addr, rev)
	open(a, 10)
	if _, err := a.NewSession(); err == nil || !strings.Contains(err.Error(), "too many sessions on one connection (at most 10)") {
		t.Fatalf("11th session on one connection: %v", err)
	}
	b := dialKey(t, addr, rev)
	open(b, 10)
	if _, err := dialKey(t, addr, rev).NewSession(); err == nil || !strings.Contains(err.Error(), "too many sessions with this key (at most 20)") {
		t.Fatalf("21st session with one key: %v", err)
	}
}
