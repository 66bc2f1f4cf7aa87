package store

import (
	"errors"
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

// TestSaveDraftLeaseSaysWhenItTookTheLease: a draft save by a reviewer
// who holds no live lease (a lead released theirs) takes it again and
// says so, with the lease taken; one that renews their live lease, or
// keeps the draft aside while another reviewer holds it, takes none.
func TestSaveDraftLeaseSaysWhenItTookTheLease(t *testing.T) {
	f := queueFixture(t)
	if err := f.AddReviewer(review.Reviewer{ID: "lead-1", Role: review.RoleLead}); err != nil {
		t.Fatal(err)
	}
	k := key("B-1", 1)
	f.claimWithDraft("rev-a", k)
	// save saves reviewer's draft over the copy they last saved.
	save := func(reviewer string) (review.Lease, bool, error) {
		d, _, err := f.Draft(reviewer, k)
		if err != nil {
			t.Fatal(err)
		}
		d.Levels = map[string]string{"C1": "meets", "C2": "meets"}
		return f.SaveDraftLease(reviewer, k, d)
	}
	f.clock.Advance(time.Minute)
	if l, took, err := save("rev-a"); err != nil || took || l != (review.Lease{}) {
		t.Errorf("a save renewing rev-a's lease = %+v, %v, %v; want no take", l, took, err)
	}
	if _, err := f.ReleaseClaim("lead-1", k, "checking"); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Minute)
	l, took, err := save("rev-a")
	if want := t0.Add(2*time.Minute + review.LeaseDuration); err != nil || !took || l.Reviewer != "rev-a" || !l.Expires.Equal(want) {
		t.Errorf("rev-a's save after the lead's release = %+v, %v, %v; want rev-a's lease to %v taken", l, took, err, want)
	}
	if l, took, err := save("rev-b"); !errors.Is(err, review.ErrDraftAside) || took || l != (review.Lease{}) {
		t.Errorf("rev-b's save while rev-a holds it = %+v, %v, %v; want ErrDraftAside, no take", l, took, err)
	}
}

// TestSaveDraftRenewsTheLease: a claim is a lease renewed by activity
// (rule 6 of docs/workflow.md): a reviewer who keeps typing past the first
// review.LeaseDuration still holds the attempt, and another reviewer
// cannot take it from under their draft.
func TestSaveDraftRenewsTheLease(t *testing.T) {
	f := queueFixture(t)
	k := key("B-1", 1)
	if _, err := f.Claim("rev-a", k); err != nil {
		t.Fatal(err)
	}
	step := review.LeaseDuration * 2 / 3
	f.clock.Advance(step)
	if err := f.SaveDraft("rev-a", k, review.Draft{Levels: map[string]string{"C1": "meets", "C2": "meets"}}); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(step) // past the first lease, within the renewed one
	if _, err := f.Claim("rev-b", k); !errors.Is(err, review.ErrClaimed) {
		t.Errorf("rev-b's claim %v after rev-a's save renewed the lease, want ErrClaimed", err)
	}
	if err := f.view(func(tx *txn) error {
		l, _, err := tx.lease(k)
		if err == nil && (l.Reviewer != "rev-a" || !l.Expires.After(f.clock.Now())) {
			t.Errorf("lease %+v at %v, want rev-a's, live", l, f.clock.Now())
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
}
