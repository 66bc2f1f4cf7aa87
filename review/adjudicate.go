package review

import (
	"errors"
	"fmt"
	"time"
)

// Errors of second review.
var (
	// ErrNotDisputed means the attempt is not awaiting adjudication.
	ErrNotDisputed = errors.New("attempt is not awaiting adjudication")
	// ErrOwnReview means a lead tried to adjudicate a review of their own.
	ErrOwnReview = errors.New("you reviewed this attempt: another lead must adjudicate it")
	// ErrConflictOfInterest means a lead tried to adjudicate or amend the
	// decision of a candidate they declared a conflict with (rule 7).
	ErrConflictOfInterest = errors.New("you declared a conflict of interest with this candidate")
	// ErrReviewInProgress means an imported decision names a sampled
	// attempt that holds a review of its blind double review: recorded, it
	// would settle the attempt and drop that finished work.
	ErrReviewInProgress = errors.New("its blind double review is under way (a reviewer's review is stored): let the second review or a lead's adjudication decide it, or leave the line out")
)

// AdjudicateState is what a lead's adjudication needs: who and when, the
// attempt's second-review state (Sampled is false when it has none), and
// the attempt and its rubric version, read when it is in dispute.
type AdjudicateState struct {
	Lead    string
	Now     time.Time
	Key     AttemptKey
	Sampled bool
	Reviews SecondReview
	Attempt Attempt
	Rubric  Rubric
	// Conflicted is Conflicts(the lead, its candidate): rule 7 holds for
	// leads who adjudicate as for reviewers.
	Conflicted bool
}

// MayAdjudicate checks that the attempt's two reviews disagree and wait
// for a lead (ErrNotDisputed), and that the lead gave neither
// (ErrOwnReview). Store checks it before reading the attempt.
func (s AdjudicateState) MayAdjudicate() error {
	name := s.Key.String()
	if s.Attempt.Application != "" {
		name = s.Attempt.Handle() // a lead reads handles, as the screen shows them
	}
	switch {
	case !s.Sampled || !s.Reviews.Disputed():
		return fmt.Errorf("%s: %w", name, ErrNotDisputed)
	case s.Reviews.First.Reviewer == s.Lead || s.Reviews.Second.Reviewer == s.Lead:
		return ErrOwnReview
	case s.Conflicted:
		return fmt.Errorf("%w: another lead must adjudicate it", ErrConflictOfInterest)
	}
	return nil
}

// Adjudicate settles a disputed attempt (MayAdjudicate): levels and
// feedback, the lead's choice from both reviews or their own, become the
// decision of record, validated like any decision (rules 1 and 2, and
// feedback may only name a criterion or OverallKey), with the lead as its
// reviewer and now as its time, which may not come before the submission
// (ErrBeforeSubmitted, as for a reviewer's decision). Both reviews go into
// the history before it (ActionAdjudicate), and the pair is judged against
// it.
func Adjudicate(s AdjudicateState, levels, feedback map[string]string) (Resolution, error) {
	if err := s.MayAdjudicate(); err != nil {
		return Resolution{}, err
	}
	if err := notBeforeSubmitted(s.Attempt, s.Now); err != nil {
		return Resolution{}, err
	}
	d, err := newDecision(s.Attempt, s.Lead, s.Now, s.Rubric, levels, feedback)
	if err != nil {
		return Resolution{}, err
	}
	pair := DoubleReview{Reviews: [2]Decision{*s.Reviews.First, *s.Reviews.Second}, Adjudicated: &d}
	return *resolvePair(pair, HistoryEntry{Action: ActionAdjudicate, By: s.Lead, At: s.Now, Decision: d}), nil
}

// CheckFeedbackKeys fails with a *FieldError when feedback names neither a
// criterion of r nor OverallKey.
func CheckFeedbackKeys(r Rubric, feedback map[string]string) error {
	for _, k := range sortedKeys(feedback) {
		if _, ok := r.Criterion(k); !ok && k != OverallKey {
			return &FieldError{Field: "feedback." + cut(k, MaxQuoted), Err: r.unknownCriterion(k)}
		}
	}
	return nil
}
