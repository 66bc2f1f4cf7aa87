package server

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/log"
	gossh "golang.org/x/crypto/ssh"

	"assessor/review"
)

// TestConnectionsPerKeyBounded: one key holds at most ConnsPerKey
// connections logged in at once, sessions or not (600 idle ones of one
// key held 6600 goroutines); the one past it is closed as it logs in,
// in one log line, another key is not affected, and closing one lets the
// key in again.
func TestConnectionsPerKeyBounded(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 5)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	other := addReviewer(t, st, "rev-2", review.RoleReviewer)
	var logged syncBuffer
	_, addr := startServer(t, st, Config{ConnsPerKey: 3, Logger: log.New(&logged)})
	stranger, _ := newKey(t)
	dial := func(key signer) (*gossh.Client, error) {
		// An unknown key offered first: the login counts under the one it used.
		conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "r", Auth: []gossh.AuthMethod{gossh.PublicKeys(stranger, key)},
			HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second}) // loopback test server
		if err == nil {
			t.Cleanup(func() { conn.Close() })
		}
		return conn, err
	}
	var held []*gossh.Client
	for i := range 3 {
		conn, err := dial(rev)
		if err != nil {
			t.Fatalf("connection %d: %v", i+1, err)
		}
		held = append(held, conn)
	}
	if _, err := dial(rev); err == nil {
		t.Fatal("a 4th connection with one key logged in")
	}
	if got := strings.Count(logged.after(0), "too many connections with this key"); got != 1 {
		t.Errorf("the refusal logged %d times:\n%s", got, logged.after(0))
	}
	if _, err := dial(other); err != nil {
		t.Fatalf("another key: %v", err)
	}
	held[0].Close()
	waitUntil(t, "a freed place", func() bool {
		conn, err := dial(rev)
		if err == nil {
			conn.Close()
		}
		return err == nil
	})
}
