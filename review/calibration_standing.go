package review

import "fmt"

// Standing is the one line `calibrate` ends with, locally and over SSH:
// the reviewer's agreement with the reference levels over every example
// they have scored, rounded as `calibration report` rounds it, and whether
// that makes them calibrated under p.
func (s CalibrationScore) Standing(p CalibrationPolicy) string {
	goal := fmt.Sprintf("%.0f%%", p.Threshold*100)
	atLeast := Count(p.MinExamples, "example", "examples")
	if s.own > 0 && s.needed < p.MinExamples {
		if s.needed == 0 {
			return fmt.Sprintf("calibration: %s decided every calibration example: a lead must add others for them (calibrated at ≥ %s agreement over ≥ %s)", s.Reviewer, goal, atLeast)
		}
		// They decided the others: those left are all it asks.
		atLeast = Count(s.needed, "example", "examples") + ", all those they did not decide"
	}
	if s.Examples == 0 {
		return fmt.Sprintf("calibration: %s has scored no example yet (calibrated at ≥ %s agreement over ≥ %s)", s.Reviewer, goal, atLeast)
	}
	status := "not calibrated yet"
	if s.Calibrated {
		status = "calibrated"
	}
	return fmt.Sprintf("calibration: %s agrees with the reference levels on %s of %s over %s (kappa %s): %s (≥ %s over ≥ %s)",
		s.Reviewer, FormatRate(s.Agreement), Count(s.Judgements, "criterion level", "criterion levels"),
		Count(s.Examples, "example", "examples"), FormatFigure(s.Kappa), status, goal, atLeast)
}
