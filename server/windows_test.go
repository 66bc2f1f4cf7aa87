package server

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"assessor/review"
)

// TestResizeBeforeShellIsTaken: a window-change between the pty request
// and the shell request (OpenSSH sends one when the terminal is resized
// while it connects) does not hold up the shell: the SSH library handed
// it to a channel nobody read before the program started, so the shell
// request was never answered and the session's place stayed taken after
// the client gave up.
func TestResizeBeforeShellIsTaken(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 5)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	srv, addr := startServer(t, st, Config{SessionsPerKey: 1})
	conn := dialKey(t, addr, rev)
	s, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := s.WindowChange(30, 100); err != nil {
		t.Fatal(err)
	}
	shell := make(chan error, 1)
	go func() { shell <- s.Shell() }()
	select {
	case err := <-shell:
		if err != nil {
			t.Fatalf("shell after a resize: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the shell request was not answered within 5 s of a resize before it")
	}
	waitUntil(t, "the screen running", func() bool { return srv.Sessions() == 1 })
	conn.Close()
	waitUntil(t, "the key's place given back", func() bool {
		s, err := dialKey(t, addr, rev).NewSession()
		if err == nil {
			s.Close()
		}
		return err == nil
	})
}

// TestResizeDuringPtyCommandEndsIt: a command run on a terminal (ssh -t
// HOST rubrics list) ends, and gives back its place, however the
// terminal is resized meanwhile. Nothing took the window-change, so the
// SSH library's request loop blocked for ever: two resized commands
// locked a key with two places out until the server restarted.
func TestResizeDuringPtyCommandEndsIt(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 5)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	commands := func(_ context.Context, _ review.Reviewer, _ []string, _ io.Reader, stdout, _ io.Writer) error {
		time.Sleep(300 * time.Millisecond) // a command that takes a moment (report)
		_, err := io.WriteString(stdout, "done\n")
		return err
	}
	_, addr := startServer(t, st, Config{Commands: commands, SessionsPerKey: 2})
	for i := range 2 { // as many as the key's places
		s, err := dialKey(t, addr, rev).NewSession()
		if err != nil {
			t.Fatalf("command %d: %v", i+1, err)
		}
		if err := s.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		s.Stdout = &out
		if err := s.Start("rubrics list"); err != nil {
			t.Fatal(err)
		}
		for range 3 { // the user resizes the terminal
			if err := s.WindowChange(30, 100); err != nil {
				t.Fatal(err)
			}
		}
		done := make(chan error, 1)
		go func() { done <- s.Wait() }()
		select {
		case err := <-done:
			if err != nil || !strings.Contains(out.String(), "done") {
				t.Fatalf("command %d: %v, %q", i+1, err, out.String())
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("command %d, resized, never ended", i+1)
		}
	}
	waitUntil(t, "the key's places given back", func() bool {
		s, err := dialKey(t, addr, rev).NewSession()
		if err == nil {
			s.Close()
		}
		return err == nil
	})
}
