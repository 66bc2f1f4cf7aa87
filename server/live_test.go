package server

import (
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui"
)

// TestThrottleCoalescesBursts: a burst of pokes runs the function twice,
// once at once and once after the quiet spell, and nothing runs after
// stop.
func TestThrottleCoalescesBursts(t *testing.T) {
	t.Parallel()
	// The second burst must start inside the quiet spell after the first
	// run: long enough for that under the race detector on a busy machine.
	const every = 500 * time.Millisecond
	var runs atomic.Int32
	th := newThrottle(func() { runs.Add(1) })
	for range 50 {
		th.poke(every, 0)
	}
	waitUntil(t, "the first run", func() bool { return runs.Load() >= 1 })
	for range 50 {
		th.poke(every, 0) // inside the quiet spell: one trailing run
	}
	waitUntil(t, "the trailing run", func() bool { return runs.Load() >= 2 })
	// Absence takes a wait: a quiet spell and a half with no pokes, in
	// which nothing more may run.
	time.Sleep(every * 3 / 2)
	if n := runs.Load(); n != 2 {
		t.Fatalf("100 pokes in one burst ran %d times, want 2 (leading and trailing)", n)
	}
	th.stop()
	th.poke(0, 0)
	time.Sleep(every * 3 / 2) // absence again: a poke after stop never runs
	if n := runs.Load(); n != 2 {
		t.Fatalf("ran after stop")
	}
}

// TestThrottleRunsOneAtATime: while fn is blocked (a program stuck
// writing to a client that stops reading), pokes start no other run of
// it; once it returns, the changes poked meanwhile get one run more.
func TestThrottleRunsOneAtATime(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	var runs, running, most atomic.Int32
	th := newThrottle(func() {
		n := running.Add(1)
		if n > most.Load() {
			most.Store(n)
		}
		runs.Add(1)
		<-release
		running.Add(-1)
	})
	th.poke(time.Millisecond, 0)
	waitUntil(t, "the first run", func() bool { return runs.Load() == 1 })
	for range 50 {
		th.poke(time.Millisecond, 0)
		time.Sleep(2 * time.Millisecond)
	}
	if n := most.Load(); n != 1 {
		t.Fatalf("%d runs at once behind a blocked one; want 1", n)
	}
	close(release)
	waitUntil(t, "the run for the pokes made while blocked", func() bool { return runs.Load() == 2 })
	time.Sleep(50 * time.Millisecond)
	if n := runs.Load(); n != 2 {
		t.Errorf("ran %d times; want 2 (the blocked run, then one for the pokes it held back)", n)
	}
}

// countingBackend fails every call when fail is set.
type countingBackend struct {
	ui.Backend
	fail bool
}

// errBoom is countingBackend's failure.
var errBoom = errors.New("boom")

func (b countingBackend) Next(string, string) (review.Assignment, error) { return b.result() }
func (b countingBackend) Claim(string, review.AttemptKey) (review.Assignment, error) {
	return b.result()
}
func (b countingBackend) ReleaseLease(reviewer string, _ review.AttemptKey) (review.Lease, bool, error) {
	_, err := b.result()
	return review.Lease{Reviewer: reviewer}, err == nil, err
}
func (b countingBackend) DecideDraft(string, review.AttemptKey, review.Draft) (review.Decision, error) {
	_, err := b.result()
	return review.Decision{}, err
}
func (b countingBackend) SaveDraftLease(string, review.AttemptKey, review.Draft) (review.Lease, bool, error) {
	return review.Lease{}, false, nil
}

// result is every call's outcome: errBoom when fail is set.
func (b countingBackend) result() (review.Assignment, error) {
	if b.fail {
		return review.Assignment{}, errBoom
	}
	return review.Assignment{}, nil
}

