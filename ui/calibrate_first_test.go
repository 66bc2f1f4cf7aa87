package ui_test

import (
	"testing"

	"assessor/review"
	"assessor/ui"
)

// TestQueueSaysWhatCalibrationTakes: when the program offers live attempts
// only to calibrated reviewers, the queue says so as the program's rule
// (not as a load that failed) with what calibration takes and how far the
// reviewer is.
func TestQueueSaysWhatCalibrationTakes(t *testing.T) {
	d := demoStore(t)
	if err := d.st.SetCalibrationPolicy(review.CalibrationPolicy{Threshold: 0.8, MinExamples: 3, Required: true}); err != nil {
		t.Fatal(err)
	}
	p := run(t, ui.New(d.st, goldenReviewer, goldenOptions()), 120, 30)
	p.WaitAfter(0, "No live attempts until you are calibrated")
	frame := p.frame()
	requireContains(t, frame, "offers live attempts only to calibrated reviewers", "has scored no example yet", "80% agreement over ≥ 3", "assessor calibrate")
	if contains(frame, "did not load") {
		t.Errorf("the program's rule shown as a failed load:\n%s", frame)
	}
}
