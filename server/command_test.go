package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/log"
	gossh "golang.org/x/crypto/ssh"

	"assessor/review"
)

// TestCommandsReachOpenScreens: a command run over SSH (Config.Commands)
// gets the caller's identity, arguments and stdin; its output and a
// one-line error with exit status 1 go back; afterwards a reviewer it
// added logs in at once and an open queue shows what it imported without a
// keystroke. Screens still open as screens.
func TestCommandsReachOpenScreens(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 40)
	admin := addReviewer(t, st, "admin-1", review.RoleAdmin)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	newcomer, newLine := newKey(t)
	creds, err := st.Credentials()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	commands := func(_ context.Context, who review.Reviewer, args []string, stdin io.Reader, stdout, _ io.Writer) error {
		in, _ := io.ReadAll(stdin)
		got = append(got, who.ID+": "+strings.Join(args, " ")+" < "+string(in))
		switch args[0] {
		case "add":
			return st.AddReviewer(review.Reviewer{ID: "rev-new", Role: review.RoleReviewer, Keys: []string{newLine}})
		case "import":
			sub := &review.Submission{Application: "X-1", Credential: creds[0].ID, Attempt: 1,
				SubmittedAt: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
				Parts:       []review.EvidencePart{{Title: "Part 1", Text: "Evidence."}}}
			_, err := st.Import("stdin", []review.Record{{Line: 1, Submission: sub}})
			fmt.Fprintln(stdout, "imported")
			return err
		}
		return errors.New("no such command")
	}
	_, addr := startServer(t, st, Config{Commands: commands})

	c := connect(t, addr, rev)
	before, err := st.Counts()
	if err != nil {
		t.Fatal(err)
	}
	m := c.mark()
	out, stderr, err := runCommand(t, addr, admin, "import -")
	if err != nil || string(out) != "imported\n" {
		t.Fatalf("import: %v %q %q", err, out, stderr)
	}
	if _, err := c.waitFor(m, wait, fmt.Sprintf("%d pending", before.Pending+1)); err != nil {
		t.Fatalf("open queue after the import: %v", err)
	}
	if _, stderr, err := runCommand(t, addr, admin, "nope"); err == nil || stderr != "assessor: no such command\n" {
		t.Fatalf("failing command: %v %q", err, stderr)
	}
	if _, _, err := runCommand(t, addr, admin, "add"); err != nil {
		t.Fatal(err)
	}
	// The key was unknown a moment ago; without the refresh after the
	// command it would be refused for another second.
	connect(t, addr, newcomer)
	if want := "admin-1: import - < ,admin-1: nope < ,admin-1: add < "; strings.Join(got, ",") != want {
		t.Errorf("commands saw %q, want %q", strings.Join(got, ","), want)
	}
	// The queue named as the permission model names it (ssh -t HOST
	// review) is the screen, not a command line.
	openScreen(t, addr, rev, 100, 30, "review", "reviewer rev-1", "pending")
}

// TestCalibrateAndAdjudicateScreens: while serve holds the store, a
// reviewer calibrates over SSH (a program that requires calibration sends
// them there first) and a lead adjudicates; a reviewer gets no
// adjudication screen.
func TestCalibrateAndAdjudicateScreens(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 40)
	lead := addReviewer(t, st, "lead-1", review.RoleLead)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	example := calibrationExample(t, st, "lead-1")
	_, addr := startServer(t, st, Config{})

	openScreen(t, addr, rev, 120, 40, "calibrate", "calibration", example.Handle)
	if _, stderr, err := runCommand(t, addr, rev, "adjudicate"); err == nil || !strings.Contains(stderr, "adjudicate is for leads and admins") {
		t.Fatalf("reviewer's adjudicate: %v %q", err, stderr)
	}
	openScreen(t, addr, lead, 120, 40, "adjudicate", "Adjudication", "attempts whose two blind reviews disagree")
}

// TestCommandInputCutByDrop: a connection that drops in the middle of a
// command's stdin ends it like a finished input would; the command must
// see an error, not a whole (shorter) file. A client that ends its input
// properly gets it whole.
func TestCommandInputCutByDrop(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 5)
	admin := addReviewer(t, st, "admin-1", review.RoleAdmin)
	type read struct {
		data string
		err  error
	}
	got := make(chan read, 2)
	arrived := make(chan struct{}, 2) // one per command, on its first bytes
	commands := func(_ context.Context, _ review.Reviewer, _ []string, stdin io.Reader, _, _ io.Writer) error {
		b, err := io.ReadAll(&firstRead{r: stdin, arrived: arrived})
		got <- read{string(b), err}
		return err
	}
	_, addr := startServer(t, st, Config{Commands: commands})

	if out, stderr, err := runCommandInput(t, addr, admin, "import -", "line 1\nline 2\n"); err != nil {
		t.Fatalf("whole input: %v %q %q", err, out, stderr)
	}
	if r := <-got; r.err != nil || r.data != "line 1\nline 2\n" {
		t.Fatalf("whole input read as %q, %v", r.data, r.err)
	}
	<-arrived
	// A dropped connection, then a channel closed on a connection that
	// stays (a client's ssh killed under a shared connection).
	for _, drop := range []struct {
		conn bool
		why  string
	}{{true, "the connection dropped"}, {false, "the session's channel closed"}} {
		dropCommandInput(t, addr, admin, "import -", "line 1\n", arrived, drop.conn)
		select {
		case r := <-got:
			if !errors.Is(r.err, ErrInputCut) || !strings.HasPrefix(r.err.Error(), drop.why+" before the end of stdin") {
				t.Fatalf("cut input read as %q, %v; want ErrInputCut, for %s", r.data, r.err, drop.why)
			}
		case <-time.After(wait):
			t.Fatal("the command never finished reading")
		}
	}
}

