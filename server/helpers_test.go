package server

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/log"
	"github.com/charmbracelet/x/ansi/parser"
	gossh "golang.org/x/crypto/ssh"

	"assessor/demo"
	"assessor/review"
	"assessor/rubrics"
	"assessor/store"
)

// newDemoStore is a store holding the bundled rubrics and a synthetic
// program of apps applications (320 give 79 pending attempts, 3000 give
// about 620).
func newDemoStore(t testing.TB, apps int) *store.Store {
	t.Helper()
	return newDemoStoreEdited(t, apps, nil)
}

// newDemoStoreEdited is newDemoStore with edit, when given, run over the
// program's records before they are imported.
func newDemoStoreEdited(t testing.TB, apps int, edit func([]review.Record)) *store.Store {
	t.Helper()
	rs, err := rubrics.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "serve.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, r := range rs {
		if _, err := st.AddRubric(r); err != nil {
			t.Fatal(err)
		}
	}
	recs := demo.Records(rs, demo.Options{Seed: 1, Applications: apps, Now: time.Now().UTC()})
	if edit != nil {
		edit(recs)
	}
	if _, err := st.Import("demo", recs); err != nil {
		t.Fatal(err)
	}
	return st
}

// newKey makes an ed25519 client key and its authorized_keys line.
func newKey(t testing.TB) (gossh.Signer, string) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return signer, strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey())))
}

// addReviewer registers id with a new key and returns the key.
func addReviewer(t testing.TB, st *store.Store, id string, role review.Role) signer {
	t.Helper()
	signer, line := newKey(t)
	if err := st.AddReviewer(review.Reviewer{ID: id, Role: role, Keys: []string{line}}); err != nil {
		t.Fatal(err)
	}
	return signer
}

// startServer serves st on a loopback port until the test ends.
func startServer(t testing.TB, st *store.Store, cfg Config) (*Server, string) {
	t.Helper()
	srv, ln := newServer(t, st, cfg)
	serveOn(t, srv, ln)
	return srv, ln.Addr().String()
}

// serveOn serves srv on ln until the test ends.
func serveOn(t testing.TB, srv *Server, ln net.Listener) {
	t.Helper()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		if err := <-served; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
}

// newServer is a server over st (a temporary host key, logs discarded,
// unless cfg says otherwise) and a loopback listener for it, not served.
func newServer(t testing.TB, st *store.Store, cfg Config) (*Server, net.Listener) {
	t.Helper()
	cfg.Store = st
	if cfg.HostKeyPath == "" {
		cfg.HostKeyPath = filepath.Join(t.TempDir(), HostKeyName)
	}
	if cfg.Logger == nil {
		cfg.Logger = log.New(io.Discard)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return srv, ln
}

// termClient is an SSH client with a pty, standing in for a reviewer's
// terminal: it keeps everything the server drew, answers the terminal
// queries a real terminal answers, and waits for text to appear.
type termClient struct {
	conn   *gossh.Client
	sess   *gossh.Session
	in     io.WriteCloser
	silent bool // answers no query: a terminal whose answer comes late, or never

	mu      sync.Mutex
	out     []byte        // everything the server wrote
	text    []byte        // out without escape sequences, as ansi.Strip leaves it
	strip   stripper      // takes out's escape sequences out as they arrive
	last    time.Time     // when the newest output arrived
	changed chan struct{} // poked (never blocks) on new output
	ended   chan struct{} // closed when the output stream ends
	exit    error         // the session's end (nil: exit 0), once ended is closed
}

// dial connects as the key's owner and opens a session on a w×h pty (none
// when w is negative) running cmd ("" for the shell, as plain ssh does).
func dial(addr string, signer signer, w, h int, cmd string) (*termClient, error) {
	return dialAs(newTermClient(), addr, signer, w, h, cmd)
}

// dialAs is dial with the client c, not yet connected.
func dialAs(c *termClient, addr string, signer signer, w, h int, cmd string) (*termClient, error) {
	conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            "reviewer",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), // loopback test server
		Timeout:         10 * time.Second,
	})
	if err != nil {
		return nil, err
	}
	sess, err := conn.NewSession()
	if err != nil {
		conn.Close()
		return nil, err
	}
	c.conn, c.sess = conn, sess
	if c.in, err = sess.StdinPipe(); err != nil {
		conn.Close()
		return nil, err
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		conn.Close()
		return nil, err
	}
	sess.Stderr = c
	if w >= 0 {
		if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
			conn.Close()
			return nil, err
		}
	}
	if cmd == "" {
		err = sess.Shell()
	} else {
		err = sess.Start(cmd)
	}
	if err != nil {
		conn.Close()
		return nil, err
	}
	go func() {
		_, _ = io.Copy(c, stdout)
		c.exit = sess.Wait() // and stderr, which the session copies itself
		close(c.ended)
	}()
	return c, nil
}

