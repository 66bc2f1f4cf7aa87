package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

// backgroundQuery is what a program writes to ask the terminal for its
// background colour (OSC 11).
const backgroundQuery = "\x1b]11;?"

// onTerminal starts the binary with args on a pty that answers nothing, as
// an xterm outside CI, and returns the pty's reading end.
func onTerminal(t *testing.T, bin string, args ...string) (*os.File, *exec.Cmd) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = []string{"TERM=xterm-256color", "HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 48, Cols: 160})
	if err != nil {
		t.Skipf("no pty here: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		ptmx.Close()
	})
	return ptmx, cmd
}

// TestCommandsDoNotAskTheTerminal: a command that draws no screen writes
// no background query to the terminal (a terminal that never answers
// stalled every such command 5 s), while a screen still asks, once,
// before it takes the terminal (the alternate screen), so it can pick its
// light or dark style.
func TestCommandsDoNotAskTheTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary: skipped with -short")
	}
	bin := assessorBinary(t)
	db := filepath.Join(t.TempDir(), "demo.db")
	if out, err := exec.Command(bin, "demo", "--db", db, "--build-only").CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}

	for _, args := range [][]string{{"--version"}, {"reviewers", "list", "--db", db}} {
		ptmx, cmd := onTerminal(t, bin, args...)
		out, _ := io.ReadAll(ptmx) // EIO once the command has exited
		_ = cmd.Wait()
		if bytes.Contains(out, []byte(backgroundQuery)) {
			t.Errorf("assessor %s asked the terminal for its background: %q", strings.Join(args, " "), out)
		}
		if len(out) == 0 {
			t.Errorf("assessor %s printed nothing", strings.Join(args, " "))
		}
	}

	ptmx, _ := onTerminal(t, bin, "review", "--db", db, "--reviewer", "rev-01")
	var out []byte
	answered := false
	buf := make([]byte, 4096)
	deadline := time.Now().Add(30 * time.Second)
	for !bytes.Contains(out, []byte("\x1b[?1049h")) && time.Now().Before(deadline) {
		_ = ptmx.SetReadDeadline(deadline)
		n, err := ptmx.Read(buf)
		out = append(out, buf[:n]...)
		if !answered && bytes.Contains(out, []byte(backgroundQuery)) {
			answered = true
			// Answer as a light terminal would, and the cursor report
			// that ends the wait.
			_, _ = ptmx.WriteString("\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[1;1R")
		}
		if err != nil {
			break
		}
	}
	screen := bytes.Index(out, []byte("\x1b[?1049h"))
	if screen < 0 {
		t.Fatalf("review never entered the alternate screen: %q", out)
	}
	if n := bytes.Count(out, []byte(backgroundQuery)); n != 1 || bytes.Index(out, []byte(backgroundQuery)) > screen {
		t.Errorf("review asked %d times, want once before the alternate screen: %q", n, out)
	}
}
