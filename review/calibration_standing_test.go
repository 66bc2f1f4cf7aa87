package review

import (
	"math"
	"strings"
	"testing"
)

// TestCalibrationStanding: Standing is the line `calibrate` ends with,
// locally and over SSH: the reviewer's agreement so far, rounded as
// `calibration report` rounds it, and whether it makes them calibrated.
func TestCalibrationStanding(t *testing.T) {
	p := CalibrationPolicy{Threshold: 0.8, MinExamples: 5}
	agree, kappa := 0.9333, 0.5
	got := CalibrationScore{Reviewer: "rev-1", Examples: 5, Judgements: 15, Agreement: &agree, Kappa: &kappa, Calibrated: true}.Standing(p)
	for _, want := range []string{"rev-1", "93.3% of 15 criterion levels over 5 examples", "kappa 0.50", ": calibrated", "≥ 80% over ≥ 5 examples"} {
		if !strings.Contains(got, want) {
			t.Errorf("standing %q lacks %q", got, want)
		}
	}
	agree = 0.5
	got = CalibrationScore{Reviewer: "rev-2", Examples: 1, Judgements: 2, Agreement: &agree}.Standing(p)
	if !strings.Contains(got, "over 1 example (kappa –): not calibrated yet") {
		t.Errorf("standing %q", got)
	}
	if got := (CalibrationScore{Reviewer: "rev-3"}).Standing(p); !strings.Contains(got, "scored no example yet") {
		t.Errorf("standing with no examples %q", got)
	}
	// Every count agrees with its word.
	one := CalibrationPolicy{Threshold: 0.8, MinExamples: 1}
	got = CalibrationScore{Reviewer: "rev-2", Examples: 1, Judgements: 1, Agreement: &agree}.Standing(one)
	if !strings.Contains(got, "of 1 criterion level over 1 example") || !strings.HasSuffix(got, "over ≥ 1 example)") {
		t.Errorf("standing with counts of one %q", got)
	}
	if got := (CalibrationScore{Reviewer: "rev-3"}).Standing(one); !strings.HasSuffix(got, "over ≥ 1 example)") {
		t.Errorf("standing with no examples %q", got)
	}
}

// TestCalibrationPolicyCheck: a threshold out of [0,1], NaN included (which
// the store could not even encode), and no examples are refused.
func TestCalibrationPolicyCheck(t *testing.T) {
	for _, p := range []CalibrationPolicy{{Threshold: -0.1, MinExamples: 1}, {Threshold: 1.1, MinExamples: 1}, {Threshold: math.NaN(), MinExamples: 1}, {Threshold: 0.8}} {
		if p.Check() == nil {
			t.Errorf("%+v accepted", p)
		}
	}
	if err := (CalibrationPolicy{Threshold: 0.8, MinExamples: 5}).Check(); err != nil {
		t.Error(err)
	}
}
