package review

import (
	"fmt"
	"math"
	"testing"
	"time"
)

func TestFormatRateAndFigure(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	for _, c := range []struct{ got, want string }{
		{FormatRate(f(0.385)), "38.5%"}, {FormatRate(f(0.3077)), "30.8%"}, {FormatRate(f(0)), "0.0%"}, {FormatRate(nil), "–"},
		// A half rounds up, as the report's JSON rounds: not to even.
		{FormatRate(f(0.3125)), "31.3%"}, {FormatRate(f(0.0625)), "6.3%"}, {FormatRate(f(1)), "100.0%"},
		{FormatFigure(f(8.1)), "8.10"}, {FormatFigure(f(3)), "3.00"}, {FormatFigure(f(1.4286)), "1.43"}, {FormatFigure(nil), "–"},
		// Halves of the report's 4 decimals round up too, those a float
		// holds a hair under the half as well (0.5005, 0.145).
		{FormatRate(f(0.5005)), "50.1%"}, {FormatFigure(f(1.125)), "1.13"}, {FormatFigure(f(0.145)), "0.15"},
		{FormatFigure(f(2.0049)), "2.00"}, {FormatFigure(f(-0.125)), "-0.12"}, {FormatFigure(f(-0.3333)), "-0.33"},
		// Days not rounded yet (a drill-down's) are rounded once: 10,796 s
		// is 0.124953… days, 0.12 as the report's Days has it.
		{FormatFigure(f(10796.0 / 86400)), "0.12"}, {FormatFigure(f(1.0 / 3)), "0.33"}, {FormatFigure(f(-1.0 / 3)), "-0.33"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// TestFormatShare: a share is formatted from its counts, rounded once:
// 4/21 is 19.0476%, where its rate rounded to 4 decimals (0.1905) would
// read 19.1%; a half rounds up (9/16 is 56.25%).
func TestFormatShare(t *testing.T) {
	n := func(v int64) *int64 { return &v }
	for _, c := range []struct{ got, want string }{
		{FormatShare(4, 21), "19.0%"}, {FormatShare(9, 16), "56.3%"}, {FormatShare(5, 16), "31.3%"}, {FormatShare(1, 16), "6.3%"}, {FormatShare(2, 3), "66.7%"}, {FormatShare(1, 3), "33.3%"}, {FormatShare(7, 7), "100.0%"}, {FormatShare(0, 3), "0.0%"}, {FormatShare(0, 0), "–"},
		{FormatShareOf(n(4), n(21)), "19.0%"}, {FormatShareOf(nil, n(21)), "–"}, {FormatShareOf(n(4), nil), "–"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// TestRoundedHalfUp: the report's figures round a half up
// (docs/formats.md §3), halves a float holds a hair under the half too:
// 57/800 is 0.07125, 829/800 1.03625 and 12,528 s 0.145 days. A median
// turnaround rounds the exact mean of its middle values, in nanoseconds:
// 100.005 days less half a nanosecond is below the half, which a float64
// of nanoseconds cannot hold, and two turnarounds of ±292 years do not
// overflow their sum.
func TestRoundedHalfUp(t *testing.T) {
	secs := func(lo, hi float64) *Middle {
		return &Middle{int64(lo * float64(time.Second)), int64(hi * float64(time.Second))}
	}
	half := int64(20001 * 432 * time.Second) // 100.005 days
	for _, c := range []struct {
		name string
		got  *float64
		want float64
	}{
		{"Rate(57, 800)", Rate(57, 800), 0.0713},
		{"mean attempts 829/800", Tally{Applications: 800, FirstDecided: 800, Passed: 800, SumAttemptsToPass: 829}.Figures(nil).MeanAttemptsToPass, 1.0363},
		{"Rate(1, 3)", Rate(1, 3), 0.3333},
		{"Rate(2, 3)", Rate(2, 3), 0.6667},
		{"Days(12528 s)", Days(secs(12528, 12528)), 0.15},
		{"Days(12527.5 s)", Days(secs(12527, 12528)), 0.14},
		{"Days(-12528 s)", Days(secs(-12528, -12528)), -0.14},
		{"Days(3 days)", Days(secs(3*86400, 3*86400)), 3},
		{"Days(432.1 s)", Days(secs(431.6, 432.6)), 0.01},
		{"Days(431.9 s)", Days(secs(431.4, 432.4)), 0},
		{"Days(100.005 days − 0.5 ns)", Days(&Middle{half - 1, half}), 100},
		{"Days(100.005 days)", Days(&Middle{half - 1, half + 1}), 100.01},
		{"Days(292 years)", Days(&Middle{math.MaxInt64, math.MaxInt64}), 106751.99},
		{"Days(−292 years)", Days(&Middle{math.MinInt64, math.MinInt64}), -106751.99},
	} {
		if c.got == nil || *c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

// TestDurationDaysAsTheReport: a drill-down's or an overdue attempt's days
// show the figure the report gives the same turnaround, to the nanosecond,
// though they count whole seconds: the report's rounding steps fall on
// whole seconds (432 s is half of 0.01 day).
func TestDurationDaysAsTheReport(t *testing.T) {
	for _, d := range []time.Duration{3*time.Hour - time.Nanosecond, 3 * time.Hour, 36*time.Hour + 500*time.Millisecond, -time.Hour,
		432*time.Second - time.Nanosecond, 432 * time.Second, 431600 * time.Millisecond, 1296*time.Second + 999999999} {
		days := DurationDays(d)
		ns := int64(max(d, 0))
		if got, want := FormatFigure(&days), FormatFigure(Days(&Middle{ns, ns})); got != want {
			t.Errorf("%v: shown %s, the report's %s", d, got, want)
		}
	}
}

// TestMeanAttemptsShownRoundedOnce: 101 passes, 50 on attempt 1 and 51 on
// attempt 2, are 152/101 = 1.50495… attempts to pass: 1.505 in the JSON,
// and 1.50 with two decimals, not the 1.51 of rounding 1.505 again.
func TestMeanAttemptsShownRoundedOnce(t *testing.T) {
	f := Tally{Passed: 101, SumAttemptsToPass: 152}.Figures(nil)
	if *f.MeanAttemptsToPass != 1.505 {
		t.Errorf("mean attempts to pass %v, want 1.505", *f.MeanAttemptsToPass)
	}
	if got := f.MeanAttemptsShown(); got != "1.50" {
		t.Errorf("shown %q, want 1.50", got)
	}
	if got := (Figures{}).MeanAttemptsShown(); got != NoFigure {
		t.Errorf("none passed: shown %q, want %q", got, NoFigure)
	}
}

// TestReviewerAgreementKappaShownRoundedOnce: a reviewer who agreed in
// outcome on 6 of 11 double-reviewed attempts is at 54.545…%, 0.5455 in
// the JSON, and 54.5% in the tables, not 0.5455 rounded again to 54.6%.
// Their 17 criterion levels (1 meets–meets, 3 meets–not-yet, 8
// not-yet–meets, 5 not-yet–not-yet) give a kappa of −0.25503…, −0.255 in
// the JSON and −0.26 shown, not the −0.25 of rounding −0.2550 again.
func TestReviewerAgreementKappaShownRoundedOnce(t *testing.T) {
	ts := Tallies{Agreements: map[string]AgreementTally{"rev-a": {Comparisons: 11, Agreed: 6}}}
	row := ReviewerRow{Reviewer: "rev-a"}
	ts.agreement(&row, Confusion{{"meets", "meets"}: 1, {"meets", "not-yet"}: 3, {"not-yet", "meets"}: 8, {"not-yet", "not-yet"}: 5})
	if row.Agreement == nil || *row.Agreement != 0.5455 || row.Kappa == nil || *row.Kappa != -0.255 {
		t.Fatalf("report agreement %v, kappa %v; want 0.5455, -0.255", row.Agreement, row.Kappa)
	}
	if got := row.AgreementShare(); got != "54.5%" {
		t.Errorf("agreement shown %q, want 54.5%%", got)
	}
	if got := row.KappaShown(); got != "-0.26" {
		t.Errorf("kappa shown %q, want -0.26", got)
	}
	// Below MinComparisons, and as decoded from the JSON: no counts.
	none := ReviewerRow{Reviewer: "rev-b"}
	Tallies{Agreements: map[string]AgreementTally{"rev-b": {Comparisons: 2, Agreed: 1}}}.agreement(&none, Confusion{})
	if none.AgreementShare() != NoFigure || none.KappaShown() != NoFigure {
		t.Errorf("below %d comparisons: %q, %q", MinComparisons, none.AgreementShare(), none.KappaShown())
	}
	a, k := 0.5455, -0.255
	if got := (ReviewerRow{Agreement: &a, Kappa: &k}); got.AgreementShare() != "54.6%" || got.KappaShown() != "-0.25" {
		t.Errorf("from the JSON's figures: %q, %q", got.AgreementShare(), got.KappaShown())
	}
}

// TestCalibrationAgreementKappaShownRoundedOnce: 37 examples of one
// criterion, 17 levels matched (7 meets, 10 not-yet; 9 meets where the
// reference is not-yet, 11 the reverse): agreement 45.945…% (0.4595 in
// the JSON) shows 45.9%, for the reviewer and the criterion, and kappa
// −0.08504… (−0.085) shows −0.09, each rounded once.
func TestCalibrationAgreementKappaShownRoundedOnce(t *testing.T) {
	examples := map[AttemptKey]CalibrationExample{}
	var responses []CalibrationResponse
	add := func(n int, own, truth string) {
		for range n {
			k := AttemptKey{Application: fmt.Sprintf("X-%02d", len(examples)), Attempt: 1}
			examples[k] = CalibrationExample{Attempt: k, Credential: "df", Levels: map[string]string{"C1": truth}}
			responses = append(responses, CalibrationResponse{Reviewer: "rev-a", Attempt: k, Levels: map[string]string{"C1": own}})
		}
	}
	add(7, "meets", "meets")
	add(9, "meets", "not-yet")
	add(11, "not-yet", "meets")
	add(10, "not-yet", "not-yet")
	s := ScoreCalibration("rev-a", examples, 0, responses, CalibrationPolicy{Threshold: 0.8, MinExamples: 5})
	if s.Agreement == nil || *s.Agreement != 0.4595 || s.Kappa == nil || *s.Kappa != -0.085 {
		t.Fatalf("agreement %v, kappa %v; want 0.4595, -0.085", s.Agreement, s.Kappa)
	}
	if got := s.AgreementShare(); got != "45.9%" {
		t.Errorf("agreement shown %q, want 45.9%%", got)
	}
	if got := s.Criteria[0].AgreementShare(); got != "45.9%" {
		t.Errorf("criterion's agreement shown %q, want 45.9%%", got)
	}
	if got := s.KappaShown(); got != "-0.09" {
		t.Errorf("kappa shown %q, want -0.09", got)
	}
}
