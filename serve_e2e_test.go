package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"assessor/store"
)

// These tests drive `assessor serve` with the real OpenSSH client in tmux,
// as reviewers would. They skip with -short and where tmux or ssh is
// missing (.ci/run installs both).

// reviewHeader is the review screen's first line: "DF-7KQ2#2 · Title · attempt 2".
var reviewHeader = regexp.MustCompile(`(?m)^([A-Z]{2}-[0-9A-Z]{4}#\d+) · .* · attempt \d+`)

// needSSH skips without the OpenSSH client.
func needSSH(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("ssh"); err != nil {
		t.Skip("serve end-to-end test needs the OpenSSH client (apt-get install openssh-client); .ci/run installs it")
	}
}

// newClientKey writes an ed25519 key pair (name, name.pub) with ssh-keygen,
// or with x/crypto where ssh-keygen is missing.
func newClientKey(t *testing.T, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if _, err := exec.LookPath("ssh-keygen"); err == nil {
		if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path).CombinedOutput(); err != nil {
			t.Fatalf("ssh-keygen: %v\n%s", err, out)
		}
		return path
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := gossh.MarshalPrivateKey(priv, name)
	if err != nil {
		t.Fatal(err)
	}
	sshPub, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+".pub", gossh.MarshalAuthorizedKey(sshPub), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// sshArgs is an ssh command line that trusts the test server and uses key
// alone, whatever the developer's ssh config and agent hold.
func sshArgs(key, port string, extra ...string) []string {
	args := []string{"ssh", "-F", "/dev/null", "-i", key, "-p", port,
		"-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "StrictHostKeyChecking=no",
		"-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"}
	return append(append(args, extra...), "127.0.0.1")
}

// TestEndToEndServe serves a demo store, connects two reviewers with
// OpenSSH in tmux and checks that next-available hands them different
// attempts (and that the second one's queue showed the first one's claim
// without a keystroke), that an unknown key is refused, that a local
// `assessor review` on the served store fails fast with the ssh hint, and
// that SIGTERM saves an unsaved draft, tells the reviewer, and removes the
// sidecar.
func TestEndToEndServe(t *testing.T) {
	t.Parallel()
	bin, dir, db := sshDemo(t)
	keyA, keyB, keyX := newClientKey(t, dir, "rev-a"), newClientKey(t, dir, "rev-b"), newClientKey(t, dir, "stranger")
	keyAdmin := newClientKey(t, dir, "admin")
	// The demo's admin registers another; from then on admin commands name one (--as).
	runBin(t, bin, "reviewers", "add", "admin-1", "--role", "admin", "--key", keyAdmin+".pub", "--db", db, "--as", "demo-admin")
	runBin(t, bin, "reviewers", "add", "rev-a", "--key", keyA+".pub", "--db", db, "--as", "admin-1")
	runBin(t, bin, "reviewers", "add", "rev-b", "--key", keyB+".pub", "--role", "lead", "--db", db, "--as", "admin-1")
	if out := runBin(t, bin, "reviewers", "list", "--db", db, "--as", "admin-1"); !strings.Contains(out, "rev-a") || !strings.Contains(out, "SHA256:") {
		t.Fatalf("reviewers list:\n%s", out)
	}

	srv := startServe(t, bin, db, "--as", "admin-1")
	port := srv.port
	if _, err := os.Stat(filepath.Join(dir, "assessor_host_ed25519")); err != nil {
		t.Fatalf("no host key beside the store: %v", err)
	}

	// Each ssh runs under sh so the terminal stays after ssh exits and
	// shows what the server printed last.
	shell := func(key string) []string {
		return []string{"sh", "-c", strings.Join(sshArgs(key, port), " ") + `; echo "ssh exited $?"; sleep 60`}
	}
	a := newTerm(t, nil, shell(keyA)...)
	b := newTerm(t, nil, shell(keyB)...)
	a.waitForText("reviewer rev-a")
	b.waitForText("reviewer rev-b")

	a.key("n")
	m := reviewHeader.FindStringSubmatch(a.waitFor("a's review screen", reviewHeader.MatchString))
	first := m[1]
	b.waitFor(first+" in review on b's queue", func(s string) bool {
		for _, line := range strings.Split(s, "\n") {
			if strings.Contains(line, first) && strings.Contains(line, "in review") {
				return true
			}
		}
		return false
	})
	b.key("n")
	m = reviewHeader.FindStringSubmatch(b.waitFor("b's review screen", reviewHeader.MatchString))
	if second := m[1]; second == first {
		t.Fatalf("both reviewers were given %s", first)
	}

	// An unknown key never gets a screen.
	args := sshArgs(keyX, port, "-o", "BatchMode=yes")
	out, err := exec.Command(args[0], args[1:]...).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "Permission denied") {
		t.Fatalf("unknown key: err %v, output %q; want Permission denied", err, out)
	}

	// A second local process fails fast and says how to open the queue
	// through the server instead.
	start := time.Now()
	out, err = exec.Command(bin, "review", "--db", db).CombinedOutput()
	took := time.Since(start)
	want := "is being served by assessor serve: open it through the server: ssh -t -p " + port + " 127.0.0.1\n"
	if err == nil || !strings.Contains(string(out), want) || strings.Count(strings.TrimSpace(string(out)), "\n") > 0 {
		t.Fatalf("local review on a served store: err %v, output %q; want one line with %q", err, out, want)
	}
	if took > 2*time.Second {
		t.Fatalf("local review took %s to fail, want < 2s", took)
	}

	// A lead runs a command through the server with OpenSSH; a reviewer may not.
	args = append(sshArgs(keyB, port, "-o", "BatchMode=yes"), "report", "--format", "json")
	if out, err := exec.Command(args[0], args[1:]...).Output(); err != nil || !strings.Contains(string(out), `"first_time_pass_rate"`) {
		t.Fatalf("report over ssh: %v %q", err, out)
	}
	args = append(sshArgs(keyA, port, "-o", "BatchMode=yes"), "report")
	if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err == nil || !strings.Contains(string(out), "report is for leads") {
		t.Fatalf("reviewer's report over ssh: %v %q", err, out)
	}

	// Quoted arguments survive the trip: OpenSSH joins its arguments with
	// spaces and the server splits them by shell quoting, so the reason is
	// quoted once for the local shell and once for the server.
	args = append(sshArgs(keyB, port, "-o", "BatchMode=yes"), `reveal `+first+` --reason "ssh reveal, élève"`)
	if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
		t.Fatalf("reveal with a quoted reason over ssh: %v %q", err, out)
	}
	args = append(sshArgs(keyB, port, "-o", "BatchMode=yes"), "reveal", first, "--reason", "ssh reveal")
	if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err == nil || !strings.Contains(string(out), "quote the whole command line once more") {
		t.Fatalf("reveal with a reason quoted once: %v %q", err, out)
	}

	// An admin imports a submission with an evidence file as a tar bundle
	// made by tar(1), through OpenSSH.
	if _, err := exec.LookPath("tar"); err == nil {
		bundle := filepath.Join(dir, "bundle")
		sub := `{"type":"submission","application":"E2E-1","credential":"descriptive-feedback","attempt":1,` +
			`"submitted_at":"2026-11-01T00:00:00Z","parts":[{"title":"Part 1: Overview questions","text":"Grade 3.","files":["evidence/plan.txt"]}]}`
		if err := os.MkdirAll(filepath.Join(bundle, "evidence"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(bundle, "new.jsonl"), []byte(sub+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(bundle, "evidence", "plan.txt"), []byte("Lesson plan"), 0o644); err != nil {
			t.Fatal(err)
		}
		ssh := strings.Join(append(sshArgs(keyAdmin, port, "-o", "BatchMode=yes"), "import", "--tar", "-"), " ")
		out, err := exec.Command("sh", "-c", "tar -cf - -C "+bundle+" . | "+ssh).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "new.jsonl: 1 submission,") {
			t.Fatalf("import --tar over ssh: %v %q", err, out)
		}
	} else {
		t.Log("tar not installed: the bundle import over ssh is not tried")
	}

	// a types feedback and the server stops before the draft's debounce.
	a.press("s", regexp.QuoteMeta("Scoring "+first))
	a.press("n", `▸ C2\s`) // not-yet, and on to C2
	a.press("k", `▸ C1 {2,}not-yet\b`)
	a.press("e", "done editing")
	a.typeText("Typed just before the server stopped")
	a.waitForText("server stopped")
	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	for _, tm := range []*term{a, b} {
		tm.waitForText("server shutting down — your draft is saved")
		// The terminal is given back: off the alternate screen, the
		// session's frame is gone and the cursor shows.
		if s := tm.waitForText("ssh exited 0"); strings.Contains(s, "Evidence") {
			t.Errorf("the session's screen stayed after ssh exited:\n%s", s)
		}
		if cur := tm.run("display-message", "-p", "-t", "e2e", "#{cursor_flag}"); strings.TrimSpace(cur) != "1" {
			t.Errorf("the cursor is hidden after ssh exited (cursor_flag %q)", cur)
		}
	}
	select {
	case err := <-srv.done:
		if err != nil {
			t.Fatalf("serve exited with %v:\n%s", err, srv.log.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("serve did not exit after SIGTERM:\n%s", srv.log.String())
	}
	if _, err := os.Stat(db + ".serve"); !os.IsNotExist(err) {
		t.Fatalf("sidecar left behind after shutdown (%v)", err)
	}

	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	k, _, err := st.Resolve(first)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := st.Audit()
	if err != nil || len(recs) == 0 || recs[len(recs)-1].Reason != "ssh reveal, élève" || recs[len(recs)-1].Lead != "rev-b" {
		t.Fatalf("audit after the reveal over ssh: %+v %v", recs, err)
	}
	d, ok, err := st.Draft("rev-a", k)
	if err != nil || !ok || !strings.Contains(d.Feedback["C1"], "before the server stopped") {
		t.Fatalf("draft after SIGTERM: %+v (found %v, err %v)", d, ok, err)
	}
}

// servedDemo serves a fresh demo store to one reviewer, id, registered
// with a new key, and returns that key's file and the server (skipping
// without tmux or ssh).
func servedDemo(t *testing.T, id string) (key string, srv *servedStore) {
	t.Helper()
	bin, dir, db := sshDemo(t)
	key = newClientKey(t, dir, id)
	runBin(t, bin, "reviewers", "add", id, "--key", key+".pub", "--db", db, "--as", "demo-admin")
	return key, startServe(t, bin, db, "--as", "demo-admin")
}

// sshDemo builds the binary and a fresh demo store for a test over
// OpenSSH (skipping without tmux or ssh), and returns the binary, the
// store's directory and the store.
func sshDemo(t *testing.T) (bin, dir, db string) {
	t.Helper()
	bin = buildBinary(t)
	needSSH(t)
	dir = t.TempDir()
	db = filepath.Join(dir, "demo.db")
	runBin(t, bin, "demo", "--build-only", "--db", db)
	return bin, dir, db
}

// servedStore is an `assessor serve` of one store on a free loopback port,
// killed when the test ends.
type servedStore struct {
	port string
	cmd  *exec.Cmd
	log  *bytes.Buffer // what serve printed
	done chan error    // serve's exit
}

// startServe serves db with extra flags (--as ADMIN) and returns once its
// sidecar file says it listens.
func startServe(t *testing.T, bin, db string, extra ...string) *servedStore {
	t.Helper()
	srv := &servedStore{log: &bytes.Buffer{}, done: make(chan error, 1)}
	// Port 0: the system picks one, and the sidecar names it (a port
	// picked free beforehand may be taken by another test meanwhile).
	srv.cmd = exec.Command(bin, append([]string{"serve", "--listen", "127.0.0.1:0", "--db", db}, extra...)...)
	srv.cmd.Stdout, srv.cmd.Stderr = srv.log, srv.log
	if err := srv.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { srv.done <- srv.cmd.Wait() }()
	t.Cleanup(func() { _ = srv.cmd.Process.Kill() })
	deadline := time.Now().Add(10 * time.Second)
	for {
		if b, err := os.ReadFile(db + ".serve"); err == nil {
			addr, _, _ := strings.Cut(string(b), "\n")
			if _, port, err := net.SplitHostPort(addr); err == nil {
				srv.port = port
				return srv
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s", srv.log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestServeStopsOnHangup: closing the terminal serve runs in (SIGHUP) stops
// it as SIGTERM does: it exits 0, says it stopped, and takes its sidecar
// file with it. Before, SIGHUP killed it on the spot and left the sidecar.
func TestServeStopsOnHangup(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "demo.db")
	runBin(t, bin, "demo", "--build-only", "--db", db)
	srv := startServe(t, bin, db)
	if err := srv.cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-srv.done:
		if err != nil {
			t.Fatalf("serve exited with %v after SIGHUP:\n%s", err, srv.log.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("serve did not exit after SIGHUP:\n%s", srv.log.String())
	}
	if _, err := os.Stat(db + ".serve"); !os.IsNotExist(err) {
		t.Errorf("sidecar left behind after SIGHUP (%v):\n%s", err, srv.log.String())
	}
}