// TestLiveBackendAnnouncesOnlyChanges: claims, releases and decisions that
// succeed are announced, each naming its attempt, reviewer and what
// happened; failures and draft saves that take no lease are not.
func TestLiveBackendAnnouncesOnlyChanges(t *testing.T) {
	t.Parallel()
	k := review.AttemptKey{Application: "A-1", Attempt: 1}
	for _, fail := range []bool{false, true} {
		var got []ui.QueueChange
		b := liveBackend{liveStore: countingBackend{fail: fail}, changed: func(ch ui.QueueChange) { got = append(got, ch) },
			decided: func(review.AttemptKey) (bool, error) { return true, nil },
			sampled: func(review.AttemptKey) (bool, error) { return false, nil }}
		_, _ = b.Next("r", "")
		_, _ = b.Claim("r", k)
		_ = b.Release("r", k)
		_, _ = b.DecideDraft("r", k, review.Draft{})
		_ = b.SaveDraft("r", k, review.Draft{})
		want := []ui.QueueChange{
			{Key: review.AttemptKey{}, Reviewer: "r", Claimed: true}, // countingBackend's Next assigns the zero attempt
			{Key: k, Reviewer: "r", Claimed: true},
			{Key: k, Reviewer: "r"},
			{Key: k, Reviewer: "r", Left: true},
		}
		if fail {
			want = nil
		}
		if !slices.Equal(got, want) {
			t.Errorf("fail=%v: announced %+v, want %+v", fail, got, want)
		}
	}
}

// TestDecideAnnouncesWhatItDid: a decision of record takes the attempt out
// of every queue; a review of a sampled attempt (it stays queued for its
// second reviewer, or goes to the disputes), or one the store cannot tell
// about, makes every queue reload.
func TestDecideAnnouncesWhatItDid(t *testing.T) {
	t.Parallel()
	k := review.AttemptKey{Application: "A-1", Attempt: 1}
	for _, c := range []struct {
		name    string
		decided func(review.AttemptKey) (bool, error)
		want    ui.QueueChange
	}{
		{"of record", func(review.AttemptKey) (bool, error) { return true, nil }, ui.QueueChange{Key: k, Reviewer: "r", Left: true}},
		{"sampled", func(review.AttemptKey) (bool, error) { return false, nil }, ui.QueueChange{}},
		{"unknown", func(review.AttemptKey) (bool, error) { return false, errBoom }, ui.QueueChange{}},
		{"no reader", nil, ui.QueueChange{}},
	} {
		var got []ui.QueueChange
		b := liveBackend{liveStore: countingBackend{}, changed: func(ch ui.QueueChange) { got = append(got, ch) }, decided: c.decided}
		if _, err := b.DecideDraft("r", k, review.Draft{}); err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%s: announced %+v, want %+v", c.name, got, c.want)
		}
	}
}

// TestClaimAnnouncesBlindClaimsWithoutName: the claim of an attempt that
// awaits its blind second review is announced as hidden, so no queue
// names its holder; when the store cannot tell, every queue reloads.
func TestClaimAnnouncesBlindClaimsWithoutName(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name    string
		sampled func(review.AttemptKey) (bool, error)
		want    ui.QueueChange
	}{
		{"plain", func(review.AttemptKey) (bool, error) { return false, nil }, ui.QueueChange{Reviewer: "r", Claimed: true}},
		{"blind second review", func(review.AttemptKey) (bool, error) { return true, nil }, ui.QueueChange{Reviewer: "r", Claimed: true, Hidden: true}},
		{"unknown", func(review.AttemptKey) (bool, error) { return false, errBoom }, ui.QueueChange{}},
		{"no reader", nil, ui.QueueChange{}},
	} {
		var got []ui.QueueChange
		b := liveBackend{liveStore: countingBackend{}, changed: func(ch ui.QueueChange) { got = append(got, ch) }, sampled: c.sampled}
		if _, err := b.Claim("r", review.AttemptKey{}); err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%s: announced %+v, want %+v", c.name, got, c.want)
		}
	}
}

