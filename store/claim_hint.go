package store

import (
	"bytes"
	"time"

	bolt "go.etcd.io/bbolt"

	"assessor/review"
)

// claimHint lets the claims of one write transaction (a group commit's:
// batch.go) skip what the first of them walked past. Next walks the queue
// from its head and steps over every attempt another reviewer holds; with
// 200 reviewers at work the head is a few hundred held attempts, and each
// claim of a burst stepped over all of them, two reads each: 70% of a
// claim's time in the writer, and a cost that grew with the sessions.
//
// The hint is the queue key where the held attempts at the head of the
// whole queue end: every attempt before it has a live lease, so no
// reviewer who holds none is offered any of them. It holds only within
// the transaction it was made in (a rolled-back group runs again in a
// new one), until the first of those leases expires, and while no lease
// was deleted and nothing was queued since (marks): either could free or
// add an attempt before it. Made and read under the writer's lock.
type claimHint struct {
	tx    *bolt.Tx
	from  []byte    // the first queue key not known to be held
	until time.Time // the earliest expiry among the leases before from
	marks int       // txMarks.n when it was made
}

// txMarks counts, for one write transaction, the lease deletes and queue
// puts that end a claimHint.
type txMarks struct {
	tx *bolt.Tx
	n  int
}

// mark notes a write that may free or queue an attempt (record.go).
func (t *txn) mark() {
	if t.s == nil {
		return
	}
	if m := &t.s.marks; m.tx != t.tx {
		*m = txMarks{tx: t.tx, n: 1}
	} else {
		m.n++
	}
}

// markCount is the marks of t's transaction so far.
func (t *txn) markCount() int {
	if t.s == nil || t.s.marks.tx != t.tx {
		return 0
	}
	return t.s.marks.n
}

// hintFrom is where a claim at now may start its walk of the whole
// queue: the hint made earlier in this transaction, or nil (the head).
func (t *txn) hintFrom(now time.Time) []byte {
	if t.s == nil {
		return nil
	}
	h := t.s.hint
	if h.tx != t.tx || h.marks != t.markCount() || !now.Before(h.until) {
		return nil
	}
	return h.from
}

// heldHead follows a claim's walk of the whole queue from from, and finds
// where the attempts held by live leases at its head end.
type heldHead struct {
	now   time.Time
	until time.Time // the earliest expiry of the leases passed; zero: none yet
	end   []byte    // the first key not held; nil while every one seen is
	last  []byte    // the last key seen
}

// see notes the walk's next attempt, at queue key k with lease l.
func (h *heldHead) see(k []byte, l review.Lease) {
	if h.end != nil {
		return
	}
	if !l.LiveFor("", h.now) { // no live lease, whoever's
		h.end = bytes.Clone(k)
		return
	}
	if h.until.IsZero() || l.Expires.Before(h.until) {
		h.until = l.Expires
	}
	h.last = k
}

// keepHint stores what the walk found as the transaction's hint. started is
// the hint the walk began from (nil: the head); when it saw nothing, or
// only held attempts to the queue's end, the hint moves to past them.
func (t *txn) keepHint(started []byte, h heldHead) {
	if t.s == nil {
		return
	}
	until := h.until
	if started != nil && (until.IsZero() || t.s.hint.until.Before(until)) {
		until = t.s.hint.until // the leases before started still count
	}
	from := h.end
	switch {
	case from == nil && h.last != nil:
		from = append(bytes.Clone(h.last), 0) // every one held: past the last
	case from == nil:
		from = started // it saw nothing past where it began
	}
	if from == nil {
		return // an empty queue: nothing to skip
	}
	if until.IsZero() {
		until = h.now.Add(review.LeaseDuration) // nothing held before from
	}
	t.s.hint = claimHint{tx: t.tx, from: from, until: until, marks: t.markCount()}
}
