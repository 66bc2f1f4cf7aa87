package server

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/log"
	"github.com/charmbracelet/x/ansi"
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
	return srv, ln.Addr().String()
}

// termClient is an SSH client with a pty, standing in for a reviewer's
// terminal: it keeps everything the server drew, answers the terminal
// queries a real terminal answers, and waits for text to appear.
type termClient struct {
	conn *gossh.Client
	sess *gossh.Session
	in   io.WriteCloser

	mu      sync.Mutex
	out     []byte
	last    time.Time     // when the newest output arrived
	changed chan struct{} // poked (never blocks) on new output
	ended   chan struct{} // closed when the output stream ends
}

// dial connects as the key's owner and opens a session on a w×h pty (none
// when w is negative) running cmd ("" for the shell, as plain ssh does).
func dial(addr string, signer signer, w, h int, cmd string) (*termClient, error) {
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
	c := &termClient{conn: conn, sess: sess, changed: make(chan struct{}, 1), ended: make(chan struct{})}
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
		_ = sess.Wait() // and stderr, which the session copies itself
		close(c.ended)
	}()
	return c, nil
}

// Write takes output from the server (it is the session's stdout/stderr).
func (c *termClient) Write(p []byte) (int, error) {
	c.mu.Lock()
	c.out = append(c.out, p...)
	c.last = time.Now()
	tail := c.out[max(len(c.out)-len(p)-8, 0):]
	c.mu.Unlock()
	// wish asks for the background colour and primary device attributes
	// before the first frame; a terminal answers, and so do we.
	if bytes.Contains(tail, []byte("\x1b[c")) {
		_, _ = io.WriteString(c.in, "\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\\x1b[?62;22c")
	}
	select {
	case c.changed <- struct{}{}:
	default:
	}
	return len(p), nil
}

// mark is the current end of the output; waits after it see only newer
// frames.
func (c *termClient) mark() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.out)
}

// text is the output after mark with escape sequences removed.
func (c *termClient) text(mark int) (string, time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return ansi.Strip(string(c.out[mark:])), c.last
}

// waitFor waits until every sub appears in the output after mark and
// returns when the output that completed it arrived.
func (c *termClient) waitFor(mark int, timeout time.Duration, subs ...string) (time.Time, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		got, at := c.text(mark)
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
			got, _ = c.text(mark)
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
