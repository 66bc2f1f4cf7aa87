package server

import (
	"bufio"
	"context"
	"io"
	"net"
	"testing"
	"time"
)

// TestShutdownBeforeServe: a Shutdown that comes before Serve has begun
// accepting (a SIGTERM right after the start) still ends Serve, at once,
// with its listener closed; the SSH server alone would reopen for it and
// accept forever.
func TestShutdownBeforeServe(t *testing.T) {
	st := newDemoStore(t, 2)
	for i := range 2 {
		srv, ln := newServer(t, st, Config{})
		served := make(chan error, 1)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		if i == 0 { // stopped before Serve is called
			_ = srv.Shutdown(ctx)
			go func() { served <- srv.Serve(ln) }()
		} else { // stopped while Serve starts
			go func() { served <- srv.Serve(ln) }()
			_ = srv.Shutdown(ctx)
		}
		cancel()
		select {
		case err := <-served:
			if err != nil {
				t.Errorf("run %d: Serve: %v", i, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("run %d: Serve did not return after Shutdown", i)
		}
		if c, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
			c.Close()
			t.Errorf("run %d: the listener is still open", i)
		}
	}
}

// TestShutdownEndsLoginsInProgress: a connection that has not logged in
// is closed by Shutdown at once, not left to its handshake timeout, and
// Shutdown returns as soon as the connections are gone.
func TestShutdownEndsLoginsInProgress(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 3)
	srv, ln := newServer(t, st, Config{HandshakeTimeout: time.Minute})
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// The server's banner says the connection was accepted and counted.
	if _, err := bufio.NewReader(c).ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown with a login in progress: %v", err)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadAll(c); err != nil {
		t.Errorf("the login in progress was not closed: %v", err)
	}
}
