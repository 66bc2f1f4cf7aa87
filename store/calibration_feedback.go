package store

import (
	"fmt"

	"assessor/review"
)

// CalibrationFeedback is what the reviewer sees after scoring example key:
// its reference levels, their own response and their standing over every
// example they have scored. It is refused (review.ErrNotPending) until the
// reviewer has responded, so it never gives an answer away beforehand.
func (c *CalibrationSession) CalibrationFeedback(reviewer string, key review.AttemptKey) (review.CalibrationFeedback, error) {
	var f review.CalibrationFeedback
	err := c.s.view(func(t *txn) error {
		if reviewer == "" {
			return ErrNoReviewer
		}
		b := t.bucket(bucketCalibration)
		if b == nil {
			return review.ErrNotPending
		}
		var resp review.CalibrationResponse
		if ok, err := getJSON(b, calibrationResponseKey(reviewer, key), &resp); err != nil {
			return err
		} else if !ok {
			// Not the key: a reviewer's screen shows this, and the key
			// holds the application's id, which only leads may see.
			return fmt.Errorf("%s has not scored this example: %w", reviewer, review.ErrNotPending)
		}
		exs, err := t.calibrationExamples()
		if err != nil {
			return err
		}
		ex, ok := exs[key]
		if !ok {
			return fmt.Errorf("this attempt is no longer a calibration example (a lead removed it): %w", review.ErrNotPending)
		}
		rs, err := t.calibrationResponses(reviewer)
		if err != nil {
			return err
		}
		if f.Policy, err = t.calibrationPolicy(); err != nil {
			return err
		}
		f.Reference, f.Yours = ex.Levels, resp.Levels
		g, err := t.gate(reviewer)
		if err != nil {
			return err
		}
		theirs, withheld, err := g.examplesFor(exs)
		if err != nil {
			return err
		}
		f.Score = review.ScoreCalibration(reviewer, theirs, withheld, rs, f.Policy)
		return nil
	})
	if err != nil {
		return review.CalibrationFeedback{}, fmt.Errorf("calibration feedback: %w", err)
	}
	return f, nil
}
