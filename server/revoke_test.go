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

// TestRemovedKeyEndsSessions: when an admin removes a reviewer over ssh,
// the reviewer's open session (holding a claim) ends at once with a
// notice, the claim is back in the queue, and the key fails at its next
// login; removing one key of another reviewer does the same for that key
// only.
func TestRemovedKeyEndsSessions(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 40)
	admin := addReviewer(t, st, "admin-1", review.RoleAdmin)
	gone := addReviewer(t, st, "rev-gone", review.RoleReviewer)
	two := addReviewer(t, st, "rev-two", review.RoleReviewer)
	second, secondLine := newKey(t)
	r, err := st.Reviewer("rev-two")
	if err != nil {
		t.Fatal(err)
	}
	r.Keys = append(r.Keys, secondLine)
	if err := st.AddReviewer(r); err != nil {
		t.Fatal(err)
	}
	fp := gossh.FingerprintSHA256(two.PublicKey())
	commands := func(_ context.Context, who review.Reviewer, args []string, _ io.Reader, _, _ io.Writer) error {
		switch strings.Join(args, " ") {
		case "reviewers remove rev-gone":
			_, err := st.RemoveReviewer(who.ID, "rev-gone", "left the program")
			return err
		case "reviewers keys remove rev-two":
			_, err := st.RemoveReviewerKey(who.ID, "rev-two", fp, func(line string) bool {
				pk, _, _, _, err := gossh.ParseAuthorizedKey([]byte(line))
				return err == nil && gossh.FingerprintSHA256(pk) == fp
			}, "lost laptop")
			return err
		}
		return nil
	}
	_, addr := startServer(t, st, Config{Commands: commands})

	c := connect(t, addr, gone)
	handle := openNext(t, c)
	other := connect(t, addr, second) // rev-two's other key: stays
	m := c.mark()
	if _, stderr, err := runCommand(t, addr, admin, "reviewers remove rev-gone"); err != nil {
		t.Fatalf("remove: %v %q", err, stderr)
	}
	if err := c.wait(wait); err != nil {
		t.Fatalf("the removed reviewer's session: %v", err)
	}
	if out, _ := c.textAfter(m); !strings.Contains(out, noticeRevoked) {
		t.Errorf("no notice at the end of the session: %q", tail(out))
	}
	if _, err := dial(addr, gone, 80, 24, ""); err == nil || !strings.Contains(err.Error(), "unable to authenticate") {
		t.Fatalf("removed key logs in again: %v", err)
	}
	q, err := st.Queue("admin-1", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range q {
		if it.Handle() == handle {
			found = true
			if it.Claimed {
				t.Errorf("%s still claimed after its reviewer was removed", handle)
			}
		}
	}
	if !found {
		t.Errorf("%s is not back in the queue", handle)
	}

	kept := connect(t, addr, two)
	if _, stderr, err := runCommand(t, addr, admin, "reviewers keys remove rev-two"); err != nil {
		t.Fatalf("remove key: %v %q", err, stderr)
	}
	if err := kept.wait(wait); err != nil {
		t.Fatalf("the removed key's session: %v", err)
	}
	if _, err := dial(addr, two, 80, 24, ""); err == nil {
		t.Fatal("removed key logs in again")
	}
	if err := other.press("j"); err != nil || other.wait(300*time.Millisecond) == nil {
		t.Fatalf("the other key's session ended: %v", err)
	}
}

// TestRemovedKeyEndsCommands: a command in flight under a key that is
// then removed (here an import still reading its stdin) ends at once with
// the notice and exit status 1, and the command sees its input as cut
// short, never as a whole file.
func TestRemovedKeyEndsCommands(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 10)
	admin := addReviewer(t, st, "admin-1", review.RoleAdmin)
	gone := addReviewer(t, st, "admin-gone", review.RoleAdmin)
	imp := newReadingImport()
	commands := func(_ context.Context, who review.Reviewer, args []string, stdin io.Reader, _, _ io.Writer) error {
		switch strings.Join(args, " ") {
		case "reviewers remove admin-gone":
			_, err := st.RemoveReviewer(who.ID, "admin-gone", "left the program")
			return err
		case "import -":
			return imp.run(stdin)
		}
		return nil
	}
	_, addr := startServer(t, st, Config{Commands: commands})
	running := imp.start(t, addr, gone)
	if _, stderr, err := runCommand(t, addr, admin, "reviewers remove admin-gone"); err != nil {
		t.Fatalf("remove: %v %q", err, stderr)
	}
	running.requireStopped(t, imp, noticeRevoked, "the server stopped the command (its key was removed) before the end of stdin")
}

