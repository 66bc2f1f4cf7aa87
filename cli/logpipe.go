package cli

import (
	"bytes"
	"fmt"
	"io"
	"sync"
	"time"
)

// logQueue is how many log lines serve holds for a log that is not read
// as fast as it writes them: about a minute of a busy server's lines.
const logQueue = 1024

// logPipe is serve's log writer, which serve never waits on: lines queue
// for one goroutine that writes them to w. A reader that stalls (a full
// pipe, a service manager's logger stopped) would otherwise block every
// log call, and with them new logins and the shutdown that saves drafts;
// past the queue, lines are dropped and counted, and the next line that
// fits is preceded by one saying how many. A reader gone (EPIPE) costs
// only its lines.
type logPipe struct {
	w     io.Writer
	lines chan []byte
	done  chan struct{}

	mu      sync.Mutex
	closed  bool
	dropped int // lines dropped since the last notice
}

func newLogPipe(w io.Writer) *logPipe {
	p := &logPipe{w: w, lines: make(chan []byte, logQueue), done: make(chan struct{})}
	go p.run()
	return p
}

// Write queues b, one log line, and never blocks.
func (p *logPipe) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return len(b), nil
	}
	if p.dropped > 0 && len(p.lines) < cap(p.lines)-1 {
		p.lines <- fmt.Appendf(nil, "%s WARN serve: %d log lines dropped: the log was not read as fast as serve wrote it\n", time.Now().Format("2006/01/02 15:04:05"), p.dropped)
		p.dropped = 0
	}
	select {
	case p.lines <- bytes.Clone(b):
	default:
		p.dropped++
	}
	return len(b), nil
}

func (p *logPipe) run() {
	defer close(p.done)
	for b := range p.lines {
		_, _ = p.w.Write(b) // a log that fails has no one to tell
	}
}

// close writes what is queued, waiting at most wait for a log that is
// not read: serve stops on time whatever its log does.
func (p *logPipe) close(wait time.Duration) {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		close(p.lines)
	}
	p.mu.Unlock()
	select {
	case <-p.done:
	case <-time.After(wait):
	}
}
