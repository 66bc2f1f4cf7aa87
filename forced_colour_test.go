package main

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// TestForcedColourOnScreenTerminal: TERM=screen with CLICOLOR_FORCE=1
// (colour asked for where termenv would give none) draws the screens in
// colour, as lipgloss honours it and as a session over ssh with the same
// TERM and CLICOLOR_FORCE does, not as under NO_COLOR as a TERM=screen
// without it is.
func TestForcedColourOnScreenTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary: skipped with -short")
	}
	bin := assessorBinary(t)
	db := demoStore(t, bin)
	cmd := exec.Command(bin, "review", "--db", db, "--as", "demo-lead")
	cmd.Env = []string{"TERM=screen", "CLICOLOR_FORCE=1", "HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 120})
	if err != nil {
		t.Skipf("no pty here: %v", err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait(); ptmx.Close() }()
	var mu sync.Mutex
	var out []byte
	go func() {
		buf := make([]byte, 65536)
		for {
			n, err := ptmx.Read(buf)
			mu.Lock()
			out = append(out, buf[:n]...)
			mu.Unlock()
			if bytes.Contains(buf[:n], []byte(backgroundQuery)) {
				_, _ = ptmx.Write([]byte("\x1b]11;rgb:0000/0000/0000\x1b\\"))
			}
			if bytes.Contains(buf[:n], []byte("\x1b[6n")) {
				_, _ = ptmx.Write([]byte("\x1b[1;1R"))
			}
			if err != nil {
				return
			}
		}
	}()
	time.Sleep(4 * time.Second)
	mu.Lock()
	defer mu.Unlock()
	if !regexp.MustCompile(`\x1b\[[0-9;]*(3[0-7]|9[0-7])m`).Match(out) {
		t.Errorf("TERM=screen CLICOLOR_FORCE=1: the queue is drawn without any colour")
	}
}
