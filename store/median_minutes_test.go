package store

import (
	"math/rand/v2"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"assessor/review"
)

// TestMedianMinuteLevel checks medians through the minute level against
// review.Median for turnarounds spread to the nanosecond, then again after the
// minute level is removed (the fine keys alone, as a store from before it
// is read) and after Open rebuilds it.
func TestMedianMinuteLevel(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 3))
	f := emptyFixture(t)
	want, count := map[string]review.Middle{}, map[string]int64{} // median and how many, by subject
	for i := range 12 {
		subject := reviewerSubject("m-" + string(rune('a'+i)))
		xs := make([]int64, 1+r.IntN(400))
		for j := range xs {
			switch r.IntN(4) {
			case 0:
				xs[j] = int64(r.IntN(120)) - 90 // around zero, negatives
			case 1:
				xs[j] = 8640*int64(r.IntN(3)) + int64(r.IntN(200)) // bucket edges, ties
			default:
				xs[j] = int64(r.IntN(200 * 86400)) // overflow too
			}
			xs[j] = xs[j]*int64(time.Second) + r.Int64N(int64(time.Second))
		}
		f.addTurnarounds(subject, xs)
		want[string(subject)] = *review.Median(sortInt64s(xs))
		count[string(subject)] = int64(len(xs))
	}
	check := func(stage string) {
		t.Helper()
		for s, w := range want {
			var got *review.Middle
			if err := f.view(func(t *txn) (err error) { got, err = t.medianTurnaround([]byte(s), count[s]); return err }); err != nil {
				t.Fatalf("%s: %v", stage, err)
			}
			if got == nil || *got != w {
				t.Errorf("%s: %s median %v, want %v", stage, s, got, w)
			}
		}
	}
	check("minute level")
	// As fixture.corrupt, but reopened read-only: no migration yet.
	if err := f.Store.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(f.path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(bucketTurnaroundFine))
		var drop [][]byte
		_ = b.ForEach(func(k, _ []byte) error {
			if isMinuteKey(k) {
				drop = append(drop, k)
			}
			return nil
		})
		if len(drop) == 0 {
			t.Error("no minute histograms stored")
		}
		for _, k := range drop {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		return tx.Bucket([]byte(bucketMeta)).Delete([]byte(keyTurnaroundMinutes))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if f.Store, err = Open(f.path, Options{ReadOnly: true}); err != nil {
		t.Fatal(err)
	}
	check("fine keys only")
	if err := f.Store.Close(); err != nil {
		t.Fatal(err)
	}
	f.Store = nil
	f.reopen() // read-write: rebuilds the minute level
	built := false
	if err := f.view(func(t *txn) error { built = t.minuteBucket() != nil; return nil }); err != nil || !built {
		t.Fatalf("minute level not rebuilt (%v)", err)
	}
	check("rebuilt")
}
