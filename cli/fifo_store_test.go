//go:build unix

package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestStoreThatIsAFifoDoesNotHang: --db naming a named pipe (mkfifo, or
// one a shell's process substitution left) is refused in one line, as any
// other file that is not a store is: opening it waited for a writer, so
// the command hung, saying nothing.
func TestStoreThatIsAFifoDoesNotHang(t *testing.T) {
	exe := childExe(t)
	fifo := filepath.Join(t.TempDir(), "store.db")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"check", "--db", fifo}, {"reviewers", "add", "rev-1", "--db", fifo}} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		cmd := exec.CommandContext(ctx, exe, append([]string{"-test.run=^TestHelperAssessor$", "--"}, args...)...)
		cmd.Env = append(cmd.Environ(), helperEnv+"=1", "NO_COLOR=1")
		var errOut bytes.Buffer
		cmd.Stderr = &errOut
		err := cmd.Run()
		timedOut := ctx.Err() != nil
		cancel()
		if timedOut {
			t.Errorf("%s: still running after 5s on a FIFO as the store (stderr %q)", strings.Join(args[:len(args)-2], " "), errOut.String())
			continue
		}
		requireOneLineFailure(t, result{stderr: errOut.String(), code: cmd.ProcessState.ExitCode()}, fifo+" is not an assessor store")
		if err == nil {
			t.Errorf("%s: exit 0", args[0])
		}
	}
}

// TestServeHostKeyFifoRefused: serve --host-key naming a named pipe (say
// <(vault read …)) is refused in one line naming the flag and the file,
// before the store is opened: serve hung on it, holding the store's lock.
func TestServeHostKeyFifoRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "hk")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "a.db")
	done := make(chan error, 1)
	go func() {
		_, err := run(t, "", "serve", "--listen", "127.0.0.1:0", "--db", db, "--host-key", fifo)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "--host-key "+fifo+": it is not a regular file") {
			t.Errorf("serve --host-key FIFO: %v, want a refusal naming --host-key and the file", err)
		}
		if _, err := os.Stat(db); err == nil {
			t.Error("the refused serve created the store")
		}
	case <-time.After(5 * time.Second):
		t.Error("serve --host-key FIFO still runs after 5 s")
		if f, err := os.OpenFile(fifo, os.O_RDWR, 0); err == nil {
			f.Close() // lets the blocked open go
		}
	}
}
