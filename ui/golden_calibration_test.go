package ui_test

import (
	"testing"

	"assessor/review"
	"assessor/ui"
)

// startCalibration opens the reviewer program in calibration mode, on the
// store's calibration session as `assessor calibrate` does, with three
// examples to score, and waits for the queue.
func startCalibration(t *testing.T, d *demoData, w, h int) (*frameOf, []review.QueueItem) {
	t.Helper()
	d.addCalibrationExamples(t, 3)
	q, err := d.st.Calibration().Queue(goldenReviewer, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(q) != 3 {
		t.Fatalf("calibration queue has %d examples, want 3", len(q))
	}
	opt := goldenOptions()
	opt.Mode = "calibration"
	p := run(t, ui.New(d.st.Calibration(), goldenReviewer, opt), w, h)
	p.waitAfter(0, "assessor calibration", q[0].Handle())
	return p, q
}

func TestGoldenCalibrationQueue(t *testing.T) {
	eachSize(t, "calibration_queue", fitsAlways, func(t *testing.T, w, h int) string {
		d := demoStore(t)
		p, q := startCalibration(t, d, w, h)
		frame := p.frame()
		requireContains(t, frame, "assessor calibration", "3 pending", q[0].Handle(), q[2].Handle())
		requireNoIdentity(t, frame, d)
		return frame
	})
}

func TestGoldenCalibrationReview(t *testing.T) {
	eachSize(t, "calibration_review", fitsAlways, func(t *testing.T, w, h int) string {
		d := demoStore(t)
		p, q := startCalibration(t, d, w, h)
		p.do(keys("enter"), q[0].Handle()+" · ", "Evidence")
		frame := p.frame()
		// Scored blind: no earlier attempt's feedback is shown.
		requireContains(t, frame, q[0].Handle(), "Evidence", "Rubric")
		for _, bad := range []string{"feedback (resubmit)", "feedback (pass)"} {
			if contains(frame, bad) {
				t.Errorf("a calibration example shows an earlier decision (%q):\n%s", bad, frame)
			}
		}
		requireNoIdentity(t, frame, d)
		return frame
	})
}