// TestShutdownStopsCommands: a command in flight when the server shuts
// down (an import still reading its stdin) ends with a line saying so and
// exit status 1, its input seen as cut short; the client read only that
// the connection closed. Shutdown returns only once the command has, so
// the log says how it ended: an import still unwinding when serve closed
// the store and exited logged nothing.
func TestShutdownStopsCommands(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 10)
	admin := addReviewer(t, st, "admin-1", review.RoleAdmin)
	imp := newReadingImport()
	commands := func(_ context.Context, _ review.Reviewer, _ []string, stdin io.Reader, _, _ io.Writer) error {
		err := imp.run(stdin)
		time.Sleep(linger + time.Second/2) // rolling back what it had read
		return err
	}
	logged := &syncBuffer{}
	srv, addr := startServer(t, st, Config{Commands: commands, Logger: log.New(logged)})
	running := imp.start(t, addr, admin)
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	shut := make(chan error, 1)
	go func() { shut <- srv.Shutdown(ctx) }()
	running.requireStopped(t, imp, noticeShutdown, "the server stopped the command (shutting down) before the end of stdin")
	if err := <-shut; err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if got := logged.after(0); !strings.Contains(got, "command failed reviewer=admin-1") {
		t.Errorf("Shutdown returned before the stopped command logged its end:\n%s", got)
	}
}

// TestShutdownRefusesNewCommands: a command started on a connection
// already open when shutdown began (a second channel of ssh's
// ControlMaster) is refused in one line, as a screen started then is: it
// ran unstopped, and Shutdown returned (the store closed, serve exited)
// while it was still unwinding, without a line saying how it ended.
func TestShutdownRefusesNewCommands(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 10)
	admin := addReviewer(t, st, "admin-1", review.RoleAdmin)
	imp := newReadingImport()
	var ran atomic.Bool
	commands := func(_ context.Context, _ review.Reviewer, _ []string, stdin io.Reader, _, _ io.Writer) error {
		ran.Store(true)
		err := imp.run(stdin)
		time.Sleep(linger + time.Second/2) // rolling back what it had read
		return err
	}
	logged := &syncBuffer{}
	srv, addr := startServer(t, st, Config{Commands: commands, Logger: log.New(logged)})
	conn, sess := commandSession(t, addr, admin) // signed in before the shutdown
	defer conn.Close()

	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	shut := make(chan error, 1)
	go func() { shut <- srv.Shutdown(ctx) }()
	for !strings.Contains(logged.after(0), "shutting down") {
		time.Sleep(10 * time.Millisecond)
	}

	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	sess.Stderr = &stderr
	if err := sess.Start("import -"); err != nil {
		t.Fatal(err)
	}
	_, _ = io.WriteString(in, "{\"ty")
	done := make(chan error, 1)
	go func() { done <- sess.Wait() }()

	if err := <-shut; err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if ran.Load() {
		t.Errorf("a command started during shutdown ran:\n%s", logged.after(0))
	}
	select {
	case <-done:
	case <-time.After(wait):
		t.Fatal("the command's session never ended")
	}
	if !strings.Contains(stderr.String(), noticeShutdownBefore) {
		t.Errorf("the command started during shutdown read %q, want it told the server is shutting down", stderr.String())
	}
}

// readingImport is a command that reads its stdin to the end, as an
// import does: reading closes once it has its first bytes, and got says
// how its input ended.
type readingImport struct {
	reading chan struct{}
	got     chan error
}

func newReadingImport() *readingImport {
	return &readingImport{reading: make(chan struct{}), got: make(chan error, 1)}
}

// run is the command's body.
func (r *readingImport) run(stdin io.Reader) error {
	if _, err := io.ReadFull(stdin, make([]byte, 4)); err != nil {
		r.got <- err
		return err
	}
	close(r.reading)
	_, err := io.ReadAll(stdin)
	r.got <- err
	return err
}

// runningImport is "import -" started over ssh, its stdin still open.
type runningImport struct {
	done   chan error // the session's end
	stderr *strings.Builder
}

