package cli

import (
	"bytes"
	"context"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"assessor/server"
)

// serveOnWildcard runs serve on listen (a wildcard address, port 0) until
// the test ends, and gives the address its sidecar names; the test skips
// where this machine has no IPv6 loopback.
func serveOnWildcard(t *testing.T, listen string) (addr string, logs *bytes.Buffer) {
	t.Helper()
	if ln, err := net.Listen("tcp6", "[::1]:0"); err != nil {
		t.Skip("no IPv6 loopback")
	} else {
		ln.Close()
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	logs = &bytes.Buffer{}
	go func() { done <- runServe(ctx, db, listen, filepath.Join(dir, "host_key"), "", logs, notifyStderr) }()
	t.Cleanup(func() { cancel(); <-done })
	return waitSidecar(t, db, logs), logs
}

// TestServeListenIPv4WildcardIsIPv4Only: docs/operations.md starts serve
// with --listen 0.0.0.0:2222 and says to put it "behind your firewall": an
// operator who asked for every IPv4 address and firewalled IPv4 got a
// server that also answered on every IPv6 address (Go's "tcp" listens on
// [::] for 0.0.0.0), and a sidecar naming [::]:PORT.
func TestServeListenIPv4WildcardIsIPv4Only(t *testing.T) {
	t.Parallel()
	addr, logs := serveOnWildcard(t, "0.0.0.0:0")
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	if c, err := net.DialTimeout("tcp6", net.JoinHostPort("::1", port), time.Second); err == nil {
		c.Close()
		t.Errorf("serve --listen 0.0.0.0:%s accepts IPv6 connections (sidecar %q); log:\n%s", port, addr, logs.String())
	}
	if c, err := net.DialTimeout("tcp4", net.JoinHostPort("127.0.0.1", port), time.Second); err != nil {
		t.Errorf("serve --listen 0.0.0.0:%s refuses IPv4: %v", port, err)
	} else {
		c.Close()
	}
}

// TestServeListenIPv6WildcardHintConnects: --listen [::]:PORT listens on
// IPv6 alone, so the ssh line the log and every "is being served" refusal
// give names ::1: it named localhost, which may be 127.0.0.1 alone, where
// that ssh was refused.
func TestServeListenIPv6WildcardHintConnects(t *testing.T) {
	t.Parallel()
	addr, _ := serveOnWildcard(t, "[::]:0")
	hint := strings.Fields(server.SSHHint(addr)) // ssh -p PORT HOST
	host, port := hint[len(hint)-1], hint[2]
	c, err := net.DialTimeout("tcp", net.JoinHostPort(host, port), time.Second)
	if err != nil {
		t.Fatalf("serve --listen [::]:0 (sidecar %s) hints %q, which does not connect: %v", addr, strings.Join(hint, " "), err)
	}
	c.Close()
}

// TestListenNetwork: an address's family picks the network; a name, or
// no host, listens as Go's "tcp" does.
func TestListenNetwork(t *testing.T) {
	for in, want := range map[string]string{
		"0.0.0.0:2222": "tcp4", "127.0.0.1:0": "tcp4", "[::]:2222": "tcp6", "[::1]:0": "tcp6",
		"localhost:2222": "tcp", ":2222": "tcp", "[::ffff:127.0.0.1]:0": "tcp4",
	} {
		if got := listenNetwork(in); got != want {
			t.Errorf("listenNetwork(%q) = %s, want %s", in, got, want)
		}
	}
}
