package review

import (
	"math"
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
// turnaround in seconds, or nil when no attempt is decided.
func (t Tally) Figures(median *float64) Figures {
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

// Days converts a duration in seconds (whole, or a half for the median
// of an even count) to days rounded to 2 decimals, a half up.
func Days(seconds *float64) *float64 {
	if seconds == nil {
		return nil
	}
	halves := int64(math.Round(*seconds * 2))
	r := float64(halfUp(halves*100, 2*86400)) / 100
	return &r
}

// halfUp is num/den (den > 0) rounded to a whole number, a half up, in
// integers: a float of num/den may sit a hair under the half (57/800 is
// 0.07125, whose float times 10⁴ is 712.4999…), and formats.md rounds a
// half up.
func halfUp(num, den int64) int64 {
	n, d := 2*num+den, 2*den
	q := n / d
	if n%d != 0 && n < 0 {
		q-- // floor, for a negative median turnaround
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

// DurationDays is d in days as the report counts them: whole seconds (as
// Turnaround), not below 0, for a figure beside the report's (a
// drill-down's, an overdue attempt's), which FormatFigure then rounds.
func DurationDays(d time.Duration) float64 { return float64(max(d/time.Second, 0)) / 86400 }

// Turnaround is decided_at − submitted_at in whole seconds, the unit the
// store's median index keeps.
func Turnaround(submitted, decided time.Time) int64 {
	return int64(decided.Sub(submitted) / time.Second)
}

// Median of sorted values, the mean of the two middle ones for an even
// count; nil for none.
func Median(sorted []int64) *float64 {
	n := len(sorted)
	if n == 0 {
		return nil
	}
	m := float64(sorted[n/2])
	if n%2 == 0 {
		m = (float64(sorted[n/2-1]) + m) / 2
	}
	return &m
}
