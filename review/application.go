package review

import (
	"errors"
	"fmt"
	"time"
)

// WindowMonths is how long, in months, an application stays open after it starts.
const WindowMonths = 6

// Status is where an application stands.
type Status string

// Application statuses.
const (
	StatusOpen    Status = "open"    // waiting on a decision, or on the candidate's next attempt
	StatusPassed  Status = "passed"  // credential earned
	StatusExpired Status = "expired" // window closed without a pass
)

// Application is one candidate working on one credential. It holds no
// identity: that lives in the vault, keyed by ID.
type Application struct {
	ID          string    `json:"id"`
	Credential  string    `json:"credential"`
	Pseudonym   string    `json:"pseudonym"`
	StartedAt   time.Time `json:"started_at"`
	Attempts    int       `json:"attempts"`               // highest attempt number submitted
	LastOutcome Outcome   `json:"last_outcome,omitempty"` // decision on attempt Attempts, if decided
}

// ClosesAt is when the resubmission window ends: WindowMonths calendar
// months after StartedAt (AddMonths).
func (a Application) ClosesAt() time.Time { return AddMonths(a.StartedAt, WindowMonths) }

// AddMonths is t plus n calendar months at the same time of day: the same
// day of the month, or the month's last day when it is shorter. Six months
// after 31 August is 29 February (28 in a common year), where
// time.AddDate would run on into March.
func AddMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}

// StatusAt tells where the application stands at time now.
func (a Application) StatusAt(now time.Time) Status {
	switch {
	case a.LastOutcome == Pass:
		return StatusPassed
	case a.LastOutcome == "":
		// Its last attempt, submitted inside the window, still awaits a
		// decision: the window closing does not end that.
		return StatusOpen
	case !now.Before(a.ClosesAt()):
		return StatusExpired
	}
	return StatusOpen
}

// Errors of rule 4.
var (
	ErrAttemptGap      = errors.New("attempt out of sequence")
	ErrNotResubmit     = errors.New("previous attempt not decided resubmit")
	ErrPassed          = errors.New("application already passed")
	ErrExpired         = errors.New("application window closed")
	ErrAlreadyDecided  = errors.New("attempt already decided")
	ErrBeforeStart     = errors.New("submitted before the application started")
	ErrBeforeSubmitted = errors.New("decided before it was submitted")
	// ErrBeforePrevDecided: attempt n+1 is a response to attempt n's
	// feedback, so it cannot be submitted before that decision.
	ErrBeforePrevDecided = errors.New("submitted before the attempt it resubmits was decided")
	// ErrInFuture: an import's time well past the store's clock is a
	// typo ("2027" for "2026"); taken, it would stand in the queue and the
	// report as a month to come.
	ErrInFuture = errors.New("is in the future")
)

// FutureSlack is how far past the store's clock an imported time may be:
// a week, generous to the clocks and time zones of the systems a file
// comes from, and still short of the typos it is there for (a year, a
// month).
const FutureSlack = 7 * 24 * time.Hour

// checkNotFuture is ErrInFuture, naming t, when t is past now and
// FutureSlack; a zero now checks nothing.
func checkNotFuture(t, now time.Time) error {
	if !now.IsZero() && t.After(now.Add(FutureSlack)) {
		return fmt.Errorf("%s %w (it is %s now)", t.UTC().Format(time.RFC3339), ErrInFuture, now.UTC().Format(time.RFC3339))
	}
	return nil
}

// Decided returns the application after its attempt number got a decision
// of record with outcome o: LastOutcome follows the last attempt only.
// changed is false when nothing needs writing.
func (a Application) Decided(number int, o Outcome) (app Application, changed bool) {
	if a.Attempts != number || a.LastOutcome == o {
		return a, false
	}
	a.LastOutcome = o
	return a, true
}

// CheckNextAttempt applies rule 4 to attempt n submitted at t: n must follow
// the last attempt, which must have been decided resubmit, and t must fall
// inside the window.
func (a Application) CheckNextAttempt(n int, t time.Time) error {
	if n != a.Attempts+1 {
		return fmt.Errorf("%w: application has %s, so the next is %d, not %d", ErrAttemptGap, Count(a.Attempts, "attempt", "attempts"), a.Attempts+1, n)
	}
	if n == 1 {
		if t.Before(a.StartedAt) {
			return ErrBeforeStart
		}
		return a.checkOpen(t)
	}
	switch a.LastOutcome {
	case Pass:
		return ErrPassed
	case Resubmit:
	default:
		return fmt.Errorf("%w: attempt %d is still waiting for a decision", ErrNotResubmit, a.Attempts)
	}
	return a.checkOpen(t)
}

// checkOpen refuses an attempt submitted at t once the window has closed.
func (a Application) checkOpen(t time.Time) error {
	if !t.Before(a.ClosesAt()) {
		return fmt.Errorf("%w on %s", ErrExpired, closeText(a.ClosesAt()))
	}
	return nil
}
