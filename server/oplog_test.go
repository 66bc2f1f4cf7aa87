package server

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/log"
	gossh "golang.org/x/crypto/ssh"

	"assessor/review"
)

// okCommands refuses a command the role may not run, as the served
// commands do (cli/remote.go), and runs the others successfully.
func okCommands(_ context.Context, who review.Reviewer, args []string, _ io.Reader, _, _ io.Writer) error {
	if name, p, ok := review.LookupCommand(args); ok {
		return p.Allow(name, who.ID, who.Role)
	}
	return nil
}

// loggedServer serves a demo store whose log the test reads, to an admin
// (admin-1) and a reviewer (rev-1), with commands that refuse as served
// commands do.
func loggedServer(t *testing.T) (addr string, admin, rev signer, logged *syncBuffer) {
	t.Helper()
	st := newDemoStore(t, 10)
	admin = addReviewer(t, st, "admin-1", review.RoleAdmin)
	rev = addReviewer(t, st, "rev-1", review.RoleReviewer)
	logged = &syncBuffer{}
	_, addr = startServer(t, st, Config{Commands: okCommands, Logger: log.New(logged)})
	return addr, admin, rev, logged
}

// TestRefusedBackupIsLogged: docs/operations.md, "The log (stderr) says …
// who ran which command over ssh and whether it failed". A reviewer who
// asks for the backup (the whole store, the identity vault in it) is
// refused, and the log says who tried, from where: it said nothing.
func TestRefusedBackupIsLogged(t *testing.T) {
	t.Parallel()
	addr, _, rev, logged := loggedServer(t)

	if _, stderr, err := runCommand(t, addr, rev, "report"); err == nil {
		t.Fatalf("report ran for a reviewer: %q", stderr)
	}
	_, stderr, err := runCommand(t, addr, rev, "backup")
	if err == nil || !strings.Contains(stderr, "backup is for admins") {
		t.Fatalf("backup for a reviewer: %v %q", err, stderr)
	}
	got := logged.after(0)
	if !strings.Contains(got, "name=report") {
		t.Fatalf("the refused report is not logged:\n%s", got)
	}
	if !strings.Contains(got, "refused reviewer=rev-1 role=reviewer remote=127.0.0.1:") || !strings.Contains(got, "name=backup") {
		t.Errorf("a reviewer's refused backup left no line in the log:\n%s", got)
	}
}

// TestStreamRefusedWithTerminalLogsFailure: `ssh -t HOST export badges -`
// is refused with exit 1 (a terminal would corrupt the bytes), and the log
// says so: it said only that the command ran, which read as a success.
func TestStreamRefusedWithTerminalLogsFailure(t *testing.T) {
	t.Parallel()
	addr, admin, _, logged := loggedServer(t)

	c, err := dial(addr, admin, 80, 24, "export badges -")
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	if err := c.wait(10 * time.Second); err != nil {
		t.Fatal(err)
	}
	if c.exit == nil {
		t.Fatalf("export badges with a terminal exited 0")
	}
	if got := logged.after(0); !strings.Contains(got, "refused reviewer=admin-1") || !strings.Contains(got, `name="export badges"`) {
		t.Errorf("export badges refused with exit 1, but the log does not say so:\n%s", got)
	}
}

// TestRefusedSessionsAreLogged: a command line the server cannot parse, a
// screen the reviewer's role may not open and a screen asked for without a
// terminal each end with exit 1 and a line to the client, and the log
// says who was refused (not what they typed): it said nothing.
func TestRefusedSessionsAreLogged(t *testing.T) {
	t.Parallel()
	addr, _, rev, logged := loggedServer(t)

	for _, tc := range []struct {
		cmd string
		pty bool
	}{
		{`report 'unclosed`, false},
		{`dashboard`, true},
		{``, false}, // the queue, without -t
	} {
		mark := len(logged.after(0))
		w := -1
		if tc.pty {
			w = 80
		}
		c, err := dial(addr, rev, w, 24, tc.cmd)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.wait(10 * time.Second); err != nil {
			t.Fatal(err)
		}
		c.close()
		if c.exit == nil {
			t.Fatalf("%q exited 0", tc.cmd)
		}
		time.Sleep(100 * time.Millisecond)
		if got := logged.after(mark); !strings.Contains(got, "refused reviewer=rev-1") || strings.Contains(got, "unclosed") {
			t.Errorf("%q (pty %v) was refused with exit 1 and the log does not say so (or quotes the line): %q", tc.cmd, tc.pty, got)
		}
	}
}

