package dashboard

import (
	"errors"
	"strings"
	"testing"

	"assessor/review"
	"assessor/ui/common"
)

// TestDashboardFairness checks the Fairness tab shows the backend's
// fairness section as the report does: shown groups with their rates and
// counts, suppressed groups as suppressed with the reason and no figure,
// districts with their state, a missing value as (none), and the omitted
// attribute named.
func TestDashboardFairness(t *testing.T) {
	f := newFakeLead()
	s := startDashboard(t, f, common.Options{}, 100, 40)
	s.WaitAfter(0, "[1 Credentials]", "Eliciting Evidence")
	s.Do(keys("6"), "[6 Fairness]", "educator_id: no value is held by 7 or more candidates, so none is shown")
	view := dashFinal(s)
	requireOrder(t, lineWith(t, view, "Attribute"), "Attribute", "Value", "Apps", "First-time pass", "Eventual pass")
	for sub, want := range map[string][]string{
		"AZ  ":                {"state", "18", "56.3% of 16", "87.5% of 16"},
		"Red Mesa (AZ)":       {"district", "suppressed", "(complementary)"},
		"Saguaro Flats (AZ)":  {"suppressed", "(small)"},
		"Oconee Springs (GA)": {"22", "45.0% of 20", "80.0% of 20"},
		"(none)":              {"cohort", "40", "50.0% of 36", "83.3% of 36"},
	} {
		row := lineWith(t, view, sub)
		for _, w := range want {
			if !strings.Contains(row, w) {
				t.Errorf("row %q lacks %q", row, w)
			}
		}
	}
	// A suppressed row carries no figure at all.
	if row := lineWith(t, view, "Saguaro Flats"); strings.ContainsAny(row, "%0123456789") {
		t.Errorf("suppressed row shows a figure: %q", row)
	}
	// The attribute is named once, on its first row.
	if got := strings.Count(view, "district"); got != 1 {
		t.Errorf("district named %d times, want once:\n%s", got, view)
	}
}

// TestDashboardFairnessError keeps the other tabs when the fairness
// section cannot be read, says so on its tab, and shows the figures once
// a reload (r) reads them.
func TestDashboardFairnessError(t *testing.T) {
	f := newFakeLead()
	f.set(func(f *fakeLead) { f.fairErr = errors.New("vault unreadable") })
	s := startDashboard(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "[1 Credentials]", "Eliciting Evidence")
	s.Do(keys("6"), "Could not load the fairness figures: vault unreadable (r to retry)")
	f.set(func(f *fakeLead) { f.fairErr = nil })
	s.Do(keys("r"), "56.3% of 16")
	view := dashFinal(s)
	if strings.Contains(view, "Could not load") {
		t.Errorf("the error stayed after a good reload:\n%s", view)
	}
}

// TestDashboardFairnessRatesFromCounts: the tab formats a group's rates
// from its counts: 4 of 21 is 19.0%, where the report's rate (0.1905,
// rounded to 4 decimals) rounded again read 19.1%.
func TestDashboardFairnessRatesFromCounts(t *testing.T) {
	f := newFakeLead()
	n := func(v int64) *int64 { return &v }
	f.fair.Rows = []review.FairnessRow{{Attribute: "state", Value: "HI", Applications: n(21), FirstAttemptsDecided: n(21),
		FirstTimePasses: n(4), FirstTimePassRate: review.Rate(4, 21), Decided: n(21), Passed: n(4), EventualPassRate: review.Rate(4, 21)}}
	s := startDashboard(t, f, common.Options{}, 100, 40)
	s.WaitAfter(0, "[1 Credentials]", "Eliciting Evidence")
	s.Do(keys("6"), "[6 Fairness]", "HI")
	if row := lineWith(t, dashFinal(s), "HI"); strings.Count(row, "19.0% of 21") != 2 {
		t.Errorf("row %q: want 19.0%% of 21 twice", row)
	}
}

// TestDashboardRatesFromCounts: the headline, the Credentials tab and the
// Trend tab's stacks format pass rates from their counts, as the Fairness
// tab does: 4 of 21 is 19.0%, not the rounded rate 0.1905 read as 19.1%.
func TestDashboardRatesFromCounts(t *testing.T) {
	f := newFakeLead()
	figs := review.Figures{Applications: 21, FirstAttemptsDecided: 21, FirstTimePasses: 4, FirstTimePassRate: review.Rate(4, 21),
		Passed: 4, EventualPassRate: review.Rate(4, 21)}
	f.report.Overall = figs
	f.report.ByCredential = []review.CredentialRow{{Credential: "eliciting-evidence", Title: "Eliciting Evidence", Figures: figs}}
	f.report.ByStack = []review.StackRow{{Stack: "Assessment Literacy", Figures: figs}}
	f.report.ByReviewer = []review.ReviewerRow{{Reviewer: "rev-21", Decisions: 21, Passes: 4, PassRate: review.Rate(4, 21)}}
	s := startDashboard(t, f, common.Options{}, 100, 40)
	s.WaitAfter(0, "[1 Credentials]", "Eliciting Evidence")
	s.Do(keys("4"), "[4 Trend]", "By stack")
	view := dashFinal(s)
	for _, want := range []string{"First-time pass 19.0%", "Eventual pass 19.0%"} {
		if !strings.Contains(view, want) {
			t.Errorf("headline lacks %q:\n%s", want, view)
		}
	}
	if row := lineWith(t, view, "Assessment Literacy"); strings.Count(row, "19.0%") != 2 {
		t.Errorf("stack row %q: want 19.0%% twice", row)
	}
	s = startDashboard(t, f, common.Options{}, 100, 40)
	s.WaitAfter(0, "[1 Credentials]", "Eliciting Evidence")
	s.Do(keys("2"), "[2 Reviewers]", "rev-21")
	if row := lineWith(t, dashFinal(s), "rev-21"); !strings.Contains(row, "19.0%") {
		t.Errorf("reviewer row %q: want 19.0%%", row)
	}
	s = startDashboard(t, f, common.Options{}, 100, 40)
	s.WaitAfter(0, "[1 Credentials]", "Eliciting Evidence")
	if row := lineWith(t, dashFinal(s), "Eliciting Evidence"); strings.Count(row, "19.0%") != 2 {
		t.Errorf("credential row %q: want 19.0%% twice", row)
	}
}

// TestDashboardFairnessFailedReloadKeepsFigures: a reload whose fairness
// read fails says so and keeps the last good figures on the tab.
func TestDashboardFairnessFailedReloadKeepsFigures(t *testing.T) {
	f := newFakeLead()
	s := startDashboard(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "[1 Credentials]", "Eliciting Evidence")
	s.Do(keys("6"), "56.3% of 16")
	// As the store fails: an error and no figures.
	f.set(func(f *fakeLead) { f.fair, f.fairErr = review.Fairness{}, errors.New("vault unreadable") })
	s.Do(keys("r"), "Could not load the fairness figures: vault unreadable")
	if view := dashFinal(s); !strings.Contains(view, "56.3% of 16") {
		t.Errorf("a failed fairness reload dropped the last good figures:\n%s", view)
	}
}
