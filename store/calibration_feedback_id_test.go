package store

import (
	"errors"
	"strings"
	"testing"

	"assessor/review"
)

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
