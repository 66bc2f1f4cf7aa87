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
// background colour (OSC 11); foregroundQuery asks for its text colour
// (OSC 10), as charmbracelet/log's own renderer does.
const (
	backgroundQuery = "\x1b]11;?"
	foregroundQuery = "\x1b]10;?"
)

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
// no colour query to the terminal (a terminal that never answers stalled
// every such command 5 s, and those that log, demo and serve, 10 s), while
// a screen still asks for the background, once, before it takes the
// terminal (the alternate screen), so it can pick its light or dark style.
func TestCommandsDoNotAskTheTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary: skipped with -short")
	}
	bin := assessorBinary(t)
	db := demoStore(t, bin)

	for _, args := range [][]string{
		{"--version"},
		{"reviewers", "list", "--db", db},
		{"demo", "--build-only", "--db", filepath.Join(t.TempDir(), "d.db")}, // logs
	} {
		ptmx, cmd := onTerminal(t, bin, args...)
		out, _ := io.ReadAll(ptmx) // EIO once the command has exited
		_ = cmd.Wait()
		if bytes.Contains(out, []byte(backgroundQuery)) || bytes.Contains(out, []byte(foregroundQuery)) {
			t.Errorf("assessor %s asked the terminal for its background: %q", strings.Join(args, " "), out)
		}
		if len(out) == 0 {
			t.Errorf("assessor %s printed nothing", strings.Join(args, " "))
		}
	}

	// serve logs as it starts, and then until it stops.
	ptmx, _ := onTerminal(t, bin, "serve", "--listen", "127.0.0.1:0", "--db", db)
	var logged []byte
	buf := make([]byte, 4096)
	_ = ptmx.SetReadDeadline(time.Now().Add(30 * time.Second))
	for !bytes.Contains(logged, []byte("serving ")) {
		n, err := ptmx.Read(buf)
		logged = append(logged, buf[:n]...)
		if err != nil {
			t.Fatalf("serve never said it was serving: %v %q", err, logged)
		}
	}
	if bytes.Contains(logged, []byte(backgroundQuery)) || bytes.Contains(logged, []byte(foregroundQuery)) {
		t.Errorf("serve asked the terminal for its colours: %q", logged)
	}

	// demo builds its store (logging) and opens the queue.
	ptmx, _ = onTerminal(t, bin, "demo", "--db", filepath.Join(t.TempDir(), "d.db"))
	var out []byte
	answered := false
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
		t.Fatalf("demo never entered the alternate screen: %q", out)
	}
	if n := bytes.Count(out, []byte(backgroundQuery)); n != 1 || bytes.Index(out, []byte(backgroundQuery)) > screen || bytes.Contains(out, []byte(foregroundQuery)) {
		t.Errorf("demo asked for the background %d times, want once before the alternate screen, and never for the foreground: %q", n, out)
	}
}
