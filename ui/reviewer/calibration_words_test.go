package reviewer

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/internal/uitest"
	"assessor/ui/styles"
)

// TestCalibrationResultCountsAgree: after one example of one criterion
// under a one-example policy, every count in the result agrees with its
// word ("1 criterion level", "1 example"), never "1 examples".
func TestCalibrationResultCountsAgree(t *testing.T) {
	r := uitest.Rubrics()[0]
	c := r.Criteria[0]
	agree := 1.0
	fb := review.CalibrationFeedback{
		Reference: map[string]string{c.ID: "meets"}, Yours: map[string]string{c.ID: "meets"},
		Score:  review.CalibrationScore{Reviewer: "rev-1", Examples: 1, Judgements: 1, Agreement: &agree, Calibrated: true},
		Policy: review.CalibrationPolicy{Threshold: 0.8, MinExamples: 1},
	}
	st := styles.New(trueColorRenderer(), true)
	got := ansi.Strip(newCalibrationResult(st, r, "DF-7KQ2#1", fb, 200, 30).text(200))
	for _, want := range []string{"You matched the reference on its one criterion.",
		"Your agreement so far: 100.0% of 1 criterion level over 1 example.", "over at least 1 example: you are."} {
		if !strings.Contains(got, want) {
			t.Errorf("result lacks %q:\n%s", want, got)
		}
	}
	fb.Yours[c.ID] = "not-yet"
	got = ansi.Strip(newCalibrationResult(st, r, "DF-7KQ2#1", fb, 200, 30).text(200))
	if want := "You matched the reference on 0 of 1 criterion; you differed on " + c.ID; !strings.Contains(got, want) {
		t.Errorf("result lacks %q:\n%s", want, got)
	}
}
