package store

import (
	"errors"
	"fmt"
	"testing"

	bolt "go.etcd.io/bbolt"

	"assessor/review"
)

// TestLeasesPastTheQueueHead: the queue's first ten are held by others
// and the next ten lapsed. Next passes the live leases and takes the first
// lapsed one; the queue, which reads the leases bucket whole for a listing
// (lease_walk.go), shows each holder and time as the lease itself says.
func TestLeasesPastTheQueueHead(t *testing.T) {
	f := newFixture(t)
	keys := f.addPending(0, 30)
	holder := func(i int) string { return fmt.Sprintf("rev-%02d", i) }
	for i := 10; i < 20; i++ {
		if _, err := f.Claim(holder(i), keys[i]); err != nil {
			t.Fatal(err)
		}
	}
	f.clock.Advance(review.LeaseDuration / 2)
	for i := range 10 {
		if _, err := f.Claim(holder(i), keys[i]); err != nil {
			t.Fatal(err)
		}
	}
	until := f.clock.Now().Add(review.LeaseDuration)
	f.clock.Advance(review.LeaseDuration / 2) // the later ten lapse

	as, err := f.Next("rev-me", "")
	if err != nil || as.Attempt.Key() != keys[10] {
		t.Fatalf("Next: %v %v, want %v: the first attempt whose lease lapsed", as.Attempt.Key(), err, keys[10])
	}
	q, err := f.Queue("rev-me", "", 0)
	if err != nil || len(q) != len(keys) {
		t.Fatalf("Queue: %d items, %v", len(q), err)
	}
	for i, it := range q {
		switch {
		case it.Key() != keys[i]:
			t.Errorf("item %d is %v, want %v", i, it.Key(), keys[i])
		case i < 10 && (!it.Claimed || it.Holder != holder(i) || !it.Until.Equal(until) || it.Mine):
			t.Errorf("item %d: %+v, want claimed by %s until %v", i, it, holder(i), until)
		case i == 10 && (it.Claimed || !it.Mine || it.Holder != "rev-me"):
			t.Errorf("item %d: %+v, want rev-me's own claim", i, it)
		case i > 10 && (it.Claimed || it.Holder != "" || it.Mine):
			t.Errorf("item %d: %+v, want no claim", i, it)
		}
	}
}

// TestBadLeasePastTheQueueHead: a lease that does not decode is
// ErrCorrupt both to a listing, which reads the leases bucket whole, and
// to a claim stepping past it.
func TestBadLeasePastTheQueueHead(t *testing.T) {
	f := newFixture(t)
	keys := f.addPending(0, 30)
	for i := range 20 {
		if _, err := f.Claim(fmt.Sprintf("rev-%02d", i), keys[i]); err != nil {
			t.Fatal(err)
		}
	}
	err := f.db.Update(func(tx *bolt.Tx) error {
		k := attemptKey(keys[15])
		return tx.Bucket([]byte(bucketLeases)).Put(k, sealed(k, []byte("short")))
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Queue("rev-me", "", 0); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Queue: %v, want ErrCorrupt", err)
	}
	if _, err := f.Next("rev-me", ""); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Next: %v, want ErrCorrupt", err)
	}
}
