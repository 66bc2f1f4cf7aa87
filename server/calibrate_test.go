package server

import (
	"fmt"
	"testing"

	"assessor/review"
)

// TestCalibrateEndsWithStanding: leaving the calibrate screen over SSH
// prints the reviewer's agreement so far, the line `assessor calibrate`
// prints locally, after the screen has closed.
func TestCalibrateEndsWithStanding(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 40)
	addReviewer(t, st, "lead-1", review.RoleLead)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	apps, err := st.Applications()
	if err != nil {
		t.Fatal(err)
	}
	var examples []review.CalibrationExample
	for _, a := range apps {
		if a.LastOutcome != "" && len(examples) < 2 {
			ex, err := st.AddCalibrationExample("lead-1", review.AttemptKey{Application: a.ID, Attempt: a.Attempts}, nil)
			if err != nil {
				t.Fatal(err)
			}
			examples = append(examples, ex)
		}
	}
	if len(examples) < 2 {
		t.Fatal("fewer than two decided attempts in the demo store")
	}
	// rev-1 has scored one example exactly as its reference levels say.
	ex := examples[0]
	feedback := map[string]string{}
	for c := range ex.Levels {
		feedback[c] = "Name the target."
	}
	if _, err := st.Calibration().Claim("rev-1", ex.Attempt); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Calibration().Decide("rev-1", ex.Attempt, ex.Levels, feedback); err != nil {
		t.Fatal(err)
	}
	want, err := st.CalibrationStanding("rev-1")
	if err != nil {
		t.Fatal(err)
	}
	levels := review.Count(len(ex.Levels), "criterion level", "criterion levels")
	if wantPart := fmt.Sprintf("calibration: rev-1 agrees with the reference levels on 100.0%% of %s over 1 example", levels); len(want) < len(wantPart) || want[:len(wantPart)] != wantPart {
		t.Fatalf("standing %q, want it to start %q", want, wantPart)
	}
	_, addr := startServer(t, st, Config{})

	c := openScreen(t, addr, rev, 120, 40, "calibrate", "calibration", examples[1].Handle)
	m := c.mark()
	if err := c.press("q"); err != nil {
		t.Fatal(err)
	}
	if err := c.wait(wait); err != nil {
		t.Fatalf("q in the calibrate screen: %v", err)
	}
	if _, err := c.waitFor(m, 0, want); err != nil {
		t.Errorf("no standing after the calibrate screen: %v", err)
	}
}
