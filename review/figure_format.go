package review

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
)

// NoFigure is what a figure with nothing to divide by shows (a null in
// the report). It is not "0": 0% and "no decisions yet" mean different
// things to a lead.
const NoFigure = "–"

// FormatRate formats a rate in [0,1] as a percentage with one decimal,
// "38.5%", a half rounded up (0.3125 is 31.3%), as the report's JSON
// rounds its rates and days. The report table and the dashboard both use
// it, so a lead reads the same figure the same way in both.
func FormatRate(r *float64) string {
	if r == nil {
		return NoFigure
	}
	return percentTenths(halfUp(tenThousandths(*r), 10))
}

// FormatShare formats num/den as FormatRate formats a rate, from the
// counts: a rate of the report is already rounded to 4 decimals
// (docs/formats.md §3), and rounding it again to a percentage can round
// twice (4/21 is 19.05% as the rate 0.1905, but 19.0476%, so 19.0%). Where
// a figure shows beside the counts it divides, it is formatted from them.
// A den of 0 is NoFigure, as a null rate.
func FormatShare(num, den int64) string {
	if den == 0 {
		return NoFigure
	}
	return percentTenths(halfUp(num*1000, den))
}

// percentTenths formats tenths of a percent: 385 is "38.5%".
func percentTenths(tenths int64) string {
	return strconv.FormatInt(tenths/10, 10) + "." + strconv.FormatInt(tenths%10, 10) + "%"
}

// tenThousandths is a figure of the report, which has at most 4
// decimals, as a whole number of ten-thousandths, so that rounding it
// again for the screen is exact: 0.5005 as a float is 0.50049999…, and
// strconv would round it, and a half such as 1.125, down.
func tenThousandths(f float64) int64 { return int64(math.Round(f * 1e4)) }

// FormatShareOf is FormatShare of counts that may be null (a suppressed
// group's): NoFigure when either is.
func FormatShareOf(num, den *int64) string {
	if num == nil || den == nil {
		return NoFigure
	}
	return FormatShare(*num, *den)
}

// FormatFigure formats any other figure (days, mean attempts, kappa) with
// two decimals, "8.10", for the report table and the dashboard alike.
func FormatFigure(f *float64) string {
	if f == nil {
		return NoFigure
	}
	h := int64(math.Floor(*f*100 + 0.5)) // a figure not rounded yet (a drill-down's days)
	if t := *f * 1e4; math.Abs(t-math.Round(t)) < 1e-6 {
		// One of the report's, of at most 4 decimals: exactly, as
		// the float of 1.125 or 0.145 may sit a hair off the half.
		h = halfUp(int64(math.Round(t)), 100)
	}
	sign := ""
	if h < 0 { // a kappa below chance
		sign, h = "-", -h
	}
	return fmt.Sprintf("%s%d.%02d", sign, h/100, h%100)
}

// CompactLevels is "C1 meets · C2 not-yet", criteria in their natural
// order (C2 before C10): how `history` and the dashboard list levels.
func CompactLevels(levels map[string]string) string {
	ids := slices.SortedFunc(maps.Keys(levels), func(a, b string) int {
		return cmp.Or(cmp.Compare(len(a), len(b)), cmp.Compare(a, b))
	})
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = id + " " + levels[id]
	}
	return strings.Join(parts, " · ")
}

// FirstTimeShare is the first-time pass rate formatted from its counts
// (FormatShare), for every table that shows Figures.
func (f Figures) FirstTimeShare() string {
	return FormatShare(f.FirstTimePasses, f.FirstAttemptsDecided)
}

// EventualShare is the eventual pass rate formatted from its counts.
func (f Figures) EventualShare() string { return FormatShare(f.Passed, f.FirstAttemptsDecided) }

// MeanAttemptsShown is the mean attempts to pass with the two decimals
// the report table and the dashboard show, rounded once from its counts:
// the report's four-decimal 1.505 of 152/101 (1.50495…) would show 1.51.
func (f Figures) MeanAttemptsShown() string {
	if f.Passed > 0 && f.SumAttemptsToPass > 0 {
		return FormatFigure(ratio(f.SumAttemptsToPass, f.Passed, 2))
	}
	return FormatFigure(f.MeanAttemptsToPass)
}
