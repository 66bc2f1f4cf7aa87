package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/log"
	gossh "golang.org/x/crypto/ssh"

	"assessor/review"
	"assessor/server"
	"assessor/store"
)

// TestSSHHint: the ssh command line for each kind of listen address.
func TestSSHHint(t *testing.T) {
	t.Parallel()
	for addr, want := range map[string]string{
		"127.0.0.1:2222":    "ssh -p 2222 127.0.0.1",
		"0.0.0.0:2222":      "ssh -p 2222 localhost",
		"[::]:2222":         "ssh -p 2222 ::1",
		":2222":             "ssh -p 2222 localhost",
		"[::1]:2200":        "ssh -p 2200 ::1",
		"review.example:22": "ssh review.example",
	} {
		if got := server.SSHHint(addr); got != want {
			t.Errorf("server.SSHHint(%q) = %q, want %q", addr, got, want)
		}
	}
}

// TestOpenServedStoreSaysHowToConnect: a store held by another process
// with a serve sidecar beside it fails fast with the ssh command, and still
// matches store.ErrLocked; without the sidecar the message is the plain one.
func TestOpenServedStoreSaysHowToConnect(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "a.db")
	held, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()

	_, err = (&globals{}).openStore(db)
	if !errors.Is(err, store.ErrLocked) || strings.Contains(err.Error(), "served") {
		t.Fatalf("no sidecar: err = %v", err)
	}
	port := liveSidecar(t, db)
	start := time.Now()
	_, err = (&globals{}).openStore(db)
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("took %s to fail", took)
	}
	want := "store " + db + " is being served by assessor serve: connect with ssh -p " + port + " 127.0.0.1" +
		" (admins and leads run commands through it: ssh -p " + port + " 127.0.0.1 report)"
	if !errors.Is(err, store.ErrLocked) || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
	// Reached through a symlink, the store's sidecar is the file's.
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(db, link); err != nil {
		t.Fatal(err)
	}
	if _, err := (&globals{}).openStore(link); err == nil || !strings.Contains(err.Error(), "is being served by assessor serve: connect with ssh -p "+port) {
		t.Errorf("through a symlink: %v", err)
	}
	// One whose server has ended (kill -9) is not believed: another
	// server may listen on its address now.
	live, err := os.ReadFile(sidecarPath(db))
	if err != nil {
		t.Fatal(err)
	}
	ended := exec.Command("true")
	if err := ended.Run(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(sidecarPath(db), fmt.Appendf(nil, "127.0.0.1:%s\n%d\n", port, ended.Process.Pid), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := (&globals{}).openStore(db); !errors.Is(err, store.ErrLocked) || strings.Contains(err.Error(), "served") {
		t.Errorf("a sidecar of an ended server: %v", err)
	}
	if err := os.WriteFile(sidecarPath(db), live, 0o600); err != nil {
		t.Fatal(err)
	}

	// A sidecar is removed only by the server that wrote it.
	removeSidecar(db, "127.0.0.1:9999")
	if _, err := os.Stat(sidecarPath(db)); err != nil {
		t.Fatalf("another server's sidecar was removed: %v", err)
	}
	removeSidecar(db, "127.0.0.1:"+port)
	if _, err := os.Stat(sidecarPath(db)); !os.IsNotExist(err) {
		t.Fatalf("sidecar not removed: %v", err)
	}
}

// TestRunServeLifecycle: serve writes the sidecar with the address it
// listens on and a host key beside the store, logs the key's fingerprint
// (what reviewers check at their first ssh prompt), refuses a second local
// open with the hint, and on cancel stops, closes the store and removes
// the sidecar.
func TestRunServeLifecycle(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	var logs bytes.Buffer
	go func() {
		done <- runServe(ctx, db, "127.0.0.1:0", filepath.Join(dir, "host_key"), "", &logs, notifyStderr)
	}()

	addr := waitSidecar(t, db, &logs)
	if !strings.HasPrefix(addr, "127.0.0.1:") || strings.HasSuffix(addr, ":0") {
		t.Fatalf("sidecar address %q, want the port actually bound", addr)
	}
	if _, err := os.Stat(filepath.Join(dir, "host_key")); err != nil {
		t.Fatalf("host key not created: %v", err)
	}
	if _, err := (&globals{}).openStore(db); err == nil || !strings.Contains(err.Error(), "connect with ssh -p") {
		t.Fatalf("second open while served: %v", err)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
	if _, err := os.Stat(sidecarPath(db)); !os.IsNotExist(err) {
		t.Fatalf("sidecar left behind: %v", err)
	}
	pub, _, _, _, err := gossh.ParseAuthorizedKey([]byte(readFile(t, filepath.Join(dir, "host_key.pub"))))
	if err != nil {
		t.Fatal(err)
	}
	if want := "host-key=" + gossh.FingerprintSHA256(pub); !strings.Contains(logs.String(), want) {
		t.Errorf("log does not give the host key's fingerprint %s:\n%s", want, logs.String())
	}
	st, err := (&globals{}).openStore(db)
	if err != nil {
		t.Fatalf("store still held after serve stopped: %v", err)
	}
	st.Close()
}

// waitSidecar waits until runServe has written the sidecar of the store
// at db, and returns the address in it; on timeout it fails with the
// server's log.
func waitSidecar(t *testing.T, db string, log fmt.Stringer) string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		if addr, ok := readSidecar(db); ok {
			return addr
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for the sidecar; log:\n%s", log)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestRunServeUpgradesOldStore: serve, an admin's command like upgrade,
// upgrades a store an earlier release wrote as it starts (every other
// command refuses one: TestOldStoreRefused).
func TestRunServeUpgradesOldStore(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	old := gunzipFile(t, filepath.Join("..", "testdata", "stores", "schema"+itoa(int64(store.SchemaVersion-1))+".db.gz"))
	if err := os.WriteFile(db, old, 0o600); err != nil {
		t.Fatal(err)
	}
	_, stop := serveStore(t, db, dir)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("after serve: %v", err)
	}
	defer st.Close()
	if st.Schema() != store.SchemaVersion {
		t.Errorf("schema %d after serve, want %d", st.Schema(), store.SchemaVersion)
	}
}

// TestRunServeReleasesIdleClaims: serve starts by giving back the claims
// with nothing stored on them, which a server killed mid-session left
// (store.ReleaseIdleClaims); a claim with a draft stays.
func TestRunServeReleasesIdleClaims(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := leadStore(t)
	st := openTestStore(t, db)
	idle, err := st.Next("rev-x", "")
	if err != nil {
		t.Fatal(err)
	}
	drafted, err := st.Next("lead-1", "")
	if err == nil {
		err = st.SaveDraft("lead-1", drafted.Attempt.Key(), review.Draft{Feedback: map[string]string{review.OverallKey: "half a thought"}})
	}
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	_, stop := serveStore(t, db, dir)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	st = openTestStore(t, db)
	defer st.Close()
	if _, err := st.Claim("someone", idle.Attempt.Key()); err != nil {
		t.Errorf("the idle claim is still held after serve started: %v", err)
	}
	if _, err := st.Claim("someone", drafted.Attempt.Key()); err == nil {
		t.Error("serve released a claim with a draft")
	}
}

// TestWarnNoKeysNamesTheStore: the warning that nobody can connect gives
// the command that mends it for the store being served: run as printed,
// it must not add the admin to the default store instead.
func TestWarnNoKeysNamesTheStore(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "program.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var out bytes.Buffer
	warnNoKeys(st, newLogger(&out, log.Options{}), "")
	if want := "assessor reviewers add ID --key FILE --role admin --db " + db; !strings.Contains(out.String(), want) {
		t.Errorf("warning %q, want it to say %q", out.String(), want)
	}
}

// TestServeHostKeyTooLargeRefused: serve --host-key naming a file larger
// than any key (the store, given by mistake) is refused in one line naming
// the flag, the file and the bound, before the store is opened.
func TestServeHostKeyTooLargeRefused(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, make([]byte, 1<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "a.db")
	_, err := run(t, "", "serve", "--listen", "127.0.0.1:0", "--db", db, "--host-key", big)
	if want := "serve --host-key " + big + ": 1048576 bytes is too large for a key (at most 65536)"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("serve --host-key BIG: %v, want %q", err, want)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("the refused serve created the store")
	}
}
