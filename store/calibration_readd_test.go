package store

import (
	"errors"
	"testing"

	"assessor/review"
)

// To give an example other reference levels a lead removes it and adds it
// again (workflow.md, Calibration). Answers given before, against the old
// levels, must not count against the new ones, and the reviewer is offered
// the example again rather than shut out of live review with nothing left
// to answer. The fake clock never moves, so the old answers, the re-adds
// and the new answers all fall in one instant: only the order of the
// writes may tell them apart.
func TestReaddedExampleIsScoredAfresh(t *testing.T) {
	f := calibrationFixture(t) // E-1..E-5; E-5's reference C2 is not-yet
	asReference := func(k review.AttemptKey) map[string]string {
		if k.Application == "E-5" {
			return oneNotYet
		}
		return allMeets
	}
	calibrate(t, f, "rev-1", asReference)
	p := review.DefaultCalibrationPolicy()
	p.Required = true
	if err := f.SetCalibrationPolicy(p); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Next("rev-1", ""); err != nil {
		t.Fatalf("calibrated rev-1 refused live review: %v", err)
	}
	if err := f.Release("rev-1", key("L-1", 1)); err != nil {
		t.Fatal(err)
	}
	newLevels := map[string]string{"C1": "not-yet", "C3": "not-yet"}
	for _, app := range []string{"E-2", "E-1"} {
		if err := f.RemoveCalibrationExample("lead-1", key(app, 1)); err != nil {
			t.Fatal(err)
		}
		if _, err := f.AddCalibrationExample("lead-1", key(app, 1), newLevels); err != nil {
			t.Fatal(err)
		}
	}

	s, err := f.CalibrationScores("rev-1")
	if err != nil {
		t.Fatal(err)
	}
	if s[0].Examples != 3 || *s[0].Agreement != 1 || s[0].Calibrated {
		t.Errorf("after the re-adds rev-1 scores %+v, want the 3 untouched examples at 100%% and not calibrated (5 needed)", s[0])
	}
	q, err := f.Calibration().Queue("rev-1", "", 0)
	if err != nil || len(q) != 2 || q[0].Application != "E-1" || q[1].Application != "E-2" {
		t.Fatalf("rev-1 offered %+v (%v), want E-1 and E-2 again", q, err)
	}
	if _, err := f.Next("rev-1", ""); !errors.Is(err, review.ErrCalibrateFirst) {
		t.Errorf("live review before answering the re-added examples: %v, want %v", err, review.ErrCalibrateFirst)
	}

	calibrate(t, f, "rev-1", func(k review.AttemptKey) map[string]string {
		if k.Application == "E-1" || k.Application == "E-2" {
			return map[string]string{"C1": "not-yet", "C2": "meets", "C3": "not-yet"}
		}
		return asReference(k)
	})
	fb, err := f.Calibration().CalibrationFeedback("rev-1", key("E-1", 1))
	if err != nil || fb.Yours["C1"] != "not-yet" || fb.Reference["C1"] != "not-yet" {
		t.Errorf("comparison after answering E-1 again: %+v %v", fb, err)
	}
	s, err = f.CalibrationScores("rev-1")
	if err != nil || s[0].Examples != 5 || *s[0].Agreement != 1 || !s[0].Calibrated {
		t.Fatalf("after answering again rev-1 scores %+v %v, want 5 examples at 100%%, calibrated", s, err)
	}
	if _, err := f.Next("rev-1", ""); err != nil {
		t.Errorf("rev-1, calibrated against the new levels, refused live review: %v", err)
	}
}
