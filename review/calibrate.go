package review

import (
	"errors"
	"fmt"
	"maps"
	"time"
)

// NewCalibrationExample makes decided attempt a (rec is its decision of
// record, nil while pending: ErrNotDecided) a calibration example, as lead
// at now. Its true levels are the decision's, with levels (which may be
// nil; spelled as r spells them, Rubric.Spelled) overriding criterion by
// criterion; every criterion of r, the attempt's rubric version, must end
// up with a known level (ComputeOutcome).
func NewCalibrationExample(lead string, now time.Time, a Attempt, rec *Decision, r Rubric, levels map[string]string) (CalibrationExample, error) {
	if err := RequireDecided(a, rec, "only decided attempts can be calibration examples"); err != nil {
		return CalibrationExample{}, err
	}
	truth := maps.Clone(rec.Levels)
	maps.Copy(truth, r.Spelled(levels))
	if _, err := ComputeOutcome(r, truth); err != nil {
		return CalibrationExample{}, err
	}
	return CalibrationExample{Attempt: a.Key(), Handle: a.Handle(), Credential: a.Credential, Levels: truth, AddedBy: lead, AddedAt: now}, nil
}

// ErrExampleOpen means an attempt's application is still open, so it
// cannot be a calibration example: the reviewers of its later attempts
// read its decision, the example's answer, in the history.
var ErrExampleOpen = errors.New("its application is still open")

// CheckExampleClosed refuses an attempt of app as a calibration example
// while app is open at now (it may take another attempt, or has one
// waiting): reviewers score examples blind.
func CheckExampleClosed(app Application, now time.Time) error {
	if app.StatusAt(now) != StatusOpen {
		return nil
	}
	until := "until " + app.ClosesAt().Format("2006-01-02")
	if !now.Before(app.ClosesAt()) {
		// Its window closed with its last attempt waiting (StatusAt).
		until = "until its last attempt is decided (its window closed " + app.ClosesAt().Format("2006-01-02") + ")"
	}
	return fmt.Errorf("%w %s: the reviewers of its later attempts read this decision, the example's answer, in its history; add it once the application has passed or closed",
		ErrExampleOpen, until)
}

// ErrExampleBeside means another attempt of the same application is an
// example already: listed side by side, the two tell a reviewer that the
// earlier was sent back, the answer of one of them.
var ErrExampleBeside = errors.New("another attempt of its application is an example")

// CheckExampleAlone refuses an attempt as a calibration example beside
// other, an example of another attempt of its application ("" for none).
func CheckExampleAlone(other string) error {
	if other == "" {
		return nil
	}
	return fmt.Errorf("%w (%s): side by side, two attempts of one application tell reviewers the earlier was sent back; keep one, or choose another application", ErrExampleBeside, other)
}

// ExampleState is what the calibration rules know about one example for
// one reviewer.
type ExampleState struct {
	Example    bool    // the attempt is a calibration example
	Responded  bool    // the reviewer has scored it
	Conflicted bool    // Conflicts(reviewer, its candidate): rule 7 holds in calibration too
	Decided    bool    // the reviewer made its decision of record, or one of its two reviews: they know its answer
	Stored     bool    // its attempt still exists
	Attempt    Attempt // the attempt, when Stored
}

// MayScore checks that the reviewer may open, save a draft of and score
// the example: one that is not an example, already scored, conflicted,
// decided by the reviewer (scoring their own decision blind would count
// as agreement) or whose attempt is gone is ErrNotPending alike.
func (s ExampleState) MayScore() error {
	if !s.Example || s.Responded || s.Conflicted || s.Decided || !s.Stored {
		return ErrNotPending
	}
	return nil
}

// RespondCalibration is reviewer's calibration response to an example
// (MayScore), made at now under the same rules as a decision: levels
// complete and known (rule 1), feedback on every not-yet criterion (rule
// 2), feedback cleaned. It also returns the response in decision form; that
// is never a decision of record.
func RespondCalibration(reviewer string, now time.Time, s ExampleState, r Rubric, levels, feedback map[string]string) (CalibrationResponse, Decision, error) {
	if err := s.MayScore(); err != nil {
		return CalibrationResponse{}, Decision{}, err
	}
	d, err := newDecision(s.Attempt, reviewer, now, r, levels, feedback)
	if err != nil {
		return CalibrationResponse{}, Decision{}, err
	}
	resp := CalibrationResponse{Reviewer: reviewer, Attempt: s.Attempt.Key(), Levels: d.Levels, Feedback: d.Feedback, At: now}
	return resp, d, nil
}
