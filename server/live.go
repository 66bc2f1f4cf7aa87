package server

import (
	"context"
	"maps"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"assessor/review"
	"assessor/ui"
)

// liveBackend is the store as every session sees it: after a call that
// changes what queue screens show (a claim, a release, a decision) succeeds,
// it calls changed with what changed, which the hub passes to every
// session. Reads pass straight through, and so do draft saves, but for
// one that took the lease again. Safe for concurrent use, as the store is.
type liveBackend struct {
	liveStore
	changed func(ui.QueueChange)
	// decided reports whether the attempt has a decision of record (it
	// left the queue); sampled whether it awaits a blind second review
	// (its claims show no name). When either is nil or fails, the change
	// is sent as unknown: a full reload.
	decided, sampled func(review.AttemptKey) (bool, error)
}

// Next claims the oldest available attempt and announces the claim.
func (b liveBackend) Next(reviewer, credential string) (review.Assignment, error) {
	a, err := b.liveStore.Next(reviewer, credential)
	if err == nil {
		b.changed(b.claimed(reviewer, a.Attempt.Key(), a.LeaseExpiry))
	}
	return a, err
}

// Claim leases one attempt and announces the claim.
func (b liveBackend) Claim(reviewer string, key review.AttemptKey) (review.Assignment, error) {
	a, err := b.liveStore.Claim(reviewer, key)
	if err == nil {
		b.changed(b.claimed(reviewer, key, a.LeaseExpiry))
	}
	return a, err
}

// claimed is the change a claim made: the attempt held until its lease
// expiry, named unless it awaits a blind second review.
func (b liveBackend) claimed(reviewer string, key review.AttemptKey, until time.Time) ui.QueueChange {
	if b.sampled == nil {
		return ui.QueueChange{}
	}
	hidden, err := b.sampled(key)
	if err != nil {
		return ui.QueueChange{}
	}
	return ui.QueueChange{Key: key, Reviewer: reviewer, Claimed: true, Until: until, Hidden: hidden}
}

// liveStore is the store as liveBackend needs it: the calls that change
// a lease say what they changed, so only real changes are announced.
type liveStore interface {
	ui.Backend
	ReleaseLease(reviewer string, key review.AttemptKey) (review.Lease, bool, error)
	SaveDraftLease(reviewer string, key review.AttemptKey, d review.Draft) (review.Lease, bool, error)
}

// SaveDraft stores the draft, renewing the lease. A save that took the
// lease again (after a lead released it, or it lapsed, while the reviewer
// typed on) is announced as a claim, or every other queue would go on
// showing the attempt free; a renewal is not, being one per save.
func (b liveBackend) SaveDraft(reviewer string, key review.AttemptKey, d review.Draft) error {
	l, took, err := b.SaveDraftLease(reviewer, key, d)
	if err == nil && took {
		b.changed(b.claimed(reviewer, key, l.Expires))
	}
	return err
}

// Release gives the lease up and announces it, with its expiry, if there
// was one to give up: a release of a lease another reviewer took is a
// no-op in the store, and announced it freed their claim on every queue.
func (b liveBackend) Release(reviewer string, key review.AttemptKey) error {
	l, ok, err := b.ReleaseLease(reviewer, key)
	if err == nil && ok {
		b.changed(ui.QueueChange{Key: key, Reviewer: l.Reviewer, Until: l.Expires})
	}
	return err
}

// DecideDraft records the decision and announces that the attempt left the
// queue. A first or second review of a sampled attempt (which stays queued
// for its second reviewer, or moves to the disputes) is announced as
// unknown: a full reload.
func (b liveBackend) DecideDraft(reviewer string, key review.AttemptKey, draft review.Draft) (review.Decision, error) {
	d, err := b.liveStore.DecideDraft(reviewer, key, draft)
	if err != nil {
		return d, err
	}
	ch := ui.QueueChange{}
	if b.decided != nil {
		if ok, err := b.decided(key); err == nil && ok {
			ch = ui.QueueChange{Key: key, Reviewer: reviewer, Left: true}
		}
	}
	b.changed(ch)
	return d, nil
}

