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

// TestServeListenIPv6WildcardHintConnects: --listen [::]:PORT listens on
// IPv6 alone, so the ssh line the log and every "is being served" refusal
// give names ::1: it named localhost, which may be 127.0.0.1 alone, where
// that ssh was refused.
func TestServeListenIPv6WildcardHintConnects(t *testing.T) {
	t.Parallel()
	if ln, err := net.Listen("tcp6", "[::1]:0"); err != nil {
		t.Skip("no IPv6 loopback")
	} else {
		ln.Close()
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var logs bytes.Buffer
	go func() { done <- runServe(ctx, db, "[::]:0", filepath.Join(dir, "host_key"), &logs) }()
	defer func() { cancel(); <-done }()
	addr := waitSidecar(t, db, &logs)

	hint := strings.Fields(server.SSHHint(addr)) // ssh -p PORT HOST
	host, port := hint[len(hint)-1], hint[2]
	c, err := net.DialTimeout("tcp", net.JoinHostPort(host, port), time.Second)
	if err != nil {
		t.Errorf("serve --listen [::]:0 (sidecar %s) hints %q, which does not connect: %v", addr, strings.Join(hint, " "), err)
		return
	}
	c.Close()
}
