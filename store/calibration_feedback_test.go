package store

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"assessor/review"
)

// TestCalibrationFeedback: before answering, an example's reference levels
// are refused; after, the reviewer gets them beside their own levels, the
// criterion where they differ, and their agreement so far.
func TestCalibrationFeedback(t *testing.T) {
	f := calibrationFixture(t)
	c := f.Calibration()
	e5 := key("E-5", 1)
	if _, err := c.CalibrationFeedback("rev-1", e5); !errors.Is(err, review.ErrNotPending) {
		t.Fatalf("feedback before answering: %v, want ErrNotPending", err)
	}
	if _, err := c.Claim("rev-1", e5); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Decide("rev-1", e5, allMeets, nil); err != nil {
		t.Fatal(err)
	}
	fb, err := c.CalibrationFeedback("rev-1", e5)
	if err != nil {
		t.Fatal(err)
	}
	r, err := f.Rubric("descriptive-feedback", 0)
	if err != nil {
		t.Fatal(err)
	}
	if fb.Reference["C2"] != "not-yet" || fb.Yours["C2"] != "meets" || !slices.Equal(fb.Differs(r), []string{"C2"}) {
		t.Errorf("feedback %+v differs %q; want C2 reference not-yet, yours meets", fb, fb.Differs(r))
	}
	if fb.Score.Examples != 1 || fb.Score.Judgements != 3 || fb.Score.Agreement == nil || *fb.Score.Agreement != 0.6667 {
		t.Errorf("score %+v; want 2 of 3 over one example", fb.Score)
	}
	if _, err := c.CalibrationFeedback("rev-2", e5); !errors.Is(err, review.ErrNotPending) {
		t.Errorf("another reviewer's feedback: %v, want ErrNotPending", err)
	}
}

// TestCalibrationFeedbackNamesNoApplication: the comparison a reviewer's
// screen asks for after they answer fails, when a lead removed the
// example meanwhile, without the application's id, which only leads see.
func TestCalibrationFeedbackNamesNoApplication(t *testing.T) {
	f := calibrationFixture(t)
	c := f.Calibration()
	ex := key("E-1", 1)
	if _, err := c.Claim("rev-1", ex); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Decide("rev-1", ex, allMeets, nil); err != nil {
		t.Fatal(err)
	}
	if err := f.RemoveCalibrationExample("lead-1", ex); err != nil {
		t.Fatal(err)
	}
	_, err := c.CalibrationFeedback("rev-1", ex)
	if !errors.Is(err, review.ErrNotPending) || strings.Contains(err.Error(), "E-1") {
		t.Errorf("feedback of a removed example: %v", err)
	}
	if _, err := c.CalibrationFeedback("rev-2", key("E-2", 1)); !errors.Is(err, review.ErrNotPending) || strings.Contains(err.Error(), "E-2") {
		t.Errorf("feedback of an example not scored: %v", err)
	}
}
