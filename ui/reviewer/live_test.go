package reviewer

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/internal/uitest"
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
	if i := q.cursor; i < 0 || i >= len(q.items) || q.items[i].Handle() != "DF-9ZT4#1" {
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

// TestQueueChangesApplyInPlace: a QueueChangedMsg that names its changes
// updates the rows in place, as Queue would list them, without reading the
// queue again: a decided attempt leaves; another reviewer's claim is
// claimed, named and timed, or unnamed while the attempt awaits a blind
// second review; the reviewer's own claim is theirs, not claimed; a release
// frees the row, but not one someone else is shown holding; a change to an
// attempt the reviewer is not shown adds no row.
func TestQueueChangesApplyInPlace(t *testing.T) {
	f := newFake()
	s := start(t, f, common.Options{}, 100, 30)
	a := f.attempts
	s.WaitAfter(0, a[0].Handle(), "4 pending")
	calls := len(f.gotQueueCalls())
	until := uitest.Now.Add(30 * time.Minute)

	m := s.Mark()
	s.TM.Send(common.QueueChangedMsg{Changes: []common.QueueChange{
		{Key: a[0].Key(), Reviewer: "rev-2", Claimed: true, Until: until},
		{Key: a[0].Key(), Reviewer: "rev-2", Left: true},
		{Key: a[1].Key(), Reviewer: "rev-3", Claimed: true, Until: until},
		{Key: a[1].Key(), Reviewer: "rev-9"}, // releasing what rev-3 holds: a no-op
		{Key: a[2].Key(), Reviewer: "rev-4"}, // released
		{Key: a[3].Key(), Reviewer: "rev-1", Claimed: true, Until: until},
		{Key: review.AttemptKey{Application: "A-hidden", Attempt: 1}, Reviewer: "rev-5", Claimed: true},
	}})
	s.WaitAfter(m, "3 pending")
	m = s.Mark()
	s.TM.Send(common.QueueChangedMsg{Changes: []common.QueueChange{
		{Key: a[2].Key(), Reviewer: "rev-6", Claimed: true, Until: until, Hidden: true},
	}})
	s.WaitAfter(m, "in review")
	final := s.quit()
	if got := len(f.gotQueueCalls()); got != calls {
		t.Errorf("Queue called %d times for changes it was told, want 0", got-calls)
	}
	rows := map[review.AttemptKey]review.QueueItem{}
	for _, it := range final.queue.items {
		rows[it.Key()] = it
	}
	if _, ok := rows[a[0].Key()]; ok || len(rows) != 3 {
		t.Errorf("decided attempt still listed, or rows added: %+v", final.queue.items)
	}
	for _, c := range []struct {
		what string
		k    review.AttemptKey
		want review.QueueItem
	}{
		{"another reviewer's claim", a[1].Key(), review.QueueItem{Claimed: true, Holder: "rev-3", Until: until}},
		{"a blind second review's claim", a[2].Key(), review.QueueItem{Claimed: true, Until: until}},
		{"the reviewer's own claim", a[3].Key(), review.QueueItem{Holder: "rev-1", Until: until, Mine: true}},
	} {
		it := rows[c.k]
		if it.Claimed != c.want.Claimed || it.Holder != c.want.Holder || !it.Until.Equal(c.want.Until) || it.Mine != c.want.Mine {
			t.Errorf("%s: row %+v, want claimed %v, holder %q, until %s, mine %v", c.what, it, c.want.Claimed, c.want.Holder, c.want.Until, c.want.Mine)
		}
	}
	if v := final.View(); strings.Contains(v, "rev-6") || strings.Contains(v, "A-hidden") {
		t.Errorf("a blind reviewer named, or a row added:\n%s", v)
	}
	// A sampled attempt's claim may be its first review or its second:
	// the line says neither.
	final.queue.cursor = slices.IndexFunc(final.queue.items, func(it review.QueueItem) bool { return it.Key() == a[2].Key() })
	if line := final.queue.claimLine(); !strings.Contains(line, "is in a blind double review until") {
		t.Errorf("claim line %q", line)
	}
}

// TestSpareRowsMoveUp: with more attempts pending than the queue lists, a
// decision elsewhere moves the next attempt up from the spare rows loaded
// past the limit, without a reload, until they run out; then, with more
// past them, the queue reloads.
func TestSpareRowsMoveUp(t *testing.T) {
	for _, c := range []struct {
		name          string
		total, leave  int
		wantReloads   int
		wantListed    int
		wantSpareLeft int
	}{
		{"every attempt loaded", 530, 40, 0, 490, 0},
		{"spare rows used up", queueLimit + queueSpare + 36, queueSpare, 0, queueLimit, 0},
		{"one more than the spare rows", queueLimit + queueSpare + 36, queueSpare + 1, 1, queueLimit, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFake()
			base := f.attempts[3]
			for i := len(f.attempts); i < c.total; i++ {
				a := base
				a.Application, a.Pseudonym = fmt.Sprintf("X-%04d", i), fmt.Sprintf("ZZ-%04d", i)
				a.SubmittedAt = base.SubmittedAt.Add(time.Duration(i) * time.Minute)
				f.attempts = append(f.attempts, a)
			}
			s := start(t, f, common.Options{}, 100, 30)
			s.WaitAfter(0, fmt.Sprintf("%d+ pending", queueLimit))
			calls := len(f.gotQueueCalls())
			var changes []common.QueueChange
			f.mu.Lock()
			for _, a := range f.attempts[:c.leave] { // decided elsewhere, oldest first
				f.decided[a.Key()] = true
				changes = append(changes, common.QueueChange{Key: a.Key(), Reviewer: "rev-2", Left: true})
			}
			f.mu.Unlock()
			m := s.Mark()
			s.TM.Send(common.QueueChangedMsg{Changes: changes})
			// The oldest still pending now tops the list (an unchanged
			// header is not drawn again).
			wants := []string{f.attempts[c.leave].Pseudonym}
			if c.wantListed < queueLimit {
				wants = append(wants, fmt.Sprintf("%d pending", c.wantListed))
			}
			s.WaitAfter(m, wants...)
			final := s.quit()
			if got := len(f.gotQueueCalls()) - calls; got != c.wantReloads {
				t.Errorf("%d reloads, want %d", got, c.wantReloads)
			}
			q := final.queue
			if len(q.items) != c.wantListed || len(q.spare) != c.wantSpareLeft && c.wantReloads == 0 {
				t.Errorf("%d listed, %d spare; want %d and %d", len(q.items), len(q.spare), c.wantListed, c.wantSpareLeft)
			}
			// Listed as a reload lists them: the oldest pending, in order.
			for i, it := range q.items {
				if want := f.attempts[c.leave+i].Key(); it.Key() != want {
					t.Fatalf("row %d is %s, want %s", i, it.Key(), want)
				}
			}
		})
	}
}