// hub is the registry of live sessions. Safe for concurrent use.
type hub struct {
	mu       sync.Mutex
	sessions map[*liveSession]struct{}
	closed   bool
	wg       sync.WaitGroup // one per registered session, done on remove
	log      changeLog      // the changes announced, read by every session
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
	ls.log = &h.log
	ls.delivered.next = h.log.end() // its queue loads as it starts
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

// maxReloadsPerSecond caps the queue updates that live changes cause across
// the server. Each redraws a queue screen (and a full reload also reads up
// to 500 queue entries), a millisecond or two of CPU; uncapped, 200
// sessions idling on their queues while others work would spend both
// cores redrawing. At 200 a second, idle queue screens still took about a
// fifth of the server's CPU under the load test while others were typing
// (docs/PERFORMANCE.md); at 100, a queue screen among 200 sessions is at
// most 2 s behind.
const maxReloadsPerSecond = 100

// broadcast asks every session to reload its queue in full, for changes
// that name no attempt (an import, a command run over SSH).
func (h *hub) broadcast(every time.Duration) { h.announce(every, ui.QueueChange{}) }

// announce passes ch to every session, which delivers it with the other
// changes since its last delivery (changeLog, liveSession.queueChanged); a
// zero ch means "reload". It never blocks on a program: each session's
// throttle delivers on its own goroutine. The gap between two deliveries
// to one session is every, or longer when there are so many sessions that
// every would exceed maxReloadsPerSecond. A session idle that long gets
// its first delivery at a random moment within the gap that cap asks for,
// not at once: the first claim of a quiet spell made all 200 sessions
// redraw in the same 50 ms (every key of every session waited behind
// them), and each redrew again at the same moment a gap later.
func (h *hub) announce(every time.Duration, ch ui.QueueChange) {
	h.mu.Lock()
	defer h.mu.Unlock()
	spread := time.Duration(len(h.sessions)) * time.Second / maxReloadsPerSecond
	every = max(every, spread)
	h.log.add(ch)
	for ls := range h.sessions {
		ls.refresh.poke(every, spread)
	}
}

// notice passes a lead's change to an attempt to every session; each
// session's filter keeps it only where the attempt's application is on
// screen. Each session's noticeBox passes it on, so none waits on a busy
// program.
func (h *hub) notice(n review.AttemptNotice) {
	h.mu.Lock()
	sessions := slices.Collect(maps.Keys(h.sessions))
	h.mu.Unlock()
	for _, ls := range sessions {
		ls.notices.post(ls, ui.AttemptChangedMsg{Notice: n})
	}
}

// maxHeldNotices bounds the notices a session holds while its program
// reads none (its client stopped reading); past it the oldest go. The
// queue's own refreshes still bring the screen up to date once it reads.
const maxHeldNotices = 256

// noticeBox holds a session's notices in order and sends them from one
// goroutine at a time: a goroutine per notice waited on a program whose
// client had stopped reading, one more for every lead's command, for as
// long as keepalives kept the connection.
type noticeBox struct {
	mu      sync.Mutex
	held    []ui.AttemptChangedMsg
	sending bool
}

// post adds msg and starts the sender unless one runs.
func (b *noticeBox) post(ls *liveSession, msg ui.AttemptChangedMsg) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.held) == maxHeldNotices {
		b.held = b.held[1:]
	}
	b.held = append(b.held, msg)
	if !b.sending {
		b.sending = true
		go b.send(ls)
	}
}

// send passes the held notices to ls's program until none is left.
func (b *noticeBox) send(ls *liveSession) {
	for {
		b.mu.Lock()
		if len(b.held) == 0 {
			b.held, b.sending = nil, false
			b.mu.Unlock()
			return
		}
		msg := b.held[0]
		b.held = b.held[1:]
		b.mu.Unlock()
		ls.send(msg)
	}
}

// close refuses new sessions and returns the open ones.
func (h *hub) close() []*liveSession {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	return slices.Collect(maps.Keys(h.sessions))
}

// wait blocks until every session is removed or ctx is done.
func (h *hub) wait(ctx context.Context) error { return waitFor(ctx, &h.wg) }

