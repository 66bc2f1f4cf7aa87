package server

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/log"
	gossh "golang.org/x/crypto/ssh"

	"assessor/review"
)

// TestUnknownKeysLogSpaced: a client that never logs in may offer unknown
// keys as fast as it can connect, each of up to six a connection; the log
// gets the first a line, then at most one every logEvery, counting the
// keys refused meanwhile, where it grew a line a key (about 2 GB a day
// from one client) and filled a log pipe serve then waited on.
func TestUnknownKeysLogSpaced(t *testing.T) {
	t.Parallel()
	var logged syncBuffer
	_, addr := startServer(t, newDemoStore(t, 5), Config{Logger: log.New(&logged)})
	var keys []gossh.Signer
	for range 4 {
		k, _ := newKey(t)
		keys = append(keys, k)
	}
	const tries = 20
	for range tries {
		_, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "x", Auth: []gossh.AuthMethod{gossh.PublicKeys(keys...)},
			HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second}) // loopback test server
		if err == nil {
			t.Fatal("an unknown key logged in")
		}
	}
	if n := strings.Count(logged.after(0), "refused unknown key"); n != 1 {
		t.Errorf("%d connections offering %d unknown keys each gave %d log lines, want 1 in %v:\n%s", tries, len(keys), n, logEvery, logged.after(0))
	}
	if !strings.Contains(logged.after(0), "refused=1") {
		t.Errorf("the first line does not count its one key:\n%s", logged.after(0))
	}
}

// TestSpacerCounts: a line is due for the first event and then once
// logEvery has passed, standing for every event since the last line.
func TestSpacerCounts(t *testing.T) {
	var s spacer
	if n, due := s.tick(); !due || n != 1 {
		t.Fatalf("first event: %d %v, want a line for 1", n, due)
	}
	for range 5 {
		if _, due := s.tick(); due {
			t.Fatal("a line within logEvery of the last")
		}
	}
	s.at = s.at.Add(-logEvery) // as if logEvery had passed
	if n, due := s.tick(); !due || n != 6 {
		t.Errorf("after logEvery: %d %v, want a line for the 6 since the last", n, due)
	}
}

// TestSubsystemRequestsLoggedOnce: a signed-in reviewer may send any
// number of subsystem requests on one session channel (no new session, no
// round trip: want-reply false); serve logs the session's first, where
// each gave a "refused" line (and a store read): 2,000 requests, 2,000
// lines, crowding every other user's lines out of a log that lags.
func TestSubsystemRequestsLoggedOnce(t *testing.T) {
	t.Parallel()
	var logged syncBuffer
	st := newDemoStore(t, 5)
	key := addReviewer(t, st, "qa-rev", review.RoleReviewer)
	_, addr := startServer(t, st, Config{Logger: log.New(&logged)})
	c := dialKey(t, addr, key)
	ch, reqs, err := c.OpenChannel("session", nil)
	if err != nil {
		t.Fatal(err)
	}
	go gossh.DiscardRequests(reqs)
	payload := gossh.Marshal(struct{ Name string }{"sftp"})
	const tries = 2000
	for range tries {
		if _, err := ch.SendRequest("subsystem", false, payload); err != nil {
			t.Fatal(err)
		}
	}
	if ok, err := ch.SendRequest("subsystem", true, payload); ok || err != nil { // all before it handled
		t.Fatalf("last subsystem request: %v %v", ok, err)
	}
	if n := strings.Count(logged.after(0), "(a subsystem"); n != 1 {
		t.Errorf("%d subsystem requests on one session gave %d log lines", tries+1, n)
	}
}

// TestKeyConnsLogSpaced: past a key's connection bound, logins with that
// key are refused with a line at most every logEvery, counting those
// refused since, where each had its own WARN line, without bound.
func TestKeyConnsLogSpaced(t *testing.T) {
	t.Parallel()
	var logged syncBuffer
	st := newDemoStore(t, 5)
	key := addReviewer(t, st, "qa-rev", review.RoleReviewer)
	_, addr := startServer(t, st, Config{Logger: log.New(&logged), ConnsPerKey: 1})
	dialKey(t, addr, key) // holds the one connection allowed
	const tries = 50
	for range tries {
		c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "r", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
			HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second})
		if err == nil {
			c.Close()
			t.Fatal("a connection past the bound logged in")
		}
	}
	time.Sleep(200 * time.Millisecond)
	if n := strings.Count(logged.after(0), "too many connections with this key"); n != 1 {
		t.Errorf("%d logins past the bound gave %d log lines", tries, n)
	}
}
