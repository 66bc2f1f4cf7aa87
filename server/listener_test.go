package server

import (
	"context"
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
