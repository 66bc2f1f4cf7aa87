package store

import (
	"testing"
	"time"

	"assessor/review"
)

// TestReleaseLeaseSaysWhatItDeleted: a release deletes only the
// releaser's own lease and says so, with the lease it deleted; one of a
// lease the releaser lost (it lapsed and another reviewer took it)
// deletes nothing and says that too.
func TestReleaseLeaseSaysWhatItDeleted(t *testing.T) {
	f := queueFixture(t)
	k := key("B-1", 1)
	if _, err := f.Claim("rev-a", k); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(review.LeaseDuration + time.Minute)
	as, err := f.Claim("rev-b", k)
	if err != nil {
		t.Fatal(err)
	}
	if l, ok, err := f.ReleaseLease("rev-a", k); err != nil || ok || l != (review.Lease{}) {
		t.Errorf("rev-a's release of rev-b's lease = %+v, %v, %v; want nothing deleted", l, ok, err)
	}
	want := review.Lease{Reviewer: "rev-b", Expires: as.LeaseExpiry}
	if l, ok, err := f.ReleaseLease("rev-b", k); err != nil || !ok || l.Reviewer != want.Reviewer || !l.Expires.Equal(want.Expires) {
		t.Errorf("rev-b's release = %+v, %v, %v; want %+v deleted", l, ok, err, want)
	}
	if _, ok, err := f.ReleaseLease("rev-b", k); err != nil || ok {
		t.Errorf("a second release = %v, %v; want nothing deleted", ok, err)
	}
}
