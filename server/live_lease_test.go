package server

import (
	"path/filepath"
	"sync"
	"testing"
	"time"

	"assessor/review"
	"assessor/rubrics"
	"assessor/store"
	"assessor/ui"
)

// leaseFixture is a store holding one pending attempt, A-1#1, on a clock
// the test moves, behind a liveBackend that records what it announces.
type leaseFixture struct {
	st     *store.Store
	b      liveBackend
	k      review.AttemptKey
	rubric review.Rubric

	mu  sync.Mutex
	now time.Time
	got []ui.QueueChange
}

// newLeaseFixture opens it; blind makes every attempt await a blind
// second review, so its claims show no name.
func newLeaseFixture(t *testing.T, blind bool) *leaseFixture {
	t.Helper()
	f := &leaseFixture{now: time.Now().UTC(), k: review.AttemptKey{Application: "A-1", Attempt: 1}}
	st, err := store.Open(filepath.Join(t.TempDir(), "serve.db"), store.Options{Now: f.clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	rs, err := rubrics.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	f.st, f.rubric = st, rs[0]
	if _, err := st.AddRubric(f.rubric); err != nil {
		t.Fatal(err)
	}
	if blind {
		if err := st.SetSecondReviewRate(1); err != nil {
			t.Fatal(err)
		}
	}
	sub := &review.Submission{Application: "A-1", Credential: f.rubric.ID, Attempt: 1, SubmittedAt: f.now.Add(-48 * time.Hour),
		Parts: []review.EvidencePart{{Title: "Part 1: Overview", Text: "My students set goals."}}}
	if _, err := st.Import("t", []review.Record{{Line: 1, Submission: sub}}); err != nil {
		t.Fatal(err)
	}
	f.b = liveBackend{liveStore: st, changed: f.announce,
		decided: func(k review.AttemptKey) (bool, error) { _, ok, err := st.Decision(k); return ok, err },
		sampled: st.NeedsSecondReview}
	return f
}

func (f *leaseFixture) clock() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.now }

func (f *leaseFixture) advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
}

func (f *leaseFixture) announce(ch ui.QueueChange) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.got = append(f.got, ch)
}

// announced returns what was announced since the last call.
func (f *leaseFixture) announced() []ui.QueueChange {
	f.mu.Lock()
	defer f.mu.Unlock()
	got := f.got
	f.got = nil
	return got
}

// TestReleaseAnnouncedOnlyWhenALeaseWasDeleted: a reviewer whose lapsed
// claim on a blind double review's attempt another reviewer took leaves
// it (esc): the store deletes nothing, and nothing is announced, so no
// queue shows the attempt free while rev-c holds it. rev-c's own release
// is announced, with the expiry of the lease it ended.
func TestReleaseAnnouncedOnlyWhenALeaseWasDeleted(t *testing.T) {
	f := newLeaseFixture(t, true)
	if _, err := f.b.Claim("rev-a", f.k); err != nil {
		t.Fatal(err)
	}
	f.advance(review.LeaseDuration + time.Minute)
	as, err := f.b.Claim("rev-c", f.k)
	if err != nil {
		t.Fatal(err)
	}
	f.announced()
	if err := f.b.Release("rev-a", f.k); err != nil {
		t.Fatal(err)
	}
	if q, err := f.st.Queue("rev-b", "", 0); err != nil || len(q) != 1 || !q[0].Claimed {
		t.Fatalf("store: %+v, %v; want A-1#1 claimed", q, err)
	}
	if got := f.announced(); len(got) != 0 {
		t.Errorf("rev-a's release of the lease rev-c holds announced %+v; want nothing", got)
	}
	if err := f.b.Release("rev-c", f.k); err != nil {
		t.Fatal(err)
	}
	got := f.announced()
	if want := (ui.QueueChange{Key: f.k, Reviewer: "rev-c", Until: as.LeaseExpiry}); len(got) != 1 || got[0].Key != want.Key ||
		got[0].Reviewer != want.Reviewer || got[0].Claimed || !got[0].Until.Equal(want.Until) {
		t.Errorf("rev-c's release announced %+v; want [%+v]", got, want)
	}
}

// TestDraftSaveThatTookTheLeaseIsAnnounced: a lead releases rev-a's
// claim; rev-a, still on the attempt, types on, and the save takes the
// lease again: that is announced as rev-a's claim, so other queues show
// the attempt held. Saves that only renew the lease announce nothing.
func TestDraftSaveThatTookTheLeaseIsAnnounced(t *testing.T) {
	f := newLeaseFixture(t, false)
	if err := f.st.AddReviewer(review.Reviewer{ID: "lead-1", Role: review.RoleLead}); err != nil {
		t.Fatal(err)
	}
	as, err := f.b.Claim("rev-a", f.k)
	if err != nil {
		t.Fatal(err)
	}
	d := review.Draft{Levels: map[string]string{f.rubric.Criteria[0].ID: f.rubric.PassingLevel()}, Revision: as.Draft.Revision}
	if err := f.b.SaveDraft("rev-a", f.k, d); err != nil {
		t.Fatal(err)
	}
	if got := f.announced(); len(got) != 1 || !got[0].Claimed { // the claim's
		t.Fatalf("claim and a save announced %+v; want the claim alone", got)
	}
	if _, err := f.st.ReleaseClaim("lead-1", f.k, "checking"); err != nil {
		t.Fatal(err)
	}
	f.advance(time.Minute)
	d.Revision++
	if err := f.b.SaveDraft("rev-a", f.k, d); err != nil {
		t.Fatal(err)
	}
	q, err := f.st.Queue("rev-b", "", 0)
	if err != nil || len(q) != 1 || q[0].Holder != "rev-a" {
		t.Fatalf("store: %+v, %v; want A-1#1 held by rev-a", q, err)
	}
	got := f.announced()
	if want := (ui.QueueChange{Key: f.k, Reviewer: "rev-a", Claimed: true, Until: q[0].Until}); len(got) != 1 || got[0].Key != want.Key ||
		got[0].Reviewer != want.Reviewer || !got[0].Claimed || got[0].Hidden || !got[0].Until.Equal(want.Until) {
		t.Errorf("rev-a's save after the lead's release announced %+v; want [%+v]", got, want)
	}
}
