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

// TestQueueNamesCalibrateAsRun: the queue's "calibrate first: assessor
// calibrate" is the command as the reviewer runs it (Options.Reword, which
// the command line sets to add the --db and --as given): as the store
// words it, pasted, calibrate opened the default store as the operator.
func TestQueueNamesCalibrateAsRun(t *testing.T) {
	d := demoStore(t)
	if err := d.st.SetCalibrationPolicy(review.CalibrationPolicy{Threshold: 0.8, MinExamples: 3, Required: true}); err != nil {
		t.Fatal(err)
	}
	opt := goldenOptions()
	opt.Reword = func(err error) error {
		return review.RewordHere(err, func(args string) string { return "assessor " + args + " --db D --as R" })
	}
	p := run(t, ui.New(d.st, goldenReviewer, opt), 200, 30)
	p.WaitAfter(0, "No live attempts until you are calibrated")
	requireContains(t, p.frame(), "calibrate first: assessor calibrate --db D --as R (on a server")
}
