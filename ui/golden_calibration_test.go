package ui_test

import (
	"fmt"
	"slices"
	"strings"
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
		// Examples wait on no one: the queue shows when they were submitted.
		requireContains(t, frame, "Submitted", q[0].SubmittedAt.Format("2006-01-02"))
		if contains(frame, "Days waiting") {
			t.Errorf("the calibration queue counts days waiting:\n%s", frame)
		}
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
		requireContains(t, frame, it.Handle(), "Evidence", "Rubric", "CALIBRATION · ")
		// An example waits on no one: no days waiting.
		for _, bad := range []string{"Attempt 1 feedback", "d diff/full text", "days waiting"} {
			if contains(frame, bad) {
				t.Errorf("a calibration example shows the attempt before it (%q):\n%s", bad, frame)
			}
		}
		requireNoIdentity(t, frame, d)
		return frame
	})
}

// TestGoldenCalibrationConfirm: the dialog before submitting an answer
// says it is calibration, not a decision a candidate receives.
func TestGoldenCalibrationConfirm(t *testing.T) {
	eachSize(t, "calibration_confirm", func(t *testing.T, w, h int) string {
		d := demoStore(t)
		p, q := startCalibration(t, d, w, h)
		scoreFromDraft(t, d, p, q[0])
		p.Do(keys("c"), "Submit your calibration answer")
		frame := p.frame()
		requireContains(t, frame, "(RESUBMIT) for "+q[0].Handle(), "No candidate", "y submit answer")
		for _, bad := range []string{"credential is earned", "candidate gets your feedback", "days waiting"} {
			if contains(frame, bad) {
				t.Errorf("the calibration dialog reads as a live decision (%q):\n%s", bad, frame)
			}
		}
		return frame
	})
}

// TestGoldenCalibrationResult: after submitting, the reviewer sees the
// example's reference levels beside theirs, where they differed, and their
// agreement so far; enter opens the next example.
func TestGoldenCalibrationResult(t *testing.T) {
	eachSize(t, "calibration_result", func(t *testing.T, w, h int) string {
		d := demoStore(t)
		p, q := startCalibration(t, d, w, h)
		r, mine := scoreFromDraft(t, d, p, q[0])
		p.Do(keys("c"), "Submit your calibration answer")
		p.Do(keys("y"), "Calibration result · "+q[0].Handle(), "Your agreement so far")
		frame := p.frame()
		exs, err := d.st.CalibrationExamples()
		if err != nil {
			t.Fatal(err)
		}
		var differs []string
		for _, ex := range exs {
			if ex.Attempt == q[0].Key() {
				differs = review.CalibrationFeedback{Reference: ex.Levels, Yours: mine}.Differs(r)
			}
		}
		if len(differs) == 0 {
			t.Fatal("the answer agrees with the reference: the test would show no difference")
		}
		requireContains(t, frame, "yours", "reference", "differs", "you differed on "+strings.Join(differs, ", "),
			fmt.Sprintf("of %d criteria", len(r.Criteria)), "nothing was recorded for the candidate")
		requireNoIdentity(t, frame, d)
		return frame
	})
}

// TestCalibrationResultGoesOn: enter on the comparison opens the next
// example.
func TestCalibrationResultGoesOn(t *testing.T) {
	d := demoStore(t)
	p, q := startCalibration(t, d, 120, 40)
	scoreFromDraft(t, d, p, q[0])
	p.Do(keys("c"), "Submit your calibration answer")
	p.Do(keys("y"), "Calibration result · "+q[0].Handle())
	p.Do(keys("enter"), q[1].Handle()+" · ", "Evidence")
}

// scoreFromDraft stores a calibration draft for example it (the first
// criterion at the lowest level, with feedback; the rest at the passing
// level), opens the example and the scoring panel, and returns its rubric
// and the levels.
// The draft, not keys, sets the levels, so the test does not depend on how
// the panel moves between criteria.
func scoreFromDraft(t *testing.T, d *demoData, p *frameOf, it review.QueueItem) (review.Rubric, map[string]string) {
	t.Helper()
	as, err := d.st.Calibration().Claim(goldenReviewer, it.Key())
	if err != nil {
		t.Fatal(err)
	}
	r := as.Rubric
	dr := review.Draft{Levels: map[string]string{}, Feedback: map[string]string{}}
	for i, c := range r.Criteria {
		dr.Levels[c.ID] = r.PassingLevel()
		if i == 0 {
			dr.Levels[c.ID] = r.AllLevels()[0]
			dr.Feedback[c.ID] = "Name the learning target in the feedback itself, and show how each student used it to revise."
		}
	}
	if err := d.st.Calibration().SaveDraft(goldenReviewer, it.Key(), dr); err != nil {
		t.Fatal(err)
	}
	p.Do(keys("enter"), it.Handle()+" · ", "Evidence")
	p.Do(keys("s"), "Scoring "+it.Handle())
	return r, dr.Levels
}

// TestCalibrationResultEscGoesBack: esc on the comparison goes back to the
// queue, as esc does everywhere, without claiming the next example.
func TestCalibrationResultEscGoesBack(t *testing.T) {
	d := demoStore(t)
	p, q := startCalibration(t, d, 120, 40)
	scoreFromDraft(t, d, p, q[0])
	p.Do(keys("c"), "Submit your calibration answer")
	p.Do(keys("y"), "Calibration result · "+q[0].Handle(), "esc back to queue")
	p.Do(keys("esc"), "2 pending", "Recorded your calibration answer for "+q[0].Handle())
	left, err := d.st.Calibration().Queue(goldenReviewer, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range left {
		if it.Mine {
			t.Errorf("esc claimed %s", it.Handle())
		}
	}
}
