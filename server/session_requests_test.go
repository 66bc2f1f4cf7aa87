package server

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"assessor/review"
)

// TestEnvRequestsBounded: a session takes the variables a client sends
// by default (LANG, the LC_*, NO_COLOR, COLORTERM) and refuses one past
// MaxEnvVars or too long, so a flood of env requests before the shell
// holds nothing (the library kept every one for the session's life: 400
// of 100 KiB held 40 MiB). Not parallel: it measures the process's heap.
func TestEnvRequestsBounded(t *testing.T) {
	st := newDemoStore(t, 5)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	_, addr := startServer(t, st, Config{})
	conn := dialKey(t, addr, rev)
	ch, reqs, err := conn.OpenChannel("session", nil)
	if err != nil {
		t.Fatal(err)
	}
	go gossh.DiscardRequests(reqs)
	setenv := func(k, v string, reply bool) bool {
		ok, err := ch.SendRequest("env", reply, gossh.Marshal(struct{ Key, Value string }{k, v}))
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	names := []string{"LANG", "LC_ALL", "NO_COLOR", "COLORTERM", "TERM_PROGRAM"}
	for i := 0; len(names) < MaxEnvVars; i++ {
		names = append(names, fmt.Sprintf("LC_%d", i))
	}
	for _, k := range names {
		if !setenv(k, "en_GB.UTF-8", true) {
			t.Fatalf("%s refused among the first %d variables", k, MaxEnvVars)
		}
	}
	if setenv("LC_MORE", "C", true) {
		t.Errorf("variable %d accepted", MaxEnvVars+1)
	}
	if setenv("X", strings.Repeat("x", MaxEnvValueLen+1), true) {
		t.Errorf("a value of %d bytes accepted", MaxEnvValueLen+1)
	}
	if setenv(strings.Repeat("X", MaxEnvNameLen+1), "1", true) {
		t.Errorf("a name of %d bytes accepted", MaxEnvNameLen+1)
	}

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	value := strings.Repeat("x", 100<<10)
	const n = 400
	for i := range n {
		setenv("LC_X", value, i == n-1) // the last reply follows every one before it
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if held := int64(after.HeapAlloc) - int64(before.HeapAlloc); held > 16<<20 {
		t.Errorf("%d env requests of 100 KiB hold %d MiB of the server's heap", n, held>>20)
	}
}

// TestSignalRequestsHoldNothing: the library kept up to 128 signal
// requests of any size a session for its life (four sessions of 128 of
// 100 KiB held 52 MiB); the server reads none, so each is refused.
// Not parallel: it measures the process's heap.
func TestSignalRequestsHoldNothing(t *testing.T) {
	st := newDemoStore(t, 5)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	_, addr := startServer(t, st, Config{})
	conn := dialKey(t, addr, rev)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	value := strings.Repeat("x", 100<<10)
	const sessions, n = 4, 128
	for range sessions {
		ch, reqs, err := conn.OpenChannel("session", nil)
		if err != nil {
			t.Fatal(err)
		}
		go gossh.DiscardRequests(reqs)
		for range n {
			if _, err := ch.SendRequest("signal", false, gossh.Marshal(struct{ Signal string }{value})); err != nil {
				t.Fatal(err)
			}
		}
		// A request with a reply (the library answers no signal): every
		// signal before it was handled.
		if ok, err := ch.SendRequest("env", true, gossh.Marshal(struct{ Key, Value string }{"LANG", "C"})); err != nil || !ok {
			t.Fatalf("LANG after the signals: %v, accepted %t", err, ok)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if held := int64(after.HeapAlloc) - int64(before.HeapAlloc); held > 16<<20 {
		t.Errorf("%d sessions × %d signal requests of 100 KiB hold %d MiB of the server's heap", sessions, n, held>>20)
	}
}
