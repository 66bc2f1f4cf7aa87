package server

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/charmbracelet/log"
	gossh "golang.org/x/crypto/ssh"

	"assessor/store"
)

// TestHostKeyKeepsFolderMode: a host key created beside the store leaves
// the folder's mode as the admin set it (keygen, through wish, chmodded it
// to 0700), is 0600 itself, and is reused on the next start.
func TestHostKeyKeepsFolderMode(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shared")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	st := newDemoStore(t, 5)
	key := filepath.Join(dir, HostKeyName)
	newServer := func() {
		t.Helper()
		if _, err := New(Config{Store: st, HostKeyPath: key, Logger: log.New(io.Discard)}); err != nil {
			t.Fatal(err)
		}
	}
	newServer()
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("folder mode %v (%v), want 0755", fi.Mode().Perm(), err)
	}
	for _, p := range []string{key, key + ".pub"} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v, want 0600", p, fi, err)
		}
	}
	before, _ := os.ReadFile(key)
	newServer()
	if after, _ := os.ReadFile(key); string(after) != string(before) {
		t.Error("the host key was replaced")
	}
}

// TestEmptyHostKeyMadeAgain: an empty host key file, what a write cut
// short by a full disk left, is made again at the next start instead of
// failing it ("no key found") until someone deletes it; a key with
// content is never replaced.
func TestEmptyHostKeyMadeAgain(t *testing.T) {
	st := newDemoStore(t, 5)
	key := filepath.Join(t.TempDir(), HostKeyName)
	if err := os.WriteFile(key, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Config{Store: st, HostKeyPath: key, Logger: log.New(io.Discard)}); err != nil {
		t.Fatalf("a start with an empty host key: %v", err)
	}
	made, err := os.ReadFile(key)
	if err != nil || len(made) == 0 {
		t.Fatalf("host key after the start: %d bytes, %v", len(made), err)
	}
	if _, err := New(Config{Store: st, HostKeyPath: key, Logger: log.New(io.Discard)}); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(key); string(again) != string(made) {
		t.Error("a host key with content was replaced")
	}
}

// TestStalePubWithoutHostKeyRefused: with the host key gone but its .pub
// still beside the store (the key deleted to make a new one, or not copied
// to a new machine), serve refuses in one line naming the .pub and writes
// no key, where it used to leave a new key beside the old .pub and serve
// it on the next start; once the .pub is removed a new pair is made, the
// .pub naming the key served.
func TestStalePubWithoutHostKeyRefused(t *testing.T) {
	st := newDemoStore(t, 5)
	key := filepath.Join(t.TempDir(), HostKeyName)
	old := "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHzWl0QpYtqtV0gkHDhI9qfb1sn1SZ2sVJ4Qfx3v+wrP old\n"
	if err := os.WriteFile(key+".pub", []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		_, err := New(Config{Store: st, HostKeyPath: key, Logger: log.New(io.Discard)})
		if err == nil || !strings.Contains(err.Error(), key+".pub is there") {
			t.Fatalf("a start with only the old .pub: %v", err)
		}
		if _, err := os.Lstat(key); err == nil {
			t.Fatal("a private key was left beside the old .pub")
		}
	}
	servesAfterPubRemoved(t, st, key)
}

// TestHostKeyPubNamesTheKey: a host key put back beside the .pub of
// another (the key kept with the backups, restored on a machine where
// serve made a pair meanwhile) is refused in one line naming the .pub,
// where serve started serving one key while the .pub named the other; a
// .pub removed is written again from the key.
func TestHostKeyPubNamesTheKey(t *testing.T) {
	st := newDemoStore(t, 5)
	key := filepath.Join(t.TempDir(), HostKeyName)
	other := filepath.Join(t.TempDir(), HostKeyName)
	for _, p := range []string{key, other} {
		if _, err := New(Config{Store: st, HostKeyPath: p, Logger: log.New(io.Discard)}); err != nil {
			t.Fatal(err)
		}
	}
	kept, err := os.ReadFile(other)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(key, kept, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Config{Store: st, HostKeyPath: key, Logger: log.New(io.Discard)}); err == nil || !strings.Contains(err.Error(), key+".pub does not name the key") {
		t.Fatalf("serve with the .pub of another key: %v", err)
	}
	servesAfterPubRemoved(t, st, key)
	if fi, err := os.Stat(key + ".pub"); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf(".pub written again: %v, want 0600", err)
	}
}

