package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// TestDecideRefusalWritesNothing is the wiring of Decide's refusals: the
// error review.Decide returns reaches the caller unchanged, and nothing is
// written. The rules themselves are review.TestDecideRules.
func TestDecideRefusalWritesNothing(t *testing.T) {
	f := queueFixture(t)
	k := key("B-1", 1)
	if _, err := f.Claim("rev-a", k); err != nil {
		t.Fatal(err)
	}
	before := f.written(k)
	_, err := f.Decide("rev-a", k, map[string]string{"C1": "meets", "C2": "meets"}, nil)
	var fe *review.FieldError
	if !errors.Is(err, review.ErrUnscored) || !errors.As(err, &fe) || fe.Field != "levels.C3" {
		t.Errorf("unscored criterion: %v, want levels.C3: %v", err, review.ErrUnscored)
	}
	f.unchanged("a refused decision", before, k)
	if c := f.counts(); c.Decided != 1 || c.Pending != 5 {
		t.Errorf("rejected decisions changed counts: %+v", c)
	}
}

func TestDecideRecords(t *testing.T) {
	f := queueFixture(t)
	k := key("B-1", 1)
	f.claimWithDraft("rev-a", k)
	before := f.counts()
	f.clock.Advance(time.Hour)
	fb := map[string]string{"C2": "Show \x1b[31mhow\x1b[0m students used the feedback in a second draft.", "C1": " "}
	d, err := f.Decide("rev-a", k, oneNotYet, fb)
	if err != nil {
		t.Fatal(err)
	}
	if d.Outcome != review.Resubmit || d.Reviewer != "rev-a" || !d.DecidedAt.Equal(t0.Add(time.Hour)) || d.RubricVersion != 1 {
		t.Errorf("decision %+v", d)
	}
	if _, blank := d.Feedback["C1"]; blank || strings.Contains(d.Feedback["C2"], "\x1b") {
		t.Errorf("feedback not cleaned: %q", d.Feedback)
	}
	if stored, ok, _ := f.Decision(k); !ok || stored.Outcome != review.Resubmit {
		t.Errorf("stored decision %+v %v", stored, ok)
	}
	if c := f.counts(); c.Pending != before.Pending-1 || c.Decided != before.Decided+1 {
		t.Errorf("counts %+v → %+v", before, c)
	}
	if app, _ := f.Application("B-1"); app.LastOutcome != review.Resubmit {
		t.Errorf("LastOutcome %q", app.LastOutcome)
	}
	if _, ok, _ := f.Draft("rev-a", k); ok {
		t.Error("draft kept after decision")
	}
	for _, cred := range []string{"", "descriptive-feedback"} {
		q, _ := f.Queue("rev-a", cred, 0)
		for _, it := range q {
			if it.Key() == k {
				t.Errorf("decided attempt still in queue %q", cred)
			}
		}
	}
	if h, _ := f.History(k); len(h) != 1 || h[0].Action != review.ActionDecide || h[0].By != "rev-a" || h[0].Decision.Outcome != review.Resubmit {
		t.Errorf("history %+v", h)
	}
	if _, err := f.Decide("rev-a", k, allMeets, nil); !errors.Is(err, review.ErrAlreadyDecided) {
		t.Errorf("second Decide: %v, want ErrAlreadyDecided", err)
	}
	if _, err := f.Claim("rev-b", k); !errors.Is(err, review.ErrNotPending) {
		t.Errorf("Claim of decided attempt: %v, want ErrNotPending", err)
	}

	// The candidate resubmits; the new attempt shows the first decision.
	f.mustImport(submission("B-1", "descriptive-feedback", 2, "2024-03-05T10:00:00Z").with("candidate", nil))
	// Submitted ahead of the clock: not decided before it was submitted.
	if _, err := f.Decide("rev-b", key("B-1", 2), allMeets, nil); !errors.Is(err, review.ErrBeforeSubmitted) {
		t.Fatalf("decided before its submission: %v", err)
	}
	f.clock.Set(time.Date(2024, 3, 6, 9, 0, 0, 0, time.UTC))
	as, err := f.Claim("rev-b", key("B-1", 2))
	if err != nil {
		t.Fatal(err)
	}
	if len(as.Previous) != 1 || as.Previous[0].Decision.Feedback["C2"] == "" {
		t.Errorf("previous %+v", as.Previous)
	}
	if _, err := f.Decide("rev-b", key("B-1", 2), allMeets, nil); err != nil {
		t.Fatal(err)
	}
	if app, _ := f.Application("B-1"); app.LastOutcome != review.Pass || app.StatusAt(t0) != review.StatusPassed {
		t.Errorf("application after pass %+v", app)
	}
}

// TestDecideEndsTheClaim: a decision of record ends the reviewer's claim
// on the attempt: no lease is left on a decided attempt, so removing the
// reviewer straight after releases no claim ("0 claims released"), a
// server start has none to give back, and the leases bucket that Next
// reads whole on every claim holds one entry per reviewer at work, not
// one per decision ever made.
func TestDecideEndsTheClaim(t *testing.T) {
	f := queueFixture(t)
	k := key("B-1", 1)
	f.claimWithDraft("rev-a", k)
	f.clock.Advance(time.Minute)
	if _, err := f.Decide("rev-a", k, allMeets, nil); err != nil {
		t.Fatal(err)
	}
	if err := f.view(func(tx *txn) error {
		if l, held, err := tx.lease(k); err != nil || held {
			t.Errorf("lease on the decided attempt: %+v %v %v, want none", l, held, err)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := f.AddReviewer(review.Reviewer{ID: "rev-a"}); err != nil {
		t.Fatal(err)
	}
	if n, err := f.RemoveReviewer("adm", "rev-a", "left the program"); err != nil || n != 0 {
		t.Errorf("RemoveReviewer after their decision released %d claims (%v), want 0", n, err)
	}
}