// TestSessionCoalescesChanges: changes announced between two deliveries
// arrive as one message, in order; an unknown change or too many turn it
// into one full reload; a delivery takes what was pending, and one with
// nothing new sends nothing (an empty message would reload in full). A
// session that joins later gets only what was announced after it came,
// and its deliveries do not take another session's.
func TestSessionCoalescesChanges(t *testing.T) {
	t.Parallel()
	h := newHub()
	session := func() *liveSession {
		ls := &liveSession{refresh: newThrottle(func() {})}
		ls.refresh.stop() // deliveries are taken by hand here
		if !h.add(ls) {
			t.Fatal("hub refused a session")
		}
		return ls
	}
	ls := session()
	a := ui.QueueChange{Key: review.AttemptKey{Application: "A-1", Attempt: 1}, Reviewer: "r1", Claimed: true}
	b := ui.QueueChange{Key: review.AttemptKey{Application: "A-2", Attempt: 1}, Reviewer: "r2", Left: true}
	delivery := func(s *liveSession) ([]ui.QueueChange, bool) {
		msg, ok := s.queueChanged()
		return msg.Changes, ok
	}
	h.announce(time.Hour, a)
	later := session()
	h.announce(time.Hour, b)
	if got, ok := delivery(ls); !ok || !slices.Equal(got, []ui.QueueChange{a, b}) {
		t.Errorf("delivered %+v (sent %v), want both changes in order", got, ok)
	}
	if got, ok := delivery(ls); ok {
		t.Errorf("second delivery sent %+v, want nothing sent", got)
	}
	if got, ok := delivery(later); !ok || !slices.Equal(got, []ui.QueueChange{b}) {
		t.Errorf("the later session got %+v (sent %v), want only the change after it came", got, ok)
	}
	h.announce(time.Hour, a)
	h.announce(time.Hour, ui.QueueChange{})
	h.announce(time.Hour, b)
	if got, ok := delivery(ls); !ok || got != nil {
		t.Errorf("after an unknown change delivered %+v (sent %v), want a full reload", got, ok)
	}
	if got, ok := delivery(later); !ok || got != nil {
		t.Errorf("the later session got %+v (sent %v) after an unknown change, want a full reload", got, ok)
	}
	h.announce(time.Hour, a)
	if got, ok := delivery(ls); !ok || !slices.Equal(got, []ui.QueueChange{a}) {
		t.Errorf("after the reload delivered %+v (sent %v), want the one change since", got, ok)
	}
	for range maxPendingChanges + 1 {
		h.announce(time.Hour, a)
	}
	if got, ok := delivery(ls); !ok || got != nil {
		t.Errorf("%d changes delivered one by one (sent %v), want a full reload past %d", len(got), ok, maxPendingChanges)
	}
	for range 3 * maxPendingChanges {
		h.announce(time.Hour, b)
	}
	h.announce(time.Hour, a)
	if got, ok := delivery(ls); !ok || got != nil {
		t.Errorf("changes no longer kept: delivered %d (sent %v), want a full reload", len(got), ok)
	}
	h.announce(time.Hour, a)
	h.announce(time.Hour, b)
	kept, ok := delivery(ls)
	if !ok || !slices.Equal(kept, []ui.QueueChange{a, b}) {
		t.Errorf("after the log was cut delivered %+v (sent %v), want the two changes since", kept, ok)
	}
	// A delivered message shares the log's array: what the log keeps or
	// drops later must leave it as it was.
	for range 2 * maxPendingChanges {
		h.announce(time.Hour, ui.QueueChange{Key: review.AttemptKey{Application: "A-3", Attempt: 1}})
	}
	if !slices.Equal(kept, []ui.QueueChange{a, b}) {
		t.Errorf("a delivered message changed under its program: %+v", kept)
	}
}

// TestBroadcastSpreadsReloadsOverManySessions: with more sessions than
// maxReloadsPerSecond allows at the base gap, each session's gap grows:
// a second change reaches each session no sooner than 2 s after its first.
func TestBroadcastSpreadsReloadsOverManySessions(t *testing.T) {
	t.Parallel()
	h := newHub()
	const n = 2 * maxReloadsPerSecond // so the gap is 2s
	var mu sync.Mutex
	runs := make([][]time.Time, n)
	for i := range n {
		// Each run is timed as the throttle timed it: a run's goroutine
		// may start later than that under load, which shortened the gap
		// between two runs' own clocks (1.998 s once in CI).
		ls := &liveSession{}
		ls.refresh = newThrottle(func() {
			ls.refresh.mu.Lock()
			at := ls.refresh.last
			ls.refresh.mu.Unlock()
			mu.Lock()
			defer mu.Unlock()
			runs[i] = append(runs[i], at)
		})
		if !h.add(ls) {
			t.Fatal("hub refused a session")
		}
		defer h.remove(ls)
	}
	count := func(want int) func() bool {
		return func() bool {
			mu.Lock()
			defer mu.Unlock()
			for _, r := range runs {
				if len(r) < want {
					return false
				}
			}
			return true
		}
	}
	h.broadcast(DefaultRefreshEvery)
	waitUntil(t, "the first reloads", count(1))
	h.broadcast(DefaultRefreshEvery)
	waitUntil(t, "the second reloads", count(2))
	mu.Lock()
	defer mu.Unlock()
	for i, r := range runs {
		if gap := r[1].Sub(r[0]); len(r) != 2 || gap < 2*time.Second {
			t.Fatalf("session %d: %d reloads, the second %s after the first; want 2, at least 2s apart", i, len(r), gap)
		}
	}
}

