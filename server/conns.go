package server

import (
	"context"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// openConns counts the connections the SSH server holds open, logins in
// progress included, so that Shutdown waits for them itself. The SSH
// library's own Shutdown waits on a sync.WaitGroup to which a login that
// ends just then adds from zero, which the WaitGroup's rules forbid and
// the race detector reports.
type openConns struct{ n atomic.Int64 }

// track counts c until it is closed.
func (o *openConns) track(c net.Conn) net.Conn {
	o.n.Add(1)
	return &countedConn{Conn: c, open: o}
}

// wait returns once no connection is open, or ctx's error when it ends
// first. Connections end when their clients hang up, so a short poll is
// cheap beside them.
func (o *openConns) wait(ctx context.Context) error {
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for o.n.Load() > 0 {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	return nil
}

// countedConn is a connection openConns counts; closing it (once, however
// often Close is called) stops the count.
type countedConn struct {
	net.Conn
	open *openConns
	once sync.Once
}

func (c *countedConn) Close() error {
	c.once.Do(func() { c.open.n.Add(-1) })
	return c.Conn.Close()
}
