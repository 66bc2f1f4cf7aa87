package cli

import (
	"strings"
	"testing"

	"assessor/review"
)

// TestCalibrationStanding is the line `calibrate` ends with: the
// reviewer's agreement so far, rounded as `calibration report` rounds it,
// and whether it makes them calibrated.
func TestCalibrationStanding(t *testing.T) {
	p := review.CalibrationPolicy{Threshold: 0.8, MinExamples: 5}
	agree, kappa := 0.9333, 0.5
	got := calibrationStanding(review.CalibrationScore{Reviewer: "rev-1", Examples: 5, Judgements: 15, Agreement: &agree, Kappa: &kappa, Calibrated: true}, p)
	for _, want := range []string{"rev-1", "93.3% of 15 criterion levels over 5 examples", "kappa 0.50", ": calibrated", "≥ 80% over ≥ 5 examples"} {
		if !strings.Contains(got, want) {
			t.Errorf("standing %q lacks %q", got, want)
		}
	}
	agree = 0.5
	got = calibrationStanding(review.CalibrationScore{Reviewer: "rev-2", Examples: 1, Judgements: 2, Agreement: &agree}, p)
	if !strings.Contains(got, "over 1 example (kappa –): not calibrated yet") {
		t.Errorf("standing %q", got)
	}
	if got := calibrationStanding(review.CalibrationScore{Reviewer: "rev-3"}, p); !strings.Contains(got, "scored no example yet") {
		t.Errorf("standing with no examples %q", got)
	}
}
