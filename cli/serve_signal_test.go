//go:build unix

package cli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// TestServeSignalChild is the serve process TestServeStopsCleanlyOnSignals
// starts and signals: `assessor serve` as the command line runs it, with
// its own signal handling. It does nothing in a normal test run.
func TestServeSignalChild(t *testing.T) {
	db := os.Getenv("ASSESSOR_SERVE_SIGNAL_DB")
	if db == "" {
		t.Skip("run by TestServeStopsCleanlyOnSignals")
	}
	args := []string{"serve", "--listen", "127.0.0.1:0", "--db", db, "--host-key", db + ".hk"}
	if as := os.Getenv("ASSESSOR_SERVE_SIGNAL_AS"); as != "" {
		args = append(args, "--as", as)
	}
	root := New()
	root.SetArgs(args)
	if err := root.ExecuteContext(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestServeStopsCleanlyOnSignals: SIGINT, SIGTERM and SIGHUP (the
// terminal serve runs in closed) each make serve save every open draft,
// close the store and stop (docs/operations.md), exiting 0 and removing
// its sidecar, rather than dying of the signal with the store open.
func TestServeStopsCleanlyOnSignals(t *testing.T) {
	t.Parallel()
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "a.db")
			if _, err := buildDemo(db, 5, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), notifyStderr); err != nil {
				t.Fatal(err)
			}
			cmd, logs, exited := startServeChild(t, db)
			ended := false
			defer func() {
				if !ended {
					_ = cmd.Process.Kill()
					<-exited
				}
			}()
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-exited:
				ended = true
				if err != nil {
					t.Fatalf("serve after %v: %v\n%s", sig, err, logs.String())
				}
			case <-time.After(20 * time.Second):
				t.Fatalf("serve did not stop after %v", sig)
			}
			if !strings.Contains(logs.String(), "stopped") {
				t.Errorf("serve after %v did not say it stopped:\n%s", sig, logs.String())
			}
			if _, err := os.Stat(sidecarPath(db)); !os.IsNotExist(err) {
				t.Errorf("serve after %v left its sidecar: %v", sig, err)
			}
		})
	}
}

// startServeChild starts TestServeSignalChild, `assessor serve` on db in a
// process of its own, and waits until it serves (its sidecar written).
// env is added to its environment; exited says when it ends; logs holds
// its stdout and stderr.
func startServeChild(t *testing.T, db string, env ...string) (cmd *exec.Cmd, logs *bytes.Buffer, exited chan error) {
	t.Helper()
	logs = &bytes.Buffer{}
	cmd, exited = startServeChildTo(t, db, logs, logs, env...)
	return cmd, logs, exited
}

// startServeChildTo is startServeChild with its stdout and stderr (serve's
// log) going where given.
func startServeChildTo(t *testing.T, db string, stdout, stderr io.Writer, env ...string) (*exec.Cmd, chan error) {
	t.Helper()
	exited := make(chan error, 1)
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeSignalChild$", "-test.count=1")
	cmd.Env = append(append(os.Environ(), "ASSESSOR_SERVE_SIGNAL_DB="+db), env...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { exited <- cmd.Wait() }()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if _, ok := readSidecar(db); ok {
			return cmd, exited
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			<-exited
			t.Fatalf("serve never wrote its sidecar:\n%s", stderr)
		}
	}
}

// stopsOnTERM sends serve SIGTERM and fails unless it exits 0 within
// the 10 seconds operations.md promises (and a little for the test).
func stopsOnTERM(t *testing.T, cmd *exec.Cmd, exited chan error) {
	t.Helper()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("serve after SIGTERM: %v", err)
		}
	case <-time.After(12 * time.Second):
		_ = cmd.Process.Kill()
		<-exited
		t.Errorf("serve did not stop within 10 s of SIGTERM")
	}
}

// offerUnknownKey tries to log in to the serve at db's sidecar with a key
// no reviewer holds, which serve logs, and fails unless it is refused
// within wait.
func offerUnknownKey(t *testing.T, db string, wait time.Duration) {
	t.Helper()
	addr, _ := readSidecar(db)
	_, key := signerFile(t, t.TempDir(), "stranger.pub")
	conn, err := net.DialTimeout("tcp", addr, wait)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(wait)) // the handshake's too
	_, _, _, err = gossh.NewClientConn(conn, addr, &gossh.ClientConfig{User: "x", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey()}) // loopback test server
	var ne net.Error
	if err == nil || errors.As(err, &ne) && ne.Timeout() {
		t.Errorf("an unknown key offered to serve: %v, want it refused within %v", err, wait)
	}
}

// TestServeOutlivesItsLogReader: a log reader gone (a service manager's
// logger restarted) costs serve its log lines, not its life: the next
// line killed it with SIGPIPE, drafts unsaved, and a manager counts
// SIGPIPE as a clean exit, so Restart=on-failure left it down. Gone from
// the start, as the permission check's open of a store says its notice
// (its clock ahead), and once serving.
func TestServeOutlivesItsLogReader(t *testing.T) {
	t.Parallel()
	db := storeAhead(t)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	r.Close() // the reader goes
	cmd, exited := startServeChildTo(t, db, io.Discard, w, "ASSESSOR_SERVE_SIGNAL_AS="+demoAdmin)
	offerUnknownKey(t, db, 5*time.Second)
	select {
	case err := <-exited:
		t.Fatalf("serve ended, its log reader gone: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	stopsOnTERM(t, cmd, exited)
}

// TestServeNotHeldByAFullLog: a log that is not read (its pipe full) holds
// up neither serve's start (a store's notice as it opens), nor a login,
// nor the stop that saves drafts: every log call waited on it, so logins
// hung and SIGTERM did not stop serve.
func TestServeNotHeldByAFullLog(t *testing.T) {
	t.Parallel()
	db := storeAhead(t)
	w := fullPipe(t)
	cmd, exited := startServeChildTo(t, db, io.Discard, w, "ASSESSOR_SERVE_SIGNAL_AS="+demoAdmin) // the test's PASS apart
	offerUnknownKey(t, db, 5*time.Second)
	stopsOnTERM(t, cmd, exited)
}

// fullPipe is the write end of a pipe whose read end is held open and
// never read, written full: what a stalled log reader leaves.
func fullPipe(t *testing.T) *os.File {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close(); r.Close() })
	if err := w.SetWriteDeadline(time.Now().Add(200 * time.Millisecond)); err != nil {
		t.Skipf("no write deadline on a pipe here: %v", err)
	}
	for chunk := bytes.Repeat([]byte("x"), 4096); ; {
		if _, err := w.Write(chunk); err != nil {
			break
		}
	}
	_ = w.SetWriteDeadline(time.Time{})
	return w
}

// TestServeStoreNoticeOnce: serve run as someone named opens the store
// twice as it starts (their permission check, then to serve it), and says
// a store's notice (here its clock ahead) once, as every other command
// does (TestStoreNoticeOnce).
func TestServeStoreNoticeOnce(t *testing.T) {
	t.Parallel()
	db := storeAhead(t)
	cmd, logs, exited := startServeChild(t, db, "ASSESSOR_SERVE_SIGNAL_AS="+demoAdmin)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := <-exited; err != nil {
		t.Fatalf("serve: %v\n%s", err, logs)
	}
	if n := strings.Count(logs.String(), clockAheadLine); n != 1 {
		t.Errorf("serve gave the clock's line %d times, want once:\n%s", n, logs)
	}
}
