package reviewer

import (
	"strings"
	"testing"

	"assessor/review"
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

// rowOf is the line of view listing handle, "" when none does.
func rowOf(view, handle string) string {
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, handle) {
			return l
		}
	}
	return ""
}

// TestQueueChangesApplyInPlace: a QueueChangedMsg that names its changes
// updates the rows in place without reading the queue again: a decided
// attempt leaves, another reviewer's claim shows "in review", a release
// clears it, the reviewer's own claim is not marked, and a change to an
// attempt the reviewer is not shown adds no row.
func TestQueueChangesApplyInPlace(t *testing.T) {
	f := newFake()
	s := start(t, f, common.Options{}, 100, 30)
	a := f.attempts
	s.WaitAfter(0, a[0].Handle(), "4 pending")
	calls := len(f.gotQueueCalls())

	m := s.Mark()
	s.TM.Send(common.QueueChangedMsg{Changes: []common.QueueChange{
		{Key: a[0].Key(), Reviewer: "rev-2", Claimed: true},
		{Key: a[0].Key(), Reviewer: "rev-2", Left: true},
		{Key: a[1].Key(), Reviewer: "rev-3", Claimed: true},
		{Key: a[2].Key(), Reviewer: "rev-4"}, // released
		{Key: a[3].Key(), Reviewer: "rev-1", Claimed: true},
		{Key: review.AttemptKey{Application: "A-hidden", Attempt: 1}, Reviewer: "rev-5", Claimed: true},
	}})
	s.WaitAfter(m, "3 pending")
	v := s.quit().View()
	if got := len(f.gotQueueCalls()); got != calls {
		t.Errorf("Queue called %d times for changes it was told, want 0", got-calls)
	}
	if row := rowOf(v, a[0].Handle()); row != "" {
		t.Errorf("decided attempt still listed: %q", row)
	}
	if row := rowOf(v, a[1].Handle()); !strings.Contains(row, "in review") {
		t.Errorf("another reviewer's claim not shown: %q", row)
	}
	if row := rowOf(v, a[2].Handle()); row == "" || strings.Contains(row, "in review") {
		t.Errorf("released attempt not shown free: %q", row)
	}
	if row := rowOf(v, a[3].Handle()); row == "" || strings.Contains(row, "in review") {
		t.Errorf("the reviewer's own claim marked as someone else's: %q", row)
	}
	if strings.Contains(v, "A-hidden") {
		t.Errorf("a change added a row:\n%s", v)
	}
}
