package server

import (
	"fmt"
	"testing"
	"time"

	"assessor/review"
	"assessor/store"
)

// fakeReviewers is a reviewerSource that counts full reads.
type fakeReviewers struct {
	rs    []review.Reviewer
	reads int
}

// Reviewers returns a copy of the list and counts the read.
func (f *fakeReviewers) Reviewers() ([]review.Reviewer, error) {
	f.reads++
	return append([]review.Reviewer(nil), f.rs...), nil
}

// Reviewer finds id, or wraps store.ErrNotFound as the store does.
func (f *fakeReviewers) Reviewer(id string) (review.Reviewer, error) {
	for _, r := range f.rs {
		if r.ID == id {
			return r, nil
		}
	}
	return review.Reviewer{}, fmt.Errorf("reviewer %s: %w", id, store.ErrNotFound)
}

// TestKeyIndex: the index maps each key to its one reviewer, whatever its
// comment, skips unreadable lines and refuses a key two reviewers share; a
// key added later is found once indexMissRetry has passed, and a key taken
// off a reviewer is refused at once.
func TestKeyIndex(t *testing.T) {
	t.Parallel()
	k1, l1 := newKey(t)
	k2, l2 := newKey(t)
	shared, ls := newKey(t)
	stranger, _ := newKey(t)
	src := &fakeReviewers{rs: []review.Reviewer{
		{ID: "rev-1", Keys: []string{"garbage", l1, ls}},
		{ID: "rev-2", Keys: []string{l2 + " laptop", ls}},
	}}
	now := time.Unix(0, 0)
	x := newKeyIndex(src)
	x.now = func() time.Time { return now }
	if amb, err := x.refresh(); err != nil || len(amb) != 1 {
		t.Fatalf("refresh: ambiguous %v, err %v; want the shared key", amb, err)
	}
	for _, tt := range []struct {
		name string
		key  signer
		id   string
	}{{"first key", k1, "rev-1"}, {"key with comment", k2, "rev-2"}, {"key of two reviewers", shared, ""}, {"unknown key", stranger, ""}} {
		id, ok, err := x.lookup(tt.key.PublicKey())
		if err != nil || id != tt.id && ok || ok != (tt.id != "") {
			t.Errorf("%s: lookup = %q, %v, %v; want %q", tt.name, id, ok, err, tt.id)
		}
	}
	if r, err := x.reviewer(k2.PublicKey()); err != nil || r.ID != "rev-2" {
		t.Fatalf("reviewer(k2) = %v, %v", r.ID, err)
	}

	// A key added later is found on a miss once indexMissRetry has passed,
	// and misses in between do not re-read the reviewers.
	late, ll := newKey(t)
	src.rs = append(src.rs, review.Reviewer{ID: "rev-3", Keys: []string{ll}})
	reads := src.reads
	if _, ok, _ := x.lookup(late.PublicKey()); ok || src.reads != reads {
		t.Fatalf("a miss within %s re-read the reviewers (%d reads) or found the key", indexMissRetry, src.reads-reads)
	}
	now = now.Add(indexMissRetry)
	if id, ok, _ := x.lookup(late.PublicKey()); !ok || id != "rev-3" {
		t.Fatalf("late key: %q %v", id, ok)
	}

	// A key taken off a reviewer is refused at the session even while the
	// index still lists it.
	src.rs[0].Keys = nil
	if _, err := x.reviewer(k1.PublicKey()); err != errUnknownKey {
		t.Fatalf("removed key: err = %v, want errUnknownKey", err)
	}
}

// BenchmarkKeyIndexBuild5000 is the cost of reading 5,000 reviewers with
// one key each from the store and indexing them: what re-reading per
// connection would cost (the server does it at most every indexMaxAge, or
// on a miss at most every indexMissRetry).
func BenchmarkKeyIndexBuild5000(b *testing.B) {
	st, err := store.Open(b.TempDir()+"/keys.db", store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	for i := range 5000 {
		_, line := newKey(b)
		if err := st.AddReviewer(review.Reviewer{ID: fmt.Sprintf("rev-%04d", i), Keys: []string{line}}); err != nil {
			b.Fatal(err)
		}
	}
	x := newKeyIndex(st)
	b.ResetTimer()
	for range b.N {
		if _, err := x.refresh(); err != nil {
			b.Fatal(err)
		}
	}
}
