package cli

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"assessor/review"
)

// TestReportFairness: --fairness adds the section to JSON and the table,
// replaces the CSV rows, and follows config fairness; the known history's
// five candidates (all Hilo, HI) are one group, suppressed at k = 10.
func TestReportFairness(t *testing.T) {
	t.Parallel()
	db := knownStore(t)
	out, err := run(t, "", "report", "--format", "json", "--db", db)
	if err != nil || strings.Contains(out, "fairness") {
		t.Fatalf("report without --fairness: %v\n%s", err, out)
	}
	var rep review.Report
	out, err = run(t, "", "report", "--format", "json", "--fairness", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Fairness == nil || rep.Fairness.MinGroup != 10 {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if len(rep.Fairness.Rows) != 2 || !rep.Fairness.Rows[0].Suppressed || rep.Fairness.Rows[0].Applications != nil {
		t.Errorf("rows at k=10 %+v", rep.Fairness.Rows)
	}
	if out, err := run(t, "", "config", "fairness", "--min-group", "2", "--db", db); err != nil || out != "min-group: 2\n" {
		t.Fatalf("config fairness: %v %q", err, out)
	}
	out, err = run(t, "", "report", "--format", "csv", "--fairness", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || lines[0] != strings.Join(fairnessColumns, ",") || !strings.HasPrefix(lines[1], "state,,HI,false,,5,") {
		t.Errorf("csv:\n%s", out)
	}
	out, err = run(t, "", "report", "--fairness", "--db", db)
	if err != nil || !strings.Contains(out, "FAIRNESS (groups under 2 candidates suppressed") || !strings.Contains(out, "Hilo (HI)") {
		t.Errorf("table: %v\n%s", err, out)
	}
}

// TestReportTableRatesFromCounts: a rate printed beside the counts it
// divides is formatted from them, not from the JSON rate rounded to 4
// decimals: 4 of 21 is 19.0476%, which the rate 0.1905 rounded again
// showed as 19.1%. The JSON keeps its rounded rate.
func TestReportTableRatesFromCounts(t *testing.T) {
	n := func(v int64) *int64 { return &v }
	rate := review.Rate(4, 21)
	figs := review.Figures{Applications: 21, FirstAttemptsDecided: 21, FirstTimePasses: 4, FirstTimePassRate: rate,
		Passed: 4, EventualPassRate: rate}
	rep := review.Report{
		Overall:      figs,
		ByCredential: []review.CredentialRow{{Credential: "df", Figures: figs}},
		ByStack:      []review.StackRow{{Stack: "AL", Figures: figs}},
		ByMonth:      []review.MonthRow{{Month: "2024-01", Figures: figs}},
		ByReviewer:   []review.ReviewerRow{{Reviewer: "rv", Decisions: 21, Passes: 4, PassRate: rate}},
		Criteria:     []review.CriterionRow{{Credential: "df", Criterion: "C2", Scored: 21, NotYet: 4, NotYetRate: rate}},
		Fairness: &review.Fairness{MinGroup: 10, Rows: []review.FairnessRow{{Attribute: "state", Value: "HI",
			Applications: n(21), FirstAttemptsDecided: n(21), FirstTimePasses: n(4), FirstTimePassRate: rate,
			Decided: n(21), Passed: n(4), EventualPassRate: rate}}},
	}
	var b strings.Builder
	if err := writeReportTable(&b, rep); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"first-time pass rate 19.0% (4 of 21) · eventual pass rate 19.0% (4 of 21)", "19.0% of 21", "rv               21      19.0%",
		"df C2          21        4         19.0%"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	// Each group's row: the credential, the stack and the month.
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 0 && slices.Contains([]string{"df", "AL", "2024-01"}, f[0]) &&
			len(f) > 1 && f[1] == "21" && strings.Count(line, "19.0%") != 2 {
			t.Errorf("row %q: want 19.0%% twice", line)
		}
	}
	if strings.Contains(out, "19.1%") {
		t.Errorf("a rate rounded twice:\n%s", out)
	}
	b.Reset()
	if err := writeReportJSON(&b, rep); err != nil || !strings.Contains(b.String(), `"first_time_pass_rate": 0.1905`) {
		t.Errorf("json (%v) changed its rate:\n%s", err, b.String())
	}
}

// TestReportFairnessWholeMonths: with --fairness, --since and --until fall
// on a month's bounds, so that two reports do not differ by one day's
// applications; the refusal names the month's day. Without it any day does.
func TestReportFairnessWholeMonths(t *testing.T) {
	t.Parallel()
	db := knownStore(t)
	for _, tc := range []struct{ args, want string }{
		{"--until 2024-02-19", "--until 2024-02-19 is not a month's last day (try --until 2024-02-29)"},
		{"--since 2024-02-02", "--since 2024-02-02 is not a month's first day (try --since 2024-02-01)"},
		{"--since 2024-01-01 --until 2024-02-29T10:00:00Z", "(try --until 2024-02-29)"},
	} {
		args := append([]string{"report", "--fairness", "--db", db}, strings.Fields(tc.args)...)
		if _, err := run(t, "", args...); err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v, want one line with %q", tc.args, err, tc.want)
		}
	}
	for _, args := range []string{"--fairness --since 2024-02-01 --until 2024-02-29", "--fairness --since 2024-01-01T00:00:00Z --until 2024-12-31", "--until 2024-02-19"} {
		if out, err := run(t, "", append([]string{"report", "--db", db}, strings.Fields(args)...)...); err != nil {
			t.Errorf("%s: %v\n%s", args, err, out)
		}
	}
}
