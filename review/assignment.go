package review

import (
	"errors"
	"fmt"
	"time"
)

// Assignment is what a reviewer gets on claiming an attempt: the anonymized
// attempt, the rubric version it is scored against, the reviewer's own draft
// (empty if none), the lease's end, and the decided earlier attempts of the
// same application, oldest first.
type Assignment struct {
	Attempt     Attempt
	Rubric      Rubric
	Draft       Draft
	LeaseExpiry time.Time
	Previous    []PriorAttempt
	// Resumed: Next gave back an attempt the reviewer already held
	// (Resume), work in hand, perhaps open in another of their sessions.
	Resumed bool
	// DoubleReview: the attempt is sampled for two blind reviews, so this
	// review is one of two and a lead settles a disagreement.
	DoubleReview bool
	// WindowCloses is when the application's window closes (rule 4): a
	// resubmit decided after it ends the application. Zero when unknown
	// (a calibration example).
	WindowCloses time.Time
}

// ResubmitMeans says what a resubmit decided at now means for the
// candidate, as the confirm dialog tells the reviewer: a next attempt
// before the window closes, or, once it has closed, none.
func ResubmitMeans(closes, now time.Time) string {
	switch {
	case closes.IsZero():
		return "The candidate gets your feedback and may submit the next attempt."
	case !now.Before(closes):
		return "The candidate gets your feedback, but the application's window closed on " + closeText(closes) + ", so no further attempt can be submitted."
	}
	return "The candidate gets your feedback and may submit the next attempt before " + closeText(closes) + "."
}

// PriorAttempt is an earlier attempt of the same application with its
// decision, shown when reviewing a resubmission. Reviewer is a pseudonymous
// label, never a name.
type PriorAttempt struct {
	Attempt  Attempt
	Decision Decision
	// Rubric is the version the decision was made against, when it is not
	// the assignment's own (a new version renamed or added criteria); zero
	// otherwise.
	Rubric Rubric
}

// ScoredAgainst is the rubric the prior decision was made against: its own
// version, or current (the assignment's rubric) when that is the same.
func (p PriorAttempt) ScoredAgainst(current Rubric) Rubric {
	if p.Rubric.ID != "" {
		return p.Rubric
	}
	return current
}

// LeaseDuration is how long a claim lasts without activity (rule 6).
const LeaseDuration = 30 * time.Minute

// Errors of claiming (rule 6).
var (
	// ErrClaimed means another reviewer holds a live lease on the attempt.
	ErrClaimed = errors.New("attempt is being reviewed by someone else")
	// ErrDraftAside is what saving a draft reports when another reviewer
	// holds the attempt now (a lead released the saver's claim and it was
	// taken): the draft is kept all the same, the saver's own, with no
	// lease, so no work is lost. It is also ErrClaimed.
	ErrDraftAside = fmt.Errorf("%w; your draft is kept for when it is free", ErrClaimed)
	// ErrFlagsOpen means the program requires a lead to work an attempt's
	// flags before a reviewer claims it, and some are still open.
	ErrFlagsOpen = errors.New("a lead must first work its possible identifying details (assessor leaks)")
	// ErrQueueEmpty means no pending attempt is available to this reviewer.
	ErrQueueEmpty = errors.New("no pending attempts")
	// ErrNotPending means the attempt is unknown or already decided.
	ErrNotPending = errors.New("attempt is not pending")
	// ErrNotClaimed means nobody holds a live lease on the attempt, so
	// there is no claim to release.
	ErrNotClaimed = errors.New("attempt is not claimed")
)