// waitFor blocks until wg's count is zero, or returns ctx's error first.
// Its Adds happen under a lock that refuses them once closed, before this
// is called (hub.add, commandSet.start).
func waitFor(ctx context.Context, wg *sync.WaitGroup) error {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// throttle runs fn at most once per the gap its pokes ask for. The first
// poke after a quiet spell runs fn at once, or within the spread it is
// given; pokes during the spell schedule one more run at its end, so the
// last change is always delivered and a burst costs two runs at most. fn
// runs on its own goroutine (tea.Program.Send may block while the program
// is busy), one run at a time: a program stuck writing to a client that
// stops reading blocks fn for as long as the connection stays, and a new
// goroutine per change would pile up behind it. Safe for concurrent use.
type throttle struct {
	fn func()

	mu        sync.Mutex
	last      time.Time
	scheduled bool          // a run waits for its moment or is running fn
	running   bool          // fn is running
	again     bool          // poked while fn ran: run once more after it
	every     time.Duration // the gap the poke that set again asked for
	stopped   bool
}

func newThrottle(fn func()) *throttle { return &throttle{fn: fn} }

// poke runs fn now (at a random moment within spread) if the last run is
// at least every ago, else once then; while fn runs, once more after it.
func (t *throttle) poke(every, spread time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch {
	case t.stopped:
	case t.running:
		// A change made while fn is delivering needs another run, or
		// its reload could read the older queue.
		t.again, t.every = true, every
	case !t.scheduled:
		t.schedule(every, spread)
	}
}

// schedule starts the timer of the next run; t.mu is held.
func (t *throttle) schedule(every, spread time.Duration) {
	t.scheduled = true
	wait := max(every-time.Since(t.last), 0)
	if wait == 0 && spread > 0 {
		wait = rand.N(spread)
	}
	time.AfterFunc(wait, t.run)
}

func (t *throttle) run() {
	t.mu.Lock()
	if t.stopped {
		t.mu.Unlock()
		return
	}
	t.running, t.last = true, time.Now()
	t.mu.Unlock()
	t.fn()
	t.mu.Lock()
	defer t.mu.Unlock()
	t.running, t.scheduled = false, false
	if t.again && !t.stopped {
		t.again = false
		t.schedule(t.every, 0)
	}
}

// stop drops pending and future runs.
func (t *throttle) stop() {
	t.mu.Lock()
	t.stopped = true
	t.mu.Unlock()
}

// maxPendingChanges bounds the changes a session is sent in one delivery;
// past it, it is asked for one full reload instead.
const maxPendingChanges = 256

// changeLog holds the queue changes announced to every session, once for
// all of them and in order; each session reads on from where its last
// delivery ended (liveSession.queueChanged). Noting each change in every
// session's own list cost a copy per session per change: 40,000 for the
// 200 claims of 200 sessions starting at once, a tenth of the server's
// CPU in that burst. Safe for concurrent use.
type changeLog struct {
	mu         sync.Mutex
	changes    []ui.QueueChange // the last ones; changes[len-1] is number next-1
	next       uint64           // the number the next change gets
	lastReload uint64           // 1 + the number of the last zero (unknown) change; 0: none
}

// add appends ch. At least the last maxPendingChanges are kept: a session
// further behind reloads in full anyway.
func (l *changeLog) add(ch ui.QueueChange) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.changes) >= 2*maxPendingChanges {
		// Resliced, not copied down: the changes handed out by since
		// share this array and must stay as they were.
		l.changes = l.changes[len(l.changes)-maxPendingChanges:]
	}
	if ch == (ui.QueueChange{}) {
		l.lastReload = l.next + 1
	}
	l.changes = append(l.changes, ch)
	l.next++
}

// end is the number the next change will get.
func (l *changeLog) end() uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.next
}

// since returns the changes numbered from on, oldest first, and the
// number after them; reload instead when one of them was unknown, when
// there are more than maxPendingChanges, or when some are no longer kept.
// The slice is shared by every session: read it, never write it.
func (l *changeLog) since(from uint64) (changes []ui.QueueChange, next uint64, reload bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := l.next - from
	switch {
	case n == 0:
		return nil, l.next, false
	case n > maxPendingChanges || n > uint64(len(l.changes)) || l.lastReload > from:
		return nil, l.next, true
	}
	end := len(l.changes)
	return l.changes[end-int(n) : end : end], l.next, false
}

// delivered is how far a session has read the hub's changeLog.
type delivered struct {
	mu   sync.Mutex
	next uint64 // the number of the first change not yet delivered
}

// queueChanged takes the changes since the session's last delivery as
// the message that delivers them: the changes in order, or none (a full
// reload). ok is false when nothing changed since: a run of the throttle
// that finds the changes taken by the one before sends nothing, where an
// empty message would have reloaded the queue in full.
func (ls *liveSession) queueChanged() (msg ui.QueueChangedMsg, ok bool) {
	d := &ls.delivered
	d.mu.Lock()
	defer d.mu.Unlock()
	changes, next, reload := ls.log.since(d.next)
	if next == d.next {
		return msg, false
	}
	d.next = next
	if !reload {
		msg.Changes = changes
	}
	return msg, true
}
