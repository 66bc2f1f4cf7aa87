package server

import (
	"context"
	"time"
)

const (
	// linger is how long Shutdown lets clients hang up by themselves after
	// their sessions ended, so each reads its exit status.
	linger = time.Second
	// KillWait bounds how long Shutdown waits for killed programs to unwind
	// after its deadline: a caller promising a stop by a time gives
	// Shutdown a context that ends this much earlier.
	KillWait = 2 * time.Second
)

// noticeShutdown is printed on a command the server's shutdown cut short:
// without it the client read only that the connection closed.
const noticeShutdown = "the server is shutting down: this command was stopped before it finished; run it again once the server is back (an import repeated stores only what is not stored yet)"

// Shutdown ends the server gracefully: it stops accepting connections, asks
// every session's program to save its draft and quit (each reviewer then
// reads "server shutting down — your draft is saved"), stops each command
// in flight with a line saying so, and waits for the
// sessions, commands and connections to end. When ctx expires first it kills the
// remaining programs, closes every connection and returns ctx's error.
//
// Shutdown does not close the store; close it after Shutdown returns, when
// no session can write any more. Safe to call from any goroutine; a second
// call finds nothing left to do.
func (s *Server) Shutdown(ctx context.Context) error {
	s.ls.shutDown()
	s.cfg.Store.OnNotice(nil)
	sessions, commands := s.hub.close(), s.commands.close()
	s.log.Info("shutting down", "sessions", len(sessions))

	// The listeners closed (s.ls), nobody new connects; logins in progress
	// end now. Then wait for the connections ourselves, not with the SSH
	// library's Shutdown (openConns says why).
	s.pending.closeAll()
	srvDone := make(chan error, 1)
	go func() { srvDone <- s.open.wait(ctx) }()
	for _, ls := range sessions {
		ls.end()
	}
	for _, cs := range commands {
		cs.stop(noticeShutdown, "shutting down")
	}
	err := s.hub.wait(ctx)
	if err == nil {
		err = s.commands.wait(ctx)
	}
	if err == nil {
		// Sessions are over and clients normally hang up at once; a
		// connection left open without a session is closed after linger.
		select {
		case err = <-srvDone:
		case <-time.After(linger):
			_ = s.srv.Close()
		case <-ctx.Done():
			err = ctx.Err()
		}
	}
	if err != nil {
		for _, ls := range sessions {
			ls.kill()
		}
		_ = s.srv.Close()
		wctx, cancel := context.WithTimeout(context.Background(), KillWait)
		defer cancel()
		_ = s.hub.wait(wctx)
	}
	return err
}