// TestAnnounceSpreadsFirstDeliveries: one change announced to 200 idle
// sessions reaches each once, spread over the gap the server-wide cap asks
// for (2 s at 200 sessions), not to all 200 in the same instant (as
// before), when their redraws would hold up every key on the server.
func TestAnnounceSpreadsFirstDeliveries(t *testing.T) {
	t.Parallel()
	const sessions = 200
	h := newHub()
	var mu sync.Mutex
	var at []time.Time
	for range sessions {
		ls := &liveSession{}
		ls.refresh = newThrottle(func() {
			mu.Lock()
			at = append(at, time.Now())
			mu.Unlock()
		})
		if !h.add(ls) {
			t.Fatal("hub refused a session")
		}
	}
	start := time.Now()
	h.announce(DefaultRefreshEvery, ui.QueueChange{})
	waitUntil(t, "every session's delivery", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(at) >= sessions
	})
	time.Sleep(100 * time.Millisecond) // none delivered twice
	mu.Lock()
	defer mu.Unlock()
	if len(at) != sessions {
		t.Fatalf("%d deliveries to %d sessions", len(at), sessions)
	}
	slices.SortFunc(at, func(a, b time.Time) int { return a.Compare(b) })
	most, j := 0, 0
	for i := range at {
		for at[i].Sub(at[j]) > 100*time.Millisecond {
			j++
		}
		most = max(most, i-j+1)
	}
	// Evenly spread over 2 s, a 100 ms window holds about 10 (a loose
	// bound: a busy machine may fire timers late, together).
	if most > sessions/2 {
		t.Errorf("%d of %d deliveries fell within 100 ms (all within %s)", most, sessions, at[len(at)-1].Sub(start).Round(time.Millisecond))
	}
}

// TestNoticeBoxHoldsAtMostItsBound: a program that reads nothing (its
// client stopped reading) holds one notice in flight and at most
// maxHeldNotices more, the newest, in the order they came.
func TestNoticeBoxHoldsAtMostItsBound(t *testing.T) {
	t.Parallel()
	p := tea.NewProgram(nil) // never run: its Send waits until it is killed
	ls := &liveSession{}
	ls.program.Store(p)
	const posted = maxHeldNotices + 100
	for i := range posted {
		ls.notices.post(ls, ui.AttemptChangedMsg{Notice: review.AttemptNotice{Key: review.AttemptKey{Attempt: i + 1}}})
	}
	ls.notices.mu.Lock()
	held := slices.Clone(ls.notices.held)
	sending := ls.notices.sending
	ls.notices.mu.Unlock()
	if !sending || len(held) != maxHeldNotices {
		t.Fatalf("held %d notices (sending %v), want %d and one sender", len(held), sending, maxHeldNotices)
	}
	for i, m := range held {
		if want := posted - maxHeldNotices + i + 1; m.Notice.Key.Attempt != want {
			t.Fatalf("held notice %d is attempt %d, want %d: the newest, in order", i, m.Notice.Key.Attempt, want)
		}
	}
	p.Kill() // Send gives up; the sender drains what is held and ends
	waitUntil(t, "the held notices to drain", func() bool {
		ls.notices.mu.Lock()
		defer ls.notices.mu.Unlock()
		return !ls.notices.sending && len(ls.notices.held) == 0
	})
}
