package server

import (
	"sync"
	"time"
)

// logEvery spaces the log lines about what a client can repeat at will
// (connections closed at the pending bound, unknown keys offered): one
// line per event would let a client that never logs in grow the log as
// fast as it can connect, and fill a log pipe that serve then waits on.
const logEvery = 10 * time.Second

// spacer gives the first event its log line, then at most one line
// every logEvery, which stands for the events since the last.
type spacer struct {
	mu   sync.Mutex
	at   time.Time // of the last line
	held int       // events since it
}

// tick counts one event and reports whether a line is due and how many
// events it stands for.
func (s *spacer) tick() (int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.held++
	if !s.at.IsZero() && time.Since(s.at) < logEvery {
		return 0, false
	}
	n := s.held
	s.held, s.at = 0, time.Now()
	return n, true
}
