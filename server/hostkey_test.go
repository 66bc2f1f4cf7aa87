package server

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/charmbracelet/log"
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
