package store

import (
	"fmt"

	"assessor/review"
)

// leaseGets is how many leases a walk down the queue looks up one by one
// before it reads the leases bucket whole: a claim at a quiet time finds
// the queue's head free at the first step, and reads one lease.
const leaseGets = 8

// leaseWalk is the leases of one walk down the queue (gate.walkQueue).
// Under load the queue's head is all claimed: 200 claims at once each
// stepped past up to 200 leased entries, every step a Get (and on a miss
// a seek to check the neighbours' checksums), inside the write
// transaction that every claim waits on. Past leaseGets steps the walk
// reads the bucket once, each record's checksum checked as it is read,
// and looks the rest up in memory. The bucket holds about one lease per
// reviewer at work, and nothing writes a lease during a walk.
type leaseWalk struct {
	gets  int
	all   map[string][]byte // attemptKey → stored lease; nil until read
	key   []byte            // the key looked up, reused step after step
	empty bool              // the store has no leases bucket
}

// walkQueue is txn.walkQueue with the walk's leases read as leaseWalk
// says.
func (g *gate) walkQueue(credential string, fn func(queued) (stop bool, err error)) error {
	g.walk = &leaseWalk{}
	defer func() { g.walk = nil }()
	return g.t.walkQueue(credential, fn)
}

// lease returns the attempt's lease, live or not: from the walk's leases
// during a walk, from the bucket otherwise.
func (g *gate) lease(k review.AttemptKey) (review.Lease, error) {
	w := g.walk
	if w == nil || w.gets < leaseGets {
		if w != nil {
			w.gets++
		}
		l, _, err := g.t.lease(k)
		return l, err
	}
	if w.all == nil && !w.empty {
		if err := w.read(g.t); err != nil {
			return review.Lease{}, err
		}
	}
	w.key = appendAttemptKey(w.key[:0], k)
	l, _, err := leaseOf(k, w.all[string(w.key)])
	return l, err
}

// read reads the leases bucket whole.
func (w *leaseWalk) read(t *txn) error {
	b := t.bucket(bucketLeases)
	if b == nil {
		w.empty = true
		return nil
	}
	w.all = make(map[string][]byte)
	return b.ForEach(func(k, v []byte) error {
		w.all[string(k)] = v
		return nil
	})
}

// leaseOf decodes the stored lease v of attempt k; nil is no lease.
func leaseOf(k review.AttemptKey, v []byte) (review.Lease, bool, error) {
	if v == nil {
		return review.Lease{}, false, nil
	}
	who, exp, ok := decodeLease(v)
	if !ok {
		return review.Lease{}, false, fmt.Errorf("%w (bad lease for %s)", ErrCorrupt, k)
	}
	return review.Lease{Reviewer: who, Expires: exp}, true, nil
}
