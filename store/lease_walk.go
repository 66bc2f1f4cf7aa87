package store

import (
	"fmt"

	"assessor/review"
)

// leaseWalk is the leases bucket read whole for one listing of the queue
// (gate.listQueue). A listing reads the lease of up to 500 entries, most
// of them free: each was a Get, and each miss also a seek to check the
// neighbours' checksums. The bucket holds about one lease per reviewer at
// work, so reading it once (each record's checksum checked as it is read)
// and looking the entries up in memory costs a third less
// (BenchmarkQueue500). A claim's walk does not read it whole: at a quiet
// time it finds the queue's head free at the first step, and in a burst
// of claims the i-th steps past about i leases, no more than the bucket
// holds (BenchmarkClaimBurst). Nothing writes a lease during a listing.
type leaseWalk struct {
	all map[string][]byte // attemptKey → stored lease; nil until read
	key []byte            // the key looked up, reused step after step
}

// listQueue is txn.walkQueue with the leases read whole once, for a
// listing.
func (g *gate) listQueue(credential string, fn func(queued) (stop bool, err error)) error {
	g.walk = &leaseWalk{}
	defer func() { g.walk = nil }()
	return g.t.walkQueue(credential, fn)
}

// lease returns the attempt's lease, live or not: from the leases read
// whole during a listing, from the bucket otherwise.
func (g *gate) lease(k review.AttemptKey) (review.Lease, error) {
	w := g.walk
	if w == nil {
		l, _, err := g.t.lease(k)
		return l, err
	}
	if w.all == nil {
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
	w.all = make(map[string][]byte)
	b := t.bucket(bucketLeases)
	if b == nil {
		return nil
	}
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
