package review

import "fmt"

// Standing is the one line `calibrate` ends with, locally and over SSH:
// the reviewer's agreement with the reference levels over every example
// they have scored, rounded as `calibration report` rounds it, and whether
// that makes them calibrated under p.
func (s CalibrationScore) Standing(p CalibrationPolicy) string {
	goal := fmt.Sprintf("%.0f%%", p.Threshold*100)
	atLeast := Count(p.MinExamples, "example", "examples")
	if s.withheld > 0 && s.Needed < p.MinExamples {
		// Which were withheld, and why, is not theirs to know (rule 7).
		if s.Needed == 0 {
			return fmt.Sprintf("calibration: %s has no calibration example to score: a lead must add others (calibrated at ≥ %s agreement over ≥ %s)", s.Reviewer, goal, atLeast)
		}
		atLeast = Count(s.Needed, "example", "examples") + ", all there are for them"
	}
	if s.Examples == 0 {
		return fmt.Sprintf("calibration: %s has scored no example yet (calibrated at ≥ %s agreement over ≥ %s)", s.Reviewer, goal, atLeast)
	}
	status := "not calibrated yet"
	if s.Calibrated {
		status = "calibrated"
	}
	return fmt.Sprintf("calibration: %s agrees with the reference levels on %s of %s over %s (kappa %s): %s (≥ %s over ≥ %s)",
		s.Reviewer, s.AgreementShare(), Count(s.Judgements, "criterion level", "criterion levels"),
		Count(s.Examples, "example", "examples"), s.KappaShown(), status, goal, atLeast)
}
