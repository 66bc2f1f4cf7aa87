package reviewer

import (
	"strings"
	"testing"

	"assessor/ui/common"
)

// TestQueueChangedReloadsKeepingCursor: a QueueChangedMsg reloads the queue
// without a keystroke, and the cursor stays on the attempt it was on when
// a row above it disappears.
func TestQueueChangedReloadsKeepingCursor(t *testing.T) {
	f := newFake()
	s := start(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "DF-B2C8#1", "4 pending")
	s.Press("down", "down") // onto DF-9ZT4#1; Send keeps the order
	calls := len(f.gotQueueCalls())

	// Another reviewer decides the oldest attempt.
	f.mu.Lock()
	f.decided[f.attempts[0].Key()] = true
	f.mu.Unlock()
	m := s.Mark()
	s.TM.Send(common.QueueChangedMsg{})
	s.WaitAfter(m, "3 pending")
	if got := len(f.gotQueueCalls()); got != calls+1 {
		t.Errorf("Queue called %d times for one change, want 1", got-calls)
	}

	final := s.quit()
	q := final.queue
	if i := q.table.Cursor(); i < 0 || i >= len(q.items) || q.items[i].Handle() != "DF-9ZT4#1" {
		t.Fatalf("cursor on row %d (%v), want it to stay on DF-9ZT4#1", i, q.items)
	}
}

// TestQueueChangedKeepsStatus: a live reload does not clear the status
// line the reviewer is reading.
func TestQueueChangedKeepsStatus(t *testing.T) {
	f := newFake()
	s := start(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "DF-B2C8#1")
	s.Do(keys("down", "down", "enter"), "DF-9ZT4#1 is being reviewed by someone else")
	waitFor(t, "the reload after ErrClaimed", func() bool { return len(f.gotQueueCalls()) == 2 })
	s.TM.Send(common.QueueChangedMsg{})
	waitFor(t, "the live reload", func() bool { return len(f.gotQueueCalls()) == 3 })
	if v := s.quit().View(); !strings.Contains(v, "is being reviewed by someone else") {
		t.Fatalf("status cleared by a live reload:\n%s", v)
	}
}