// newTermClient is a client not yet connected.
func newTermClient() *termClient {
	return &termClient{changed: make(chan struct{}, 1), ended: make(chan struct{})}
}

// stripper is ansi.Strip for output that arrives in pieces: its state
// carries a sequence or rune cut between two writes over to the next.
// Stripping all the output after a mark again on every write was a fifth
// of the load test's clients' CPU, taken from the server they share the
// machine with; ansi.Parser, which keeps its state too, costs more than
// that for the sequences and parameters it collects.
type stripper struct {
	state  parser.State
	ri, rw int // bytes of a multi-byte rune read, and its length
}

// append appends p's text to dst, as ansi.Strip does in one string.
func (s *stripper) append(dst, p []byte) []byte {
	for _, b := range p {
		if s.state == parser.Utf8State {
			dst = append(dst, b)
			if s.ri++; s.ri < s.rw {
				continue
			}
			s.state, s.ri, s.rw = parser.GroundState, 0, 0
			continue
		}
		state, action := parser.Table.Transition(s.state, b)
		switch action {
		case parser.CollectAction:
			if state == parser.Utf8State {
				s.rw = runeLen(b)
				dst = append(dst, b)
				s.ri++
			}
		case parser.PrintAction, parser.ExecuteAction:
			dst = append(dst, b)
		}
		s.state = state
	}
	return dst
}

// runeLen is the length of the UTF-8 sequence lead byte b starts, -1 for
// a byte that starts none (ansi's own rule).
func runeLen(b byte) int {
	switch {
	case b < 0x80:
		return 1
	case b >= 0xc0 && b < 0xe0:
		return 2
	case b >= 0xe0 && b < 0xf0:
		return 3
	case b >= 0xf0 && b < 0xf8:
		return 4
	}
	return -1
}

// queryDA1 asks a terminal for its primary device attributes.
const queryDA1 = "\x1b[c"

// Write takes output from the server (it is the session's stdout/stderr).
func (c *termClient) Write(p []byte) (int, error) {
	c.mu.Lock()
	c.out = append(c.out, p...)
	c.text = c.strip.append(c.text, p)
	c.last = time.Now()
	// The query may be cut between two writes: look at the new bytes and
	// the two before them, which hold no whole query, so one answered
	// after the last write is not answered again (the program would read
	// the second answer as keys: r reloaded every session's queue).
	tail := c.out[max(len(c.out)-len(p)-(len(queryDA1)-1), 0):]
	c.mu.Unlock()
	// wish asks for the background colour and primary device attributes
	// before the first frame; a terminal answers, and so do we.
	if !c.silent && bytes.Contains(tail, []byte(queryDA1)) {
		_, _ = io.WriteString(c.in, "\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\\x1b[?62;22c")
	}
	select {
	case c.changed <- struct{}{}:
	default:
	}
	return len(p), nil
}

