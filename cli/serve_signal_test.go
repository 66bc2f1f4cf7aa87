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

// TestServeSignalChild is the serve process TestServeStopsCleanlyOnSignals
// starts and signals: `assessor serve` as the command line runs it, with
// its own signal handling. It does nothing in a normal test run.
func TestServeSignalChild(t *testing.T) {
	db := os.Getenv("ASSESSOR_SERVE_SIGNAL_DB")
	if db == "" {
		t.Skip("run by TestServeStopsCleanlyOnSignals")
	}
	args := []string{"serve", "--listen", "127.0.0.1:0", "--db", db, "--host-key", db + ".hk"}
	if as := os.Getenv("ASSESSOR_SERVE_SIGNAL_AS"); as != "" {
		args = append(args, "--as", as)
	}
	root := New()
	root.SetArgs(args)
	if err := root.ExecuteContext(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestServeStopsCleanlyOnSignals: SIGINT, SIGTERM and SIGHUP (the
// terminal serve runs in closed) each make serve save every open draft,
// close the store and stop (docs/operations.md), exiting 0 and removing
// its sidecar, rather than dying of the signal with the store open.
func TestServeStopsCleanlyOnSignals(t *testing.T) {
	t.Parallel()
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "a.db")
			if _, err := buildDemo(db, 5, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), notifyStderr); err != nil {
				t.Fatal(err)
			}
			cmd, logs, exited := startServeChild(t, db)
			ended := false
			defer func() {
				if !ended {
					_ = cmd.Process.Kill()
					<-exited
				}
			}()
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-exited:
				ended = true
				if err != nil {
					t.Fatalf("serve after %v: %v\n%s", sig, err, logs.String())
				}
			case <-time.After(20 * time.Second):
				t.Fatalf("serve did not stop after %v", sig)
			}
			if !strings.Contains(logs.String(), "stopped") {
				t.Errorf("serve after %v did not say it stopped:\n%s", sig, logs.String())
			}
			if _, err := os.Stat(sidecarPath(db)); !os.IsNotExist(err) {
				t.Errorf("serve after %v left its sidecar: %v", sig, err)
			}
		})
	}
}

// startServeChild starts TestServeSignalChild, `assessor serve` on db in a
// process of its own, and waits until it serves (its sidecar written).
// env is added to its environment; exited says when it ends; logs holds
// its stdout and stderr.
func startServeChild(t *testing.T, db string, env ...string) (cmd *exec.Cmd, logs *bytes.Buffer, exited chan error) {
	t.Helper()
	logs, exited = &bytes.Buffer{}, make(chan error, 1)
	cmd = exec.Command(os.Args[0], "-test.run=^TestServeSignalChild$", "-test.count=1")
	cmd.Env = append(append(os.Environ(), "ASSESSOR_SERVE_SIGNAL_DB="+db), env...)
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { exited <- cmd.Wait() }()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if _, ok := readSidecar(db); ok {
			return cmd, logs, exited
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			<-exited
			t.Fatalf("serve never wrote its sidecar:\n%s", logs)
		}
	}
}

// TestServeStoreNoticeOnce: serve run as someone named opens the store
// twice as it starts (their permission check, then to serve it), and says
// a store's notice (here its clock ahead) once, as every other command
// does (TestStoreNoticeOnce).
func TestServeStoreNoticeOnce(t *testing.T) {
	t.Parallel()
	db := storeAhead(t)
	cmd, logs, exited := startServeChild(t, db, "ASSESSOR_SERVE_SIGNAL_AS="+demoAdmin)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := <-exited; err != nil {
		t.Fatalf("serve: %v\n%s", err, logs)
	}
	if n := strings.Count(logs.String(), clockAheadLine); n != 1 {
		t.Errorf("serve gave the clock's line %d times, want once:\n%s", n, logs)
	}
}