// servesAfterPubRemoved removes the .pub beside key and starts a server
// on key: the .pub made again must name the key served.
func servesAfterPubRemoved(t *testing.T, st *store.Store, key string) {
	t.Helper()
	if err := os.Remove(key + ".pub"); err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{Store: st, HostKeyPath: key, Logger: log.New(io.Discard)})
	if err != nil {
		t.Fatal(err)
	}
	if got := pubFingerprint(t, key); got != srv.HostKeyFingerprint() {
		t.Errorf("serving %s, but the .pub made beside it is %s", srv.HostKeyFingerprint(), got)
	}
}

// pubFingerprint is the fingerprint of the key the .pub beside key names.
func pubFingerprint(t *testing.T, key string) string {
	t.Helper()
	pub, err := os.ReadFile(key + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	pk, _, _, _, err := gossh.ParseAuthorizedKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return gossh.FingerprintSHA256(pk)
}

// TestHostKeyTooLargeRefused: a host key path naming a file larger than any
// key (the store itself, given by mistake) is refused in one line before it
// is read: serve, then wish, read it whole, however large. So is a .pub
// that large beside a good key.
func TestHostKeyTooLargeRefused(t *testing.T) {
	st := newDemoStore(t, 5)
	big := filepath.Join(t.TempDir(), "store.db")
	if err := os.WriteFile(big, make([]byte, maxHostKeyBytes+1), 0o600); err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(t.TempDir(), HostKeyName)
	if _, err := New(Config{Store: st, HostKeyPath: key, Logger: log.New(io.Discard)}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(key+".pub", make([]byte, maxHostKeyBytes+1), 0o600); err != nil {
		t.Fatal(err)
	}
	for path, named := range map[string]string{big: big, key: key + ".pub"} {
		_, err := New(Config{Store: st, HostKeyPath: path, Logger: log.New(io.Discard)})
		if want := "host key " + named + ": 65537 bytes is too large for a key"; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("host key %s: %v, want %q", path, err, want)
		}
	}
}

// TestEmptyHostKeyPubWrittenAgain: an empty .pub beside a good key (a
// write cut short by a full disk) is written again from the key, as an
// empty key is made again, where it stopped every start as naming another
// key.
func TestEmptyHostKeyPubWrittenAgain(t *testing.T) {
	st := newDemoStore(t, 5)
	key := filepath.Join(t.TempDir(), HostKeyName)
	srv, err := New(Config{Store: st, HostKeyPath: key, Logger: log.New(io.Discard)})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(key+".pub", nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Config{Store: st, HostKeyPath: key, Logger: log.New(io.Discard)}); err != nil {
		t.Fatalf("a start with an empty .pub: %v", err)
	}
	if got := pubFingerprint(t, key); got != srv.HostKeyFingerprint() {
		t.Errorf("the .pub written again names %s, want %s", got, srv.HostKeyFingerprint())
	}
}

// TestHostKeyAtTheBound: the refusal says "at most 65536" bytes, so a
// host key file of exactly 65536 bytes is not refused as too large.
func TestHostKeyAtTheBound(t *testing.T) {
	path := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(path, make([]byte, maxHostKeyBytes), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := CheckHostKey(path); err != nil {
		t.Errorf("a %d-byte host key file: %v, want it taken (at most %d)", maxHostKeyBytes, err, maxHostKeyBytes)
	}
}

// TestHostKeyReadableByOthersWarned: a host key others may read (an admin's
// copy made 0644) is served with a warning in the log, where it was served
// without a word; sshd refuses such a key, and whoever reads it can pose as
// the server. One serve made (0600) gets none.
func TestHostKeyReadableByOthersWarned(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("no mode bits on Windows")
	}
	for _, mode := range []os.FileMode{0o600, 0o644} {
		path := filepath.Join(t.TempDir(), HostKeyName)
		if err := ensureHostKey(path); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		var logged syncBuffer
		startServer(t, newDemoStore(t, 3), Config{HostKeyPath: path, Logger: log.New(&logged)})
		warned := strings.Contains(logged.after(0), "may be read or changed by others (0644)")
		if warned != (mode == 0o644) {
			t.Errorf("a host key of mode %04o: warned %v:\n%s", mode, warned, logged.after(0))
		}
	}
}
