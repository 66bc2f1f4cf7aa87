package review

import (
	"math"
	"math/big"
	"strings"
	"time"
)

// Tally is the running count behind one group's figures (docs/formats.md §3).
// The store keeps one per group and updates it in the same transaction as
// the event, so a report reads tallies instead of scanning attempts.
//
// Every decided application has a decided attempt 1 (rule 4), so the divisor
// of eventual_pass_rate equals FirstDecided and needs no count of its own.
type Tally struct {
	Applications      int64 `json:"applications"`
	FirstDecided      int64 `json:"first_decided"`
	FirstPasses       int64 `json:"first_passes"`
	Passed            int64 `json:"passed"`
	SumAttemptsToPass int64 `json:"sum_attempts_to_pass"`
	DecidedAttempts   int64 `json:"decided_attempts"`
	Pending           int64 `json:"pending"`
}

// Opened counts a new application (its attempt 1 arrived).
func (t *Tally) Opened() { t.Applications++ }

// Submitted counts a new pending attempt.
func (t *Tally) Submitted() { t.Pending++ }

// Decided counts the decision of record on attempt n. sign is +1 for a new
// decision and -1 to take one back (an amended decision is taken back, then
// the new one counted).
func (t *Tally) Decided(n int, o Outcome, sign int) {
	s := int64(sign)
	t.Pending -= s
	t.DecidedAttempts += s
	if n == 1 {
		t.FirstDecided += s
		if o == Pass {
			t.FirstPasses += s
		}
	}
	if o == Pass {
		t.Passed += s
		t.SumAttemptsToPass += s * int64(n)
	}
}

// Figures are one group's report figures, with JSON names as docs/formats.md §3
// fixes them. Nil pointers are JSON null ("nothing to divide by").
type Figures struct {
	Applications         int64    `json:"applications"`
	FirstAttemptsDecided int64    `json:"first_attempts_decided"`
	FirstTimePasses      int64    `json:"first_time_passes"`
	FirstTimePassRate    *float64 `json:"first_time_pass_rate"`
	Passed               int64    `json:"passed"`
	EventualPassRate     *float64 `json:"eventual_pass_rate"`
	MeanAttemptsToPass   *float64 `json:"mean_attempts_to_pass"`
	DecidedAttempts      int64    `json:"decided_attempts"`
	PendingAttempts      int64    `json:"pending_attempts"`
	MedianTurnaroundDays *float64 `json:"median_turnaround_days"`
	// SumAttemptsToPass is MeanAttemptsToPass's numerator, kept so that
	// its two decimals are rounded once (MeanAttemptsShown).
	SumAttemptsToPass int64 `json:"-"`
}

// Figures turns the tally into report figures. median is the median
// turnaround, or nil when no attempt is decided.
func (t Tally) Figures(median *Middle) Figures {
	return Figures{
		Applications:         t.Applications,
		FirstAttemptsDecided: t.FirstDecided,
		FirstTimePasses:      t.FirstPasses,
		FirstTimePassRate:    Rate(t.FirstPasses, t.FirstDecided),
		Passed:               t.Passed,
		EventualPassRate:     Rate(t.Passed, t.FirstDecided),
		MeanAttemptsToPass:   ratio(t.SumAttemptsToPass, t.Passed, 4),
		DecidedAttempts:      t.DecidedAttempts,
		PendingAttempts:      t.Pending,
		MedianTurnaroundDays: Days(median),
		SumAttemptsToPass:    t.SumAttemptsToPass,
	}
}

// Rate is num/den rounded to 4 decimals, or nil when den is 0.
func Rate(num, den int64) *float64 { return ratio(num, den, 4) }

func ratio(num, den int64, places int) *float64 {
	if den == 0 {
		return nil
	}
	p := int64(math.Pow10(places))
	r := float64(halfUp(num*p, den)) / float64(p)
	return &r
}

// Days is a median turnaround in days rounded to 2 decimals, a half up,
// worked in integers from its middle values: 0.01 day is 864 s, so the
// mean of two nanosecond counts rounds on whole halves of 864e9 ns.
func Days(m *Middle) *float64 {
	if m == nil {
		return nil
	}
	// round((lo+hi)/2 / D) = floor((lo+hi+D) / 2D), with each of lo and hi
	// split by 2D first so that their sum cannot overflow.
	const d = 864 * int64(time.Second)
	qa, ra := floorDiv(m.Lo, 2*d)
	qb, rb := floorDiv(m.Hi, 2*d)
	q, _ := floorDiv(ra+rb+d, 2*d)
	r := float64(qa+qb+q) / 100
	return &r
}

// floorDiv is n/d and its remainder rounded down (d > 0): the remainder is
// never negative.
func floorDiv(n, d int64) (q, r int64) {
	q, r = n/d, n%d
	if r < 0 {
		q, r = q-1, r+d
	}
	return q, r
}

// halfUp is num/den (den > 0) rounded to a whole number, a half up, in
// integers: a float of num/den may sit a hair under the half (57/800 is
// 0.07125, whose float times 10⁴ is 712.4999…), and formats.md rounds a
// half up.
func halfUp(num, den int64) int64 {
	n, d := 2*num+den, 2*den
	q := n / d
	if n%d != 0 && n < 0 {
		q-- // floor, for a negative figure
	}
	return q
}

// round rounds a figure computed in floats (agreement, kappa, minutes),
// which has no exact half to keep.
func round(x float64, places int) *float64 {
	p := math.Pow10(places)
	r := math.Round(x*p) / p
	return &r
}

// DurationDays is d in days as the report counts them, not below 0, for
// a figure beside the report's (a drill-down's, an overdue attempt's),
// which FormatFigure then rounds. It counts whole seconds: the report's
// rounding steps (a half of 0.01 day, 432 s) fall on whole seconds, so
// the figure shown is the one Days gives the exact duration.
func DurationDays(d time.Duration) float64 { return float64(max(d/time.Second, 0)) / 86400 }

// Turnaround is decided_at − submitted_at in nanoseconds, the unit the
// store's median index keeps (time.Time.Sub saturates at about ±292 years).
func Turnaround(submitted, decided time.Time) int64 {
	return int64(decided.Sub(submitted))
}

// Middle is a median turnaround as its middle values in nanoseconds, Lo
// and Hi, equal for an odd count; the median is their mean. It is kept as
// the two so that Days rounds the mean exactly: a float64 holds whole
// nanoseconds only up to 104 days, and the sum of two can overflow.
type Middle struct{ Lo, Hi int64 }

// String is the median in seconds, exact.
func (m Middle) String() string {
	sum := new(big.Int).Add(big.NewInt(m.Lo), big.NewInt(m.Hi))
	s := new(big.Rat).SetFrac(sum, big.NewInt(2*int64(time.Second))).FloatString(10) // a half nanosecond is 10 places
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".") + "s"
}

// Median of sorted values, the mean of the two middle ones for an even
// count; nil for none.
func Median(sorted []int64) *Middle {
	n := len(sorted)
	if n == 0 {
		return nil
	}
	m := Middle{sorted[n/2], sorted[n/2]}
	if n%2 == 0 {
		m.Lo = sorted[n/2-1]
	}
	return &m
}