// countReceived starts counting the bytes the server sends; the func it
// returns stores the count in res (for the load test, deferred).
func (c *termClient) countReceived(res *loadResult) func() {
	c.mu.Lock()
	from := len(c.out)
	c.mu.Unlock()
	return func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		res.Received = len(c.out) - from
	}
}

// mark is the current end of the output's text; waits after it see only
// newer frames.
func (c *termClient) mark() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.text)
}

// textAfter is the output's text after mark: the output with escape
// sequences removed.
func (c *termClient) textAfter(mark int) (string, time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return string(c.text[mark:]), c.last
}

// waitFor waits until every sub appears in the output after mark and
// returns when the output that completed it arrived.
func (c *termClient) waitFor(mark int, timeout time.Duration, subs ...string) (time.Time, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		got, at := c.textAfter(mark)
		missing := ""
		for _, s := range subs {
			if !strings.Contains(got, s) {
				missing = s
				break
			}
		}
		if missing == "" {
			return at, nil
		}
		select {
		case <-c.changed:
		case <-c.ended:
			got, _ = c.textAfter(mark)
			return time.Time{}, fmt.Errorf("session ended waiting for %q; output after mark:\n%s", missing, tail(got))
		case <-deadline.C:
			return time.Time{}, fmt.Errorf("timed out after %s waiting for %q; output after mark:\n%s", timeout, missing, tail(got))
		}
	}
}

// press types keys (bytes as a terminal sends them: "\x03" is ctrl+c).
func (c *termClient) press(keys string) error {
	_, err := io.WriteString(c.in, keys)
	return err
}

// do presses keys and waits for subs, returning the key-to-screen latency.
func (c *termClient) do(keys string, timeout time.Duration, subs ...string) (time.Duration, error) {
	m := c.mark()
	start := time.Now()
	if err := c.press(keys); err != nil {
		return 0, err
	}
	at, err := c.waitFor(m, timeout, subs...)
	return at.Sub(start), err
}

// wait waits for the session to end (the server closed it).
func (c *termClient) wait(timeout time.Duration) error {
	select {
	case <-c.ended:
		return nil
	case <-time.After(timeout):
		return fmt.Errorf("session still open after %s", timeout)
	}
}

// close drops the connection, as a closed laptop lid would.
func (c *termClient) close() { c.conn.Close() }

// tail keeps error messages readable.
func tail(s string) string {
	if len(s) > 3000 {
		return "…" + s[len(s)-3000:]
	}
	return s
}

// signer is a client's private key.
type signer = gossh.Signer

// dialKey is a loopback connection signed in with key.
func dialKey(t *testing.T, addr string, key signer) *gossh.Client {
	t.Helper()
	conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "r", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second}) // loopback test server
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// calibrationExample makes the first decided attempt of st a calibration
// example, added by lead.
func calibrationExample(t *testing.T, st *store.Store, lead string) review.CalibrationExample {
	t.Helper()
	apps, err := st.Applications()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range apps {
		if a.LastOutcome != "" {
			ex, err := st.AddCalibrationExample(lead, review.AttemptKey{Application: a.ID, Attempt: a.Attempts}, nil)
			if err != nil {
				t.Fatal(err)
			}
			return ex
		}
	}
	t.Fatal("no decided attempt in the demo store")
	return review.CalibrationExample{}
}

// holdWriter holds st's one writer inside a transaction that will change
// nothing, until release is called (at the latest when the test ends):
// writes made meanwhile wait, as behind a busy disk.
func holdWriter(t *testing.T, st *store.Store, admin string) (release func()) {
	t.Helper()
	holding, let := make(chan struct{}), make(chan struct{})
	held := make(chan error, 1)
	go func() {
		_, err := st.ChangeReviewer("", admin, func(*review.Reviewer, bool, []review.Reviewer) error {
			close(holding)
			<-let
			return errors.New("held")
		}, nil)
		held <- err
	}()
	<-holding
	var once sync.Once
	release = func() { once.Do(func() { close(let); <-held }) }
	t.Cleanup(release)
	return release
}
