//go:build unix

package server

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/log"
)

// TestHostKeyNotARegularFileRefused: a host key path naming a named pipe
// (a shell's process substitution, a stray mkfifo) or a folder is refused
// in one line, unopened: opening the pipe waited for a writer, so serve
// hung after its first log line, holding the store's lock, deaf to SIGTERM.
// So is a named pipe where the key's .pub goes.
func TestHostKeyNotARegularFileRefused(t *testing.T) {
	st := newDemoStore(t, 5)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "host_key")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	key := filepath.Join(t.TempDir(), HostKeyName)
	if _, err := New(Config{Store: st, HostKeyPath: key, Logger: log.New(io.Discard)}); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(key + ".pub"); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(key+".pub", 0o600); err != nil {
		t.Fatal(err)
	}
	for path, pipe := range map[string]string{fifo: fifo, dir: fifo, key: key + ".pub"} {
		done := make(chan error, 1)
		go func() {
			_, err := New(Config{Store: st, HostKeyPath: path, Logger: log.New(io.Discard)})
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), ": it is not a regular file") {
				t.Errorf("host key %s: %v, want a refusal saying %s is not a regular file", path, err, pipe)
			}
		case <-time.After(3 * time.Second):
			t.Errorf("host key %s: New still waits after 3 s", path)
			if f, err := os.OpenFile(pipe, os.O_RDWR, 0); err == nil {
				f.Close() // lets the blocked open go
			}
		}
	}
}
