package store

import (
	"errors"
	"testing"

	"assessor/review"
)

// TestCalibrationLeavesOutOwnDecisions: an example is not offered to the
// reviewer who decided it, nor to either reviewer of a double review: they
// know its answer, and scoring it "blind" would count their own decision
// as agreement. Others are offered it.
func TestCalibrationLeavesOutOwnDecisions(t *testing.T) {
	t.Run("decision of record", func(t *testing.T) {
		f := calibrationFixture(t) // E-1..E-5, decided by rev-0
		if err := f.AddReviewer(review.Reviewer{ID: "rev-0"}); err != nil {
			t.Fatal(err)
		}
		offered(t, f, "rev-0", 0)
		offered(t, f, "rev-1", 5)
		if _, err := f.Calibration().Claim("rev-0", key("E-1", 1)); !errors.Is(err, review.ErrNotPending) {
			t.Errorf("rev-0 opens the example they decided: %v", err)
		}
	})
	t.Run("double review", func(t *testing.T) {
		f := secondFixture(t, 1)
		k := key("S-1", 1)
		all := map[string]string{"C1": "meets", "C2": "meets", "C3": "meets"}
		f.review("rev-1", k, all)
		f.review("rev-2", k, all)
		if _, ok, err := f.Decision(k); err != nil || !ok {
			t.Fatalf("no decision of record after two agreeing reviews: %v", err)
		}
		if _, err := f.AddCalibrationExample("lead-1", k, nil); err != nil {
			t.Fatal(err)
		}
		offered(t, f, "rev-1", 0)
		offered(t, f, "rev-2", 0)
		offered(t, f, "rev-3", 1)
	})
}

// offered checks how many examples reviewer's calibration queue offers.
func offered(t *testing.T, f *fixture, reviewer string, want int) {
	t.Helper()
	q, err := f.Calibration().Queue(reviewer, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(q) != want {
		t.Errorf("%s is offered %d examples, want %d", reviewer, len(q), want)
	}
}
