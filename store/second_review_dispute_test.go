package store

import (
	"errors"
	"testing"
	"time"

	"assessor/review"
)

// TestDisputedAttemptWaitsForALead: once two reviews disagree, the attempt
// waits for a lead. Neither its second reviewer nor a third may claim it
// by key, save a draft on it or decide it: a decision agreeing with the
// first review would settle the dispute without a lead, and one
// disagreeing would replace the second review. The lead adjudicates
// the two reviews as given.
func TestDisputedAttemptWaitsForALead(t *testing.T) {
	for _, who := range []string{"rev-2", "rev-3"} {
		t.Run(who, func(t *testing.T) {
			f := secondFixture(t, 1)
			k := key("S-1", 1)
			f.review("rev-1", k, allMeets)
			f.review("rev-2", k, oneNotYet)
			if _, err := f.Claim(who, k); !errors.Is(err, review.ErrNotPending) {
				t.Errorf("claim: %v, want ErrNotPending", err)
			}
			if err := f.SaveDraft(who, k, review.Draft{Levels: allMeets}); !errors.Is(err, review.ErrNotPending) {
				t.Errorf("draft: %v, want ErrNotPending", err)
			}
			if _, err := f.Decide(who, k, allMeets, nil); !errors.Is(err, review.ErrNotPending) {
				t.Errorf("decide: %v, want ErrNotPending", err)
			}
			f.disputedBetween(k, "rev-1", "rev-2")
		})
	}
}

// TestDisputedWhileOpenElsewhere is the screen's path to the same: rev-3
// opened the attempt after its first review and left it open past the
// lease; rev-2 took it and disagreed. rev-3's next save and confirm are
// refused as for an attempt decided meanwhile.
func TestDisputedWhileOpenElsewhere(t *testing.T) {
	f := secondFixture(t, 1)
	k := key("S-1", 1)
	f.review("rev-1", k, allMeets)
	f.claimWithDraft("rev-3", k)
	f.clock.Advance(31 * time.Minute)
	f.review("rev-2", k, oneNotYet)
	if err := f.SaveDraft("rev-3", k, review.Draft{Levels: allMeets}); !errors.Is(err, review.ErrNotPending) {
		t.Errorf("draft: %v, want ErrNotPending", err)
	}
	if _, err := f.Decide("rev-3", k, allMeets, nil); !errors.Is(err, review.ErrNotPending) {
		t.Errorf("decide: %v, want ErrNotPending", err)
	}
	f.disputedBetween(k, "rev-1", "rev-2")
}

// disputedBetween checks that k still waits for a lead, undecided, with
// first and second as its two reviews.
func (f *fixture) disputedBetween(k review.AttemptKey, first, second string) {
	f.t.Helper()
	if _, decided, err := f.Decision(k); err != nil || decided {
		f.t.Errorf("%s decided (%v) without a lead", k, err)
	}
	if ds, err := f.Disputes("lead-1"); err != nil || len(ds) != 1 {
		f.t.Errorf("disputes %+v (%v), want %s's", ds, err, k)
	}
	err := f.view(func(t *txn) error {
		sr, _, err := t.secondReview(k)
		if err != nil || sr.First == nil || sr.Second == nil || sr.First.Reviewer != first || sr.Second.Reviewer != second {
			f.t.Errorf("reviews %+v (%v), want %s's and %s's", sr, err, first, second)
		}
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
}

// TestFirstReviewerSaveAfterTheirReview: a save of rev-1's landing after
// their first review of a sampled attempt (a timed save on its way, or
// another session's, with no draft stored before) is refused: it would
// take the attempt back from its second reviewer for 30 minutes.
func TestFirstReviewerSaveAfterTheirReview(t *testing.T) {
	f := secondFixture(t, 1)
	k := key("S-1", 1)
	a, err := f.Claim("rev-1", k)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.DecideDraft("rev-1", k, review.Draft{Revision: a.Draft.Revision, Session: "S1", Levels: allMeets}); err != nil {
		t.Fatal(err)
	}
	late := review.Draft{Revision: a.Draft.Revision, Session: "S1", Levels: map[string]string{"C1": "meets"}}
	if err := f.SaveDraft("rev-1", k, late); !errors.Is(err, review.ErrNotPending) {
		t.Errorf("the late save: %v, want ErrNotPending", err)
	}
	if _, err := f.Claim("rev-2", k); err != nil {
		t.Errorf("the second reviewer cannot claim it: %v", err)
	}
	f.mustCheck()
}

// TestAdjudicatedLeavesTheDisputes: once a lead adjudicates a dispute,
// the disputes list every lead reads is empty again, without an error,
// and the attempt no longer counts as pending: adjudication settles the
// sample and takes the attempt out of the disputes.
func TestAdjudicatedLeavesTheDisputes(t *testing.T) {
	f := secondFixture(t, 1)
	k := key("S-1", 1)
	f.review("rev-1", k, allMeets)
	f.review("rev-2", k, oneNotYet)
	f.clock.Advance(time.Hour)
	if _, err := f.Adjudicate("lead-1", k, allMeets, nil); err != nil {
		t.Fatal(err)
	}
	ds, err := f.Disputes("lead-1")
	if err != nil || len(ds) != 0 {
		t.Errorf("disputes after the adjudication: %+v, %v; want none, no error", ds, err)
	}
	if c := f.counts(); c.Pending != 0 {
		t.Errorf("counts after the adjudication %+v, want nothing pending", c)
	}
}
