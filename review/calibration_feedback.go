package review

// CalibrationFeedback is what a reviewer is shown after scoring a
// calibration example, as Moodle Workshop's example assessments do: the
// example's reference levels beside their own, and their standing so far.
// It exists only once they have answered, so it cannot hint at an answer.
type CalibrationFeedback struct {
	Reference map[string]string // the example's true level per criterion
	Yours     map[string]string // the reviewer's response
	Score     CalibrationScore  // over every example they have scored
	Policy    CalibrationPolicy // what "calibrated" takes
}

// Differs lists, in rubric order, the criteria where the reviewer's level
// is not the reference level.
func (f CalibrationFeedback) Differs(r Rubric) []string {
	var out []string
	for _, c := range r.Criteria {
		if ref, ok := f.Reference[c.ID]; ok && f.Yours[c.ID] != ref {
			out = append(out, c.ID)
		}
	}
	return out
}
