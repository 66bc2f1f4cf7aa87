package server

import (
	"context"
	"sync"
	"time"

	"assessor/review"
	"assessor/ui"
)

// liveBackend is the store as every session sees it: after a call that
// changes what queue screens show (a claim, a release, a decision) succeeds,
// it calls changed, which tells every session to reload. Reads and draft
// saves pass straight through. Safe for concurrent use, as the store is.
type liveBackend struct {
	ui.Backend
	changed func()
}

// Next claims the oldest available attempt and announces the claim.
func (b liveBackend) Next(reviewer, credential string) (review.Assignment, error) {
	a, err := b.Backend.Next(reviewer, credential)
	if err == nil {
		b.changed()
	}
	return a, err
}

// Claim leases one attempt and announces the claim.
func (b liveBackend) Claim(reviewer string, key review.AttemptKey) (review.Assignment, error) {
	a, err := b.Backend.Claim(reviewer, key)
	if err == nil {
		b.changed()
	}
	return a, err
}

// Release gives the lease up and announces it.
func (b liveBackend) Release(reviewer string, key review.AttemptKey) error {
	err := b.Backend.Release(reviewer, key)
	if err == nil {
		b.changed()
	}
	return err
}

// Decide records the decision and announces that the attempt left the queue.
func (b liveBackend) Decide(reviewer string, key review.AttemptKey, levels, feedback map[string]string) (review.Decision, error) {
	d, err := b.Backend.Decide(reviewer, key, levels, feedback)
	if err == nil {
		b.changed()
	}
	return d, err
}

// hub is the registry of live sessions. Safe for concurrent use.
type hub struct {
	mu       sync.Mutex
	sessions map[*liveSession]struct{}
	closed   bool
	wg       sync.WaitGroup // one per registered session, done on remove
}

func newHub() *hub { return &hub{sessions: map[*liveSession]struct{}{}} }

// add registers ls; it refuses (false) once the hub is closed, so a session
// that starts during shutdown is never left out of it.
func (h *hub) add(ls *liveSession) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return false
	}
	h.sessions[ls] = struct{}{}
	h.wg.Add(1)
	return true
}

// remove unregisters ls after its program has ended.
func (h *hub) remove(ls *liveSession) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.sessions[ls]; ok {
		delete(h.sessions, ls)
		ls.refresh.stop()
		h.wg.Done()
	}
}

func (h *hub) len() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.sessions)
}

// maxReloadsPerSecond caps the queue reloads that live updates cause across
// the server. Each reload reads up to 500 queue entries and redraws a
// screen, a millisecond or two of CPU; uncapped, 200 sessions idling on
// their queues while others work would spend both cores reloading.
const maxReloadsPerSecond = 200

// broadcast asks every session to reload its queue. It never blocks on a
// program: each session's throttle delivers on its own goroutine. The gap
// between two reloads of one session is every, or longer when there are
// so many sessions that every would exceed maxReloadsPerSecond.
func (h *hub) broadcast(every time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	every = max(every, time.Duration(len(h.sessions))*time.Second/maxReloadsPerSecond)
	for ls := range h.sessions {
		ls.refresh.poke(every)
	}
}

// close refuses new sessions and returns the open ones.
func (h *hub) close() []*liveSession {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	out := make([]*liveSession, 0, len(h.sessions))
	for ls := range h.sessions {
		out = append(out, ls)
	}
	return out
}

// wait blocks until every session is removed or ctx is done.
func (h *hub) wait(ctx context.Context) error {
	done := make(chan struct{})
	go func() { h.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// throttle runs fn at most once per the gap its pokes ask for. The first
// poke after a quiet spell runs fn at once; pokes during the spell schedule
// one more run at its end, so the last change is always delivered and a
// burst costs two runs at most. fn runs on its own goroutine
// (tea.Program.Send may block while the program is busy). Safe for
// concurrent use.
type throttle struct {
	fn func()

	mu        sync.Mutex
	last      time.Time
	scheduled bool
	stopped   bool
}

func newThrottle(fn func()) *throttle { return &throttle{fn: fn} }

// poke runs fn now if the last run is at least every ago, else once then.
func (t *throttle) poke(every time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.scheduled || t.stopped {
		return
	}
	t.scheduled = true
	time.AfterFunc(max(every-time.Since(t.last), 0), t.run)
}

func (t *throttle) run() {
	t.mu.Lock()
	if t.stopped {
		t.mu.Unlock()
		return
	}
	// Cleared before fn runs: a change made while fn is delivering must
	// schedule another run, or its reload could read the older queue.
	t.scheduled, t.last = false, time.Now()
	t.mu.Unlock()
	t.fn()
}

// stop drops pending and future runs.
func (t *throttle) stop() {
	t.mu.Lock()
	t.stopped = true
	t.mu.Unlock()
}
