//go:build unix

package cli

import (
	"bytes"
	"context"
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
