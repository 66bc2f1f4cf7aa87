package server

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/log"
	gossh "golang.org/x/crypto/ssh"
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
