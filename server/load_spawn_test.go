package server

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"assessor/review"
	"assessor/store"
)

// loadClients is the load test's child process running the sessions'
// clients (TestLoadClients), seen from the server's side.
type loadClients struct {
	cmd     *exec.Cmd
	start   io.WriteCloser // closed to start the keys
	lines   chan string    // the protocol lines it prints; closed at its stdout's end
	other   *bytes.Buffer  // everything else on its stdout, once lines is closed
	stderr  *bytes.Buffer
	results string
	cancel  context.CancelFunc
	waited  bool
	cpu     time.Duration // its user and system CPU in all, once finished
}

// startLoadClients writes spec (private keys included) to a 0600 file,
// starts the test binary as the clients' process and returns once every
// session shows its queue.
func startLoadClients(t testing.TB, spec loadSpec) *loadClients {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatalf("load clients: %v", err)
	}
	dir := t.TempDir()
	spec.Results = filepath.Join(dir, "results.json")
	data, err := json.Marshal(spec)
	if err != nil {
		t.Fatal(err)
	}
	specPath := filepath.Join(dir, "spec.json")
	if err := os.WriteFile(specPath, data, 0o600); err != nil {
		t.Fatal(err)
	}
	// The child's own budget stops its sessions; this one stops the child.
	ctx, cancel := context.WithTimeout(context.Background(), loadBudget+time.Minute)
	c := &loadClients{results: spec.Results, cancel: cancel, lines: make(chan string), other: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
	c.cmd = exec.CommandContext(ctx, exe, "-test.run=^TestLoadClients$", "-test.timeout="+(loadBudget+time.Minute).String())
	c.cmd.Env = append(os.Environ(), loadClientsEnv+"="+specPath)
	c.cmd.Stderr = c.stderr
	if c.start, err = c.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		cancel()
		t.Fatalf("load clients: cannot start %s: %v", exe, err)
	}
	t.Cleanup(func() { _ = c.stop(true) })
	go func() {
		defer close(c.lines)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			switch line := sc.Text(); line {
			case loadConnectedLine, loadDoneLine:
				c.lines <- line
			default:
				c.other.WriteString(line + "\n")
			}
		}
		_, _ = io.Copy(c.other, stdout) // past a line too long to scan
	}()
	c.expect(t, loadConnectedLine)
	return c
}

// begin starts every session's keys at once.
func (c *loadClients) begin(t testing.TB) {
	t.Helper()
	if err := c.start.Close(); err != nil {
		t.Fatalf("load clients: start: %v", err)
	}
}

// waitDone returns when the last session has ended.
func (c *loadClients) waitDone(t testing.TB) {
	t.Helper()
	c.expect(t, loadDoneLine)
}

// expect waits for the child to print want, failing with all it printed
// if it ends first.
func (c *loadClients) expect(t testing.TB, want string) {
	t.Helper()
	if line, ok := <-c.lines; !ok || line != want {
		_ = c.stop(ok) // still running if it printed something else
		t.Fatalf("load clients: wanted %q, got %q (%v); stdout:\n%s\nstderr:\n%s", want, line, c.cmd.ProcessState, tail(c.other.String()), tail(c.stderr.String()))
	}
}

// finish waits for the child to exit and returns its results.
func (c *loadClients) finish(t testing.TB) loadOutcome {
	t.Helper()
	if err := c.stop(false); err != nil {
		t.Fatalf("load clients: %v; stdout:\n%s\nstderr:\n%s", err, tail(c.other.String()), tail(c.stderr.String()))
	}
	c.cpu = c.cmd.ProcessState.UserTime() + c.cmd.ProcessState.SystemTime()
	data, err := os.ReadFile(c.results)
	if err != nil {
		t.Fatalf("load clients: %v", err)
	}
	var out loadOutcome
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("load clients: results: %v", err)
	}
	return out
}

// stop waits for the child to exit, killing it first if kill (a test
// that failed while it ran), and returns how it exited.
func (c *loadClients) stop(kill bool) error {
	if c.waited {
		return nil
	}
	c.waited = true
	if kill {
		c.cancel()
	}
	for range c.lines { // Wait closes stdout: read it all first
	}
	err := c.cmd.Wait()
	c.cancel()
	return err
}

// addLoadReviewer registers reviewer id with a new key and returns the
// key's seed, which the clients' process signs with.
func addLoadReviewer(t testing.TB, st *store.Store, id string) []byte {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	key, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(key)))
	if err := st.AddReviewer(review.Reviewer{ID: id, Role: review.RoleReviewer, Keys: []string{line}}); err != nil {
		t.Fatal(err)
	}
	return priv.Seed()
}

// queueCriteria maps every handle in reviewer's queue to its criterion
// ids, which the sessions need and the clients' process cannot read from
// the store this process holds open.
func queueCriteria(t testing.TB, st *store.Store, reviewer string) map[string][]string {
	t.Helper()
	items, err := st.Queue(reviewer, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string][]string, len(items))
	for _, it := range items {
		if out[it.Handle()], err = criteria(st, it.Handle()); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// criteria lists the criterion ids of handle's rubric, as the scoring panel
// shows them (padded to the longest).
func criteria(st *store.Store, handle string) ([]string, error) {
	k, _, err := st.Resolve(handle)
	if err != nil {
		return nil, err
	}
	a, err := st.Attempt(k)
	if err != nil {
		return nil, err
	}
	r, err := st.Rubric(a.Credential, a.RubricVersion)
	if err != nil {
		return nil, err
	}
	w := 0
	for _, c := range r.Criteria {
		w = max(w, len(c.ID))
	}
	ids := make([]string, len(r.Criteria))
	for i, c := range r.Criteria {
		ids[i] = fmt.Sprintf("%-*s", w, c.ID)
	}
	return ids, nil
}