// TestCommandLogSaysFromWhere: docs/operations.md, "The log (stderr) says
// who signed in, from where …". A command's line and a backup's (the
// whole identity vault leaving) name the remote address, as a screen's
// session start did alone: an operator could not tell where a leaked
// admin key was used from.
func TestCommandLogSaysFromWhere(t *testing.T) {
	t.Parallel()
	addr, admin, _, logged := loggedServer(t)

	if _, stderr, err := runCommand(t, addr, admin, "backup"); err != nil {
		t.Fatalf("backup: %v %q", err, stderr)
	}
	if _, stderr, err := runCommand(t, addr, admin, "report"); err != nil {
		t.Fatalf("report: %v %q", err, stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(logged.after(0)), "\n") {
		if !strings.Contains(line, "remote=127.0.0.1:") {
			t.Errorf("log line without where the admin signed in from: %q", line)
		}
	}
}

// TestRefusedSubsystemIsLogged: docs/operations.md, "The log (stderr) says
// who signed in, from where …", and a session refused "is a `refused`
// line with who, from where". `sftp -P 2222 HOST` and OpenSSH's scp
// (sftp underneath since 9.0: `scp -P 2222 HOST:assessor.db .`) ask for
// the sftp subsystem, which the server refuses: a registered key that
// tried to fetch files this way left not one line in the log.
func TestRefusedSubsystemIsLogged(t *testing.T) {
	t.Parallel()
	addr, _, rev, logged := loggedServer(t)

	conn := dialKey(t, addr, rev)
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Fatal("the sftp subsystem was granted")
	}
	time.Sleep(200 * time.Millisecond)
	if got := logged.after(0); !strings.Contains(got, "refused reviewer=rev-1") || !strings.Contains(got, "remote=127.0.0.1:") {
		t.Errorf("rev-1's refused sftp session left no line with who and from where:\n%q", got)
	}
}

// TestLegacyScpIsRefusedInTheLog: OpenSSH's scp before 9.0, and `scp -O`
// today, ask for no subsystem: they send the command line `scp -f FILE`
// (fetch) or `scp -t DIR` (send). docs/operations.md, "Serve": an `scp`,
// which serve does not offer, is a `refused` line. It was logged as a
// command that ran, `name="(not a command)"`, with no refused line for an
// operator to find a key that tried to copy files.
func TestLegacyScpIsRefusedInTheLog(t *testing.T) {
	t.Parallel()
	addr, admin, _, logged := loggedServer(t)

	for _, cmd := range []string{"scp -f assessor.db", "scp -t ."} {
		mark := len(logged.after(0))
		_, stderr, err := runCommand(t, addr, admin, cmd)
		if err == nil || !strings.Contains(stderr, "scp and sftp are not offered") {
			t.Errorf("%q ran: %v %q", cmd, err, stderr)
		}
		got := waitOutput(t, logged, mark, "the refused line", func(s string) bool { return strings.Contains(s, "refused ") })
		if !strings.Contains(got, "refused reviewer=admin-1") || !strings.Contains(got, `name="(legacy scp)"`) || strings.Contains(got, "command") {
			t.Errorf("%q: the log does not say scp was refused:\n%s", cmd, got)
		}
	}
}

// TestHelpIsNamedInTheLog: the log names the command an ssh user ran
// (docs/operations.md, "Serve"), and `ssh HOST help` and `ssh HOST help
// reveal` are help, which anyone may run: it named them "(not a command)",
// as it names words it does not know.
func TestHelpIsNamedInTheLog(t *testing.T) {
	t.Parallel()
	addr, admin, _, logged := loggedServer(t)

	for _, cmd := range []string{"help", "help reveal"} {
		mark := len(logged.after(0))
		if _, stderr, err := runCommand(t, addr, admin, cmd); err != nil {
			t.Fatalf("%s: %v %q", cmd, err, stderr)
		}
		if got := waitOutput(t, logged, mark, "the command's line", func(s string) bool { return strings.Contains(s, "command ") }); !strings.Contains(got, "name=help ") {
			t.Errorf("%q: the log does not name help:\n%s", cmd, got)
		}
	}
}

// failingReviewers is a reviewerSource whose store can be read once, at
// the server's start, and not after.
type failingReviewers struct{ reads atomic.Int32 }

func (f *failingReviewers) Reviewers() ([]review.Reviewer, error) {
	if f.reads.Add(1) > 1 {
		return nil, errors.New("disk gone")
	}
	return nil, nil
}

func (f *failingReviewers) Reviewer(string) (review.Reviewer, error) {
	return review.Reviewer{}, errors.New("disk gone")
}

// TestFailedKeyLookupIsLogged: a login the store could not check is
// refused, and its log line says from where and with which key, as a
// refused key's line does; it said only the error.
func TestFailedKeyLookupIsLogged(t *testing.T) {
	t.Parallel()
	logged := &syncBuffer{}
	srv, ln := newServer(t, newDemoStore(t, 1), Config{Commands: okCommands, Logger: log.New(logged)})
	srv.keys = newKeyIndex(&failingReviewers{})
	var ticks atomic.Int64 // every lookup finds the index old, and reads again
	srv.keys.now = func() time.Time { return time.Unix(ticks.Add(3600), 0) }
	serveOn(t, srv, ln)
	key, _ := newKey(t)
	conn, err := gossh.Dial("tcp", ln.Addr().String(), &gossh.ClientConfig{User: "r", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second}) // loopback test server
	if err == nil {
		conn.Close()
		t.Fatal("a login the store could not check got in")
	}
	got := waitOutput(t, logged, 0, "the failed lookup's line", func(s string) bool { return strings.Contains(s, "reviewer lookup failed") })
	want := "reviewer lookup failed remote=127.0.0.1:"
	if !strings.Contains(got, want) || !strings.Contains(got, "key=SHA256:") || !strings.Contains(got, "disk gone") {
		t.Errorf("log line wants %q, the key and the error:\n%s", want, got)
	}
}