// firstRead is r that signals on arrived when its first bytes are read.
type firstRead struct {
	r       io.Reader
	arrived chan<- struct{}
	seen    bool
}

// Read reads from r and signals the first time it returns bytes.
func (f *firstRead) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if n > 0 && !f.seen {
		f.seen = true
		f.arrived <- struct{}{}
	}
	return n, err
}

// runCommandInput runs cmd with stdin as a client that ends its input
// properly, and returns its stdout and stderr.
func runCommandInput(t *testing.T, addr string, key signer, cmd, stdin string) ([]byte, string, error) {
	t.Helper()
	conn, sess := commandSession(t, addr, key)
	defer conn.Close()
	var stderr strings.Builder
	sess.Stdin, sess.Stderr = strings.NewReader(stdin), &stderr
	out, err := sess.Output(cmd)
	return out, stderr.String(), err
}

// dropCommandInput runs cmd, writes stdin, waits until the command has
// read its first bytes (arrived), and then closes the connection without
// ending the input, as a broken network would, or, without conn, only the
// session's channel.
func dropCommandInput(t *testing.T, addr string, key signer, cmd, stdin string, arrived <-chan struct{}, dropConn bool) {
	t.Helper()
	conn, sess := commandSession(t, addr, key)
	if dropConn {
		defer conn.Close()
	} else {
		defer sess.Close()
		t.Cleanup(func() { conn.Close() })
	}
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Start(cmd); err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(in, stdin); err != nil {
		t.Fatal(err)
	}
	select {
	case <-arrived:
	case <-time.After(wait):
		t.Fatal("the command never read the input's first bytes")
	}
}

// commandSession dials the server as key and opens one session; the caller
// closes the connection.
func commandSession(t *testing.T, addr string, key signer) (*gossh.Client, *gossh.Session) {
	t.Helper()
	conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            "admin",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), // loopback test server
		Timeout:         10 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := conn.NewSession()
	if err != nil {
		conn.Close()
		t.Fatal(err)
	}
	return conn, sess
}

// TestCommandDuringShutdownLogsNoError: a command still running when the
// server stops finds the store closed as it ends; rereading the keys then
// is no error to log, since the server is stopping.
func TestCommandDuringShutdownLogsNoError(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 10)
	admin := addReviewer(t, st, "admin-1", review.RoleAdmin)
	commands := func(context.Context, review.Reviewer, []string, io.Reader, io.Writer, io.Writer) error {
		return st.Close() // as serve's shutdown closes it under a running command
	}
	var logged syncBuffer
	_, addr := startServer(t, st, Config{Commands: commands, Logger: log.New(&logged)})
	if _, stderr, err := runCommand(t, addr, admin, "report"); err != nil {
		t.Fatalf("report: %v %q", err, stderr)
	}
	if strings.Contains(logged.after(0), "read reviewers") {
		t.Errorf("the closed store was logged as an error:\n%s", logged.after(0))
	}
}

// TestCommandLogNamesNoArguments: the server's log says who ran which
// command, and holds none of its arguments, which may name a candidate,
// nor the errors that quote them.
func TestCommandLogNamesNoArguments(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 10)
	lead := addReviewer(t, st, "lead-1", review.RoleLead)
	commands := func(_ context.Context, _ review.Reviewer, args []string, _ io.Reader, _, _ io.Writer) error {
		if args[0] == "reveal" { // fails, quoting what was typed, as commands do
			return fmt.Errorf("no application or handle %q", args[1])
		}
		return nil
	}
	var logged syncBuffer
	_, addr := startServer(t, st, Config{Commands: commands, Logger: log.New(&logged)})
	if _, stderr, err := runCommand(t, addr, lead, `amend DF-YA97 --feedback C1="Dana Ruiz wrote to dana@example.org" --reason "her name"`); err != nil {
		t.Fatalf("amend: %v %q", err, stderr)
	}
	if _, stderr, _ := runCommand(t, addr, lead, `reveal "Dana Ruiz" --reason x`); !strings.Contains(stderr, "Dana Ruiz") {
		t.Fatalf("reveal's error: %q", stderr)
	}
	runCommand(t, addr, lead, `Reveal dana@example.org`) // no such command: its words are not one
	got := logged.after(0)
	if !strings.Contains(got, "reviewer=lead-1") || !strings.Contains(got, "name=amend") {
		t.Errorf("the log does not say who ran what:\n%s", got)
	}
	for _, word := range []string{"Dana", "dana@", "DF-YA97", "her name"} {
		if strings.Contains(got, word) {
			t.Errorf("the log holds %q:\n%s", word, got)
		}
	}
}