// start runs "import -" as key's owner and returns once the command has
// read the first bytes of its input.
func (r *readingImport) start(t *testing.T, addr string, key signer) runningImport {
	t.Helper()
	conn, sess := commandSession(t, addr, key)
	t.Cleanup(func() { conn.Close() })
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	ri := runningImport{done: make(chan error, 1), stderr: &strings.Builder{}}
	sess.Stderr = ri.stderr
	if err := sess.Start("import -"); err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(in, "{\"ty"); err != nil {
		t.Fatal(err)
	}
	select {
	case <-r.reading:
	case <-time.After(wait):
		t.Fatal("the import never read its first bytes")
	}
	go func() { ri.done <- sess.Wait() }()
	return ri
}

// requireStopped checks that the import ended with exit status 1 and
// notice on stderr, and that the command saw its input cut short, told
// why as cut says (what the server logs).
func (ri runningImport) requireStopped(t *testing.T, r *readingImport, notice, cut string) {
	t.Helper()
	select {
	case err := <-ri.done:
		var exit *gossh.ExitError
		if !errors.As(err, &exit) || exit.ExitStatus() != 1 {
			t.Errorf("the command ended with %v, want exit status 1", err)
		}
	case <-time.After(wait):
		t.Fatal("the command is still running")
	}
	if !strings.Contains(ri.stderr.String(), notice) {
		t.Errorf("stderr %q lacks %q", ri.stderr.String(), notice)
	}
	select {
	case err := <-r.got:
		if !errors.Is(err, ErrInputCut) || !strings.HasPrefix(err.Error(), cut) {
			t.Errorf("the import read its input's end as %v, want ErrInputCut starting %q", err, cut)
		}
	case <-time.After(wait):
		t.Fatal("the import never saw its input end")
	}
}

// TestRoleChangeEndsSessions: when an admin gives a lead another role, the
// lead's open dashboard ends at once with a notice (it would go on reading
// leads' figures), as does a command in flight; a key added to a reviewer
// leaves that reviewer's session open.
func TestRoleChangeEndsSessions(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 40)
	admin := addReviewer(t, st, "admin-1", review.RoleAdmin)
	lead := addReviewer(t, st, "lead-1", review.RoleLead)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	_, newLine := newKey(t)
	inFlight := make(chan struct{})
	commands := func(ctx context.Context, who review.Reviewer, args []string, _ io.Reader, _, _ io.Writer) error {
		change := func(id string, f func(*review.Reviewer)) error {
			r, err := st.Reviewer(id)
			if err != nil {
				return err
			}
			f(&r)
			return st.AddReviewer(r)
		}
		switch strings.Join(args, " ") {
		case "reviewers add lead-1 --role reviewer":
			return change("lead-1", func(r *review.Reviewer) { r.Role = review.RoleReviewer })
		case "reviewers add rev-1 --key -":
			return change("rev-1", func(r *review.Reviewer) { r.Keys = append(r.Keys, newLine) })
		case "report":
			close(inFlight)
			<-ctx.Done() // a long report, cut short
			return context.Cause(ctx)
		}
		return nil
	}
	_, addr := startServer(t, st, Config{Commands: commands})

	dash := openScreen(t, addr, lead, 120, 40, "dashboard", "Credentials")
	reviewing := connect(t, addr, rev)
	reportErr := make(chan string, 1)
	go func() {
		_, stderr, _ := runCommand(t, addr, lead, "report")
		reportErr <- stderr
	}()
	<-inFlight
	if _, stderr, err := runCommand(t, addr, admin, "reviewers add rev-1 --key -"); err != nil {
		t.Fatalf("add a key: %v %q", err, stderr)
	}
	m := dash.mark()
	if _, stderr, err := runCommand(t, addr, admin, "reviewers add lead-1 --role reviewer"); err != nil {
		t.Fatalf("change the role: %v %q", err, stderr)
	}
	if err := dash.wait(wait); err != nil {
		t.Fatalf("the demoted lead's dashboard: %v", err)
	}
	if out, _ := dash.textAfter(m); !strings.Contains(out, noticeChanged) {
		t.Errorf("no notice at the end of the dashboard: %q", tail(out))
	}
	select {
	case stderr := <-reportErr:
		// The notice, or the command's own error, which says why: the
		// two race to the client, and the first one ends the command.
		if !strings.Contains(stderr, noticeChanged) && !strings.Contains(stderr, "the server stopped the command (its role or conflicts changed)") {
			t.Errorf("the report in flight ended with %q", stderr)
		}
	case <-time.After(wait):
		t.Fatal("the demoted lead's report in flight goes on")
	}
	if err := reviewing.press("j"); err != nil || reviewing.wait(300*time.Millisecond) == nil {
		t.Fatalf("a key added to rev-1 ended rev-1's session: %v", err)
	}
}
