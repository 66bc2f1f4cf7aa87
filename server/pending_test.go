package server

import (
	"errors"
	"io"
	"net"
	"net/netip"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"assessor/review"
)

// closedByServer reports whether the server has closed raw, reading what
// it sent (its banner) for up to wait.
func closedByServer(t *testing.T, raw net.Conn, wait time.Duration) bool {
	t.Helper()
	_ = raw.SetReadDeadline(time.Now().Add(wait))
	_, err := io.Copy(io.Discard, raw)
	var ne net.Error
	return !(errors.As(err, &ne) && ne.Timeout())
}

// dialCounted dials addr from the loopback address local and waits for
// the server's banner (it has counted the socket by then), returned for an
// SSH client that may use the socket after. A machine without local as a
// loopback address skips the test.
func dialCounted(t *testing.T, addr, local string) (net.Conn, []byte) {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}}
	raw, err := d.Dial("tcp", addr)
	if err != nil {
		t.Skipf("cannot dial from %s: %v", local, err)
	}
	t.Cleanup(func() { raw.Close() })
	_ = raw.SetReadDeadline(time.Now().Add(5 * time.Second))
	banner := make([]byte, 256)
	n, err := raw.Read(banner)
	if err != nil {
		t.Fatalf("socket from %s: no banner: %v", local, err)
	}
	_ = raw.SetReadDeadline(time.Time{})
	return raw, banner[:n]
}

// pendingServer serves a small store with at most bound connections
// logging in at once (and a handshake timeout far past the test), and a
// reviewer's key.
func pendingServer(t *testing.T, bound int) (addr string, rev signer) {
	t.Helper()
	st := newDemoStore(t, 5)
	rev = addReviewer(t, st, "rev-1", review.RoleReviewer)
	_, addr = startServer(t, st, Config{PendingLogins: bound, HandshakeTimeout: time.Minute})
	return addr, rev
}

// TestPendingLoginsBounded: past Config.PendingLogins connections that
// have not logged in, each new one closes the one that has waited
// longest (long before the handshake timeout), so a flood of idle
// sockets cannot keep reviewers out; a reviewer logs in through the
// flood, and once in no longer counts, so later sockets do not close it.
func TestPendingLoginsBounded(t *testing.T) {
	t.Parallel()
	const bound = 4
	addr, rev := pendingServer(t, bound)
	var raws []net.Conn
	open := func() {
		raw, _ := dialCounted(t, addr, "127.0.0.1")
		raws = append(raws, raw)
	}
	for range bound + 2 {
		open()
	}
	for i, raw := range raws {
		if closed := closedByServer(t, raw, 300*time.Millisecond); closed != (i < 2) {
			t.Errorf("socket %d of %d (bound %d): closed %v, want %v", i+1, len(raws), bound, closed, i < 2)
		}
	}

	c := connect(t, addr, rev) // the flood's oldest socket makes room
	if !closedByServer(t, raws[2], 2*time.Second) {
		t.Error("a reviewer's login did not close the oldest waiting socket")
	}
	for range bound + 1 {
		open()
	}
	if err := c.press("j"); err != nil || c.wait(500*time.Millisecond) == nil {
		t.Fatalf("sockets opened after a reviewer logged in closed the reviewer's connection: %v", err)
	}
}

// TestPendingLoginsPerAddress: at the bound, the connection closed is
// the oldest of the address with the most waiting, so a flood from one
// address closes its own sockets while a slow login from another (which
// has waited longest of all) goes on and logs in.
func TestPendingLoginsPerAddress(t *testing.T) {
	t.Parallel()
	const bound = 4
	addr, rev := pendingServer(t, bound)
	from := func(local string) (net.Conn, []byte) { return dialCounted(t, addr, local) }
	slow, banner := from("127.0.0.2")
	var flood []net.Conn
	for range bound + 2 {
		raw, _ := from("127.0.0.1")
		flood = append(flood, raw)
	}
	for i, raw := range flood {
		if closed := closedByServer(t, raw, 300*time.Millisecond); closed != (i < 3) {
			t.Errorf("flood socket %d of %d (bound %d): closed %v, want %v", i+1, len(flood), bound, closed, i < 3)
		}
	}
	// The slow client, its banner already read, now logs in.
	conn, _, _, err := gossh.NewClientConn(&bannerConn{slow, banner}, addr, &gossh.ClientConfig{
		User:            "reviewer",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(rev)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), // loopback test server
		Timeout:         10 * time.Second,
	})
	if err != nil {
		t.Fatalf("a login from another address, waiting through the flood, failed: %v", err)
	}
	conn.Close()
}

// bannerConn is a socket whose first bytes were read already: it reads
// them again first.
type bannerConn struct {
	net.Conn
	read []byte
}

func (c *bannerConn) Read(p []byte) (int, error) {
	if len(c.read) > 0 {
		n := copy(p, c.read)
		c.read = c.read[n:]
		return n, nil
	}
	return c.Conn.Read(p)
}

// TestRemoteHost: the bound groups an IPv4 client by its address and an
// IPv6 one by its /64, whatever the port.
func TestRemoteHost(t *testing.T) {
	tcp := func(s string) net.Addr { return net.TCPAddrFromAddrPort(netip.MustParseAddrPort(s)) }
	for _, c := range []struct {
		addr net.Addr
		want string
	}{
		{tcp("192.0.2.7:50000"), "192.0.2.7"},
		{tcp("[::ffff:192.0.2.7]:50001"), "192.0.2.7"},
		{tcp("[2001:db8:1:2:aaaa::1]:50002"), "2001:db8:1:2::/64"},
		{tcp("[2001:db8:1:2:bbbb::9]:50003"), "2001:db8:1:2::/64"},
		{tcp("[2001:db8:1:3::1]:50004"), "2001:db8:1:3::/64"},
		{&net.UnixAddr{Name: "/run/x.sock", Net: "unix"}, "/run/x.sock"},
	} {
		if got := remoteHost(c.addr); got != c.want {
			t.Errorf("remoteHost(%v) = %q, want %q", c.addr, got, c.want)
		}
	}
}