// TestFailedClaimNamesTheHolder: enter on a row another reviewer is shown
// holding says who and until when on the status line, as the claim line
// under the table does, not "someone else"; the reload after the refusal
// keeps that status, and once the row shows the holder released the
// attempt, the status says it is free instead of naming them.
func TestFailedClaimNamesTheHolder(t *testing.T) {
	f := newFake()
	s := start(t, f, common.Options{}, 160, 30)
	a := f.attempts
	s.WaitAfter(0, a[0].Handle())
	m := s.Mark()
	until := uitest.Now.Add(30 * time.Minute)
	// The fake refuses a claim on a[2] (held by another); the row learns who.
	s.TM.Send(common.QueueChangedMsg{Changes: []common.QueueChange{{Key: a[2].Key(), Reviewer: "rev-7", Claimed: true, Until: until}}})
	s.WaitAfter(m, "rev-7")
	s.Do(keys("down", "down", "enter"), a[2].Handle()+" is being reviewed by rev-7 until "+until.Format("15:04"))
	waitFor(t, "the reload after ErrClaimed", func() bool { return len(f.gotQueueCalls()) == 2 })
	// Only the status the refusal wrote turns into this one: had the
	// reload cleared it, this would never show.
	m = s.Mark()
	s.TM.Send(common.QueueChangedMsg{Changes: []common.QueueChange{{Key: a[2].Key(), Reviewer: "rev-7"}}})
	s.WaitAfter(m, a[2].Handle()+" is free now: enter opens it")
	if v := s.quit().View(); strings.Contains(v, "is being reviewed by rev-7") {
		t.Errorf("the status still names the holder who left:\n%s", v)
	}
}

// TestRefusalSaidOnce: a refused claim on the selected row is said once,
// not on the status line and again on the claim line under it, and in
// the words that know most: once the row learns who holds the attempt,
// the line names them instead of "someone else".
func TestRefusalSaidOnce(t *testing.T) {
	f := newFake()
	s := start(t, f, common.Options{}, 160, 30)
	a := f.attempts
	s.WaitAfter(0, a[0].Handle())
	s.Do(keys("down", "down", "enter"), a[2].Handle()+" is being reviewed by someone else")
	waitFor(t, "the reload after ErrClaimed", func() bool { return len(f.gotQueueCalls()) == 2 })
	until := uitest.Now.Add(30 * time.Minute)
	m := s.Mark()
	s.TM.Send(common.QueueChangedMsg{Changes: []common.QueueChange{{Key: a[2].Key(), Reviewer: "rev-7", Claimed: true, Until: until}}})
	s.WaitAfter(m, a[2].Handle()+" is being reviewed by rev-7 until "+until.Format("15:04"))
	v := s.quit().View()
	if n := strings.Count(v, a[2].Handle()+" is being reviewed"); n != 1 || strings.Contains(v, "someone else") {
		t.Errorf("the refusal is said %d times:\n%s", n, v)
	}
}
