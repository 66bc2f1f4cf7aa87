package cli

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// gatedWriter holds every write until open is closed, as a log pipe no one
// reads does.
type gatedWriter struct {
	open chan struct{}
	b    strings.Builder
}

func (w *gatedWriter) Write(p []byte) (int, error) {
	<-w.open
	return w.b.Write(p)
}

// TestLogPipeDropsAndSays: lines written while the log is not read never
// block the writer; past the queue they are dropped, and once the log
// takes lines again the next one is preceded by a line saying how many
// were lost.
func TestLogPipeDropsAndSays(t *testing.T) {
	w := &gatedWriter{open: make(chan struct{})}
	p := newLogPipe(w)
	const written = logQueue + 100
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range written {
			fmt.Fprintf(p, "line %d\n", i)
		}
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("writing to a log no one reads blocked")
	}
	close(w.open)
	for deadline := time.Now().Add(5 * time.Second); len(p.lines) > 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the queue never drained")
		}
	}
	fmt.Fprintf(p, "after\n")
	p.close(5 * time.Second)
	out := w.b.String()
	kept := strings.Count(out, "line ")
	if kept >= written || kept < logQueue {
		t.Fatalf("%d of %d lines written out, want the queue's %d or one more", kept, written, logQueue)
	}
	want := fmt.Sprintf("WARN serve: %d log lines dropped: the log was not read as fast as serve wrote it\nafter\n", written-kept)
	if !strings.HasSuffix(out, want) {
		t.Errorf("the log ends %q, want the count of lines dropped before the next line: %q", out[max(len(out)-200, 0):], want)
	}
	// Closed, it takes lines without writing or blocking.
	if n, err := p.Write([]byte("late\n")); n != 5 || err != nil || strings.Contains(w.b.String(), "late") {
		t.Errorf("a write after close: %d %v", n, err)
	}
}
