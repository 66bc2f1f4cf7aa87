package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestErrorLines: the binary prints a problem in an input file as
// "FILE:LINE: message" from the first byte of stderr (docs/formats.md),
// exit 1, and any other failure as "assessor: message".
func TestErrorLines(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary: skipped with -short")
	}
	bin := assessorBinary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{\"type\":\"submission\",\"attempt\":0}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	dup := filepath.Join(dir, "dup.md")
	if err := os.WriteFile(dup, []byte("---\nid: x\ntitle: X\n---\n# X\n### C1. a\nx\n### C1. b\ny\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"import", bad, "--db", db}, bad + ":1: "},
		{[]string{"rubrics", "add", dup, "--db", db}, dup + ":8: duplicate criterion id C1"},
		{[]string{"import", filepath.Join(dir, "none.jsonl"), "--db", db}, "assessor: "},
	} {
		cmd := exec.Command(bin, c.args...)
		// The operator of a new store, naming no one: a named person is
		// refused before the file is read (no admin is registered).
		cmd.Env = append(slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "ASSESSOR_REVIEWER=") }), "XDG_DATA_HOME="+dir)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err := cmd.Run()
		if code := cmd.ProcessState.ExitCode(); err == nil || code != 1 || !strings.HasPrefix(stderr.String(), c.want) {
			t.Errorf("assessor %s: exit %d, stderr %q; want exit 1 and a line starting %q", strings.Join(c.args, " "), code, stderr.String(), c.want)
		}
	}
}

// TestErrorLineNotHeldByAFullStderr: a failed command whose stderr no one
// reads (a service manager's log pipe, full) still exits 1: it waited on
// the error line for ever, so a serve that failed to start never exited
// and its manager never started it again.
func TestErrorLineNotHeldByAFullStderr(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary: skipped with -short")
	}
	bin := assessorBinary(t)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close() // held open and never read
	defer w.Close()
	if err := w.SetWriteDeadline(time.Now().Add(200 * time.Millisecond)); err != nil {
		t.Skipf("no write deadline on a pipe here: %v", err)
	}
	for chunk := make([]byte, 4096); ; {
		if _, err := w.Write(chunk); err != nil {
			break
		}
	}
	cmd := exec.Command(bin, "report", "--db", filepath.Join(t.TempDir(), "none", "a.db"))
	cmd.Stderr = w
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Errorf("a failed command with its stderr full: %v, want exit status 1", err)
		}
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		<-exited
		t.Error("a failed command with its stderr full never exited")
	}
}
