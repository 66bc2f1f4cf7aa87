package ui_test

import (
	"slices"
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
	p.WaitAfter(0, "assessor calibration", q[0].Handle())
	return p, q
}

func TestGoldenCalibrationQueue(t *testing.T) {
	eachSize(t, "calibration_queue", func(t *testing.T, w, h int) string {
		d := demoStore(t)
		p, q := startCalibration(t, d, w, h)
		frame := p.frame()
		requireContains(t, frame, "assessor calibration", "3 pending", q[0].Handle(), q[2].Handle())
		requireNoIdentity(t, frame, d)
		return frame
	})
}

// TestGoldenCalibrationReview opens the example that is a resubmission:
// it is scored blind, so nothing of the attempt before it shows.
func TestGoldenCalibrationReview(t *testing.T) {
	eachSize(t, "calibration_review", func(t *testing.T, w, h int) string {
		d := demoStore(t)
		p, q := startCalibration(t, d, w, h)
		row := slices.IndexFunc(q, func(it review.QueueItem) bool { return it.Attempt > 1 })
		if row < 0 {
			t.Fatal("no calibration example is a resubmission")
		}
		for range row {
			p.Press("down")
		}
		it := q[row]
		p.Do(keys("enter"), it.Handle()+" · ", "Evidence")
		frame := p.frame()
		requireContains(t, frame, it.Handle(), "Evidence", "Rubric")
		for _, bad := range []string{"Attempt 1 feedback", "d diff/full text"} {
			if contains(frame, bad) {
				t.Errorf("a calibration example shows the attempt before it (%q):\n%s", bad, frame)
			}
		}
		requireNoIdentity(t, frame, d)
		return frame
	})
}
