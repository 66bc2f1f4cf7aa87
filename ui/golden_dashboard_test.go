package ui_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"assessor/review"

	"assessor/ui"
)

// TestGoldenDashboard draws each tab of the lead dashboard over the demo
// history, as `assessor dashboard` opens it on the store.
func TestGoldenDashboard(t *testing.T) {
	tabs := []struct {
		key, name string
		shows     []string // what the tab must show besides its name
	}{
		{"1", "Credentials", []string{"Sorted by credential", "▸ Building Partnersh"}},
		{"2", "Reviewers", []string{"Sorted by reviewer", "▸ rev-01", "rev-12"}},
		{"3", "Criteria", []string{"Not-yet rate by criterion", "highest first"}},
		{"4", "Trend", []string{"First-time pass rate by month", "By stack"}},
		{"5", "Turnaround", []string{"Decided in under 14 days"}},
		// The demo's figures as `report --fairness` prints them.
		{"6", "Fairness", []string{"Pass rates by candidate group", "k = 10", "56.3% of 16", "Red Mesa (AZ)", "(small)"}},
	}
	for _, tab := range tabs {
		t.Run(tab.name, func(t *testing.T) {
			screen := fmt.Sprintf("dashboard_%s_%s", tab.key, tab.name)
			eachSize(t, screen, func(t *testing.T, w, h int) string {
				d := demoStore(t)
				p := run(t, ui.NewDashboard(d.st, goldenLead, goldenOptions()), w, h)
				p.WaitAfter(0, "[1 Credentials]", "as of 2024-03-15 12:00")
				label := "[" + tab.key + " " + tab.name + "]"
				if tab.key != "1" {
					// The Fairness tab loads apart: wait for its figures.
					p.Do(keys(tab.key), append([]string{label}, tab.shows...)...)
				}
				frame := p.frame()
				// The headline counts the whole demo history.
				requireContains(t, frame, label, fmt.Sprintf("Applications %d", goldenApplications),
					fmt.Sprintf("pending %d", len(d.queue(t))))
				requireContains(t, frame, tab.shows...)
				requireNoIdentity(t, frame, d)
				if tab.name == "Fairness" {
					requireFairnessRows(t, frame, d, w)
				}
				return frame
			})
		})
	}
}

// TestGoldenDashboardDrill draws the drill-down from each kind of row on
// the demo store (the attempts behind a credential, a reviewer and a
// criterion) and the history an overdue attempt opens: handles only,
// never an application id or a candidate's identity.
func TestGoldenDashboardDrill(t *testing.T) {
	cases := []struct {
		name  string
		keys  []string
		shows []string
	}{
		{"credential", keys("enter"), []string{"attempts behind credential Building Partnerships", "Submitted", "Days"}},
		{"reviewer", keys("2", "enter"), []string{"attempts behind reviewer rev-01", "Reviewer"}},
		{"criterion", keys("3", "enter"), []string{"attempts behind criterion", "Level C"}},
		// The third overdue attempt of the demo is a resubmission: its
		// history has an attempt decided before it.
		{"overdue_history", keys("5", "j", "j", "enter"), []string{"History of ", "every attempt of the application", "resubmit · decided"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			eachSize(t, "dashboard_drill_"+c.name, func(t *testing.T, w, h int) string {
				d := demoStore(t)
				p := run(t, ui.NewDashboard(d.st, goldenLead, goldenOptions()), w, h)
				p.WaitAfter(0, "[1 Credentials]", "as of 2024-03-15 12:00")
				for _, k := range c.keys[:len(c.keys)-1] {
					if k == "j" {
						p.Do(keys(k), "▸ ") // the cursor redrawn one row down
					} else {
						p.Do(keys(k), "["+k+" ")
					}
				}
				p.Do(c.keys[len(c.keys)-1:], c.shows[0])
				p.WaitAfter(0, c.shows...)
				frame := p.frame()
				requireContains(t, frame, "esc back")
				if contains(frame, "Loading") {
					t.Errorf("the drill-down had not loaded:\n%s", frame)
				}
				requireNoIdentity(t, frame, d)
				for _, it := range d.queue(t) {
					if contains(frame, it.Application) {
						t.Errorf("the drill-down shows application id %s:\n%s", it.Application, frame)
					}
				}
				return frame
			})
		})
	}
}

// requireFairnessRows checks the Fairness tab against Store.Fairness, the
// figures `report --fairness` prints: each state's row (the first rows,
// all on screen at 160 columns; at 80×24 those that fit) shows its rates
// and counts, or that it is suppressed.
func requireFairnessRows(t *testing.T, frame string, d *demoData, w int) {
	t.Helper()
	f, err := d.st.Fairness(time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(frame, "\n")
	checked := 0
	for _, r := range f.Rows {
		if r.Attribute != "state" {
			break
		}
		want := "suppressed"
		if !r.Suppressed {
			// As the report's table prints them: from the counts.
			want = fmt.Sprintf(`%d\s+%s of %d\s+%s of %d`, *r.Applications, regexp.QuoteMeta(review.FormatShareOf(r.FirstTimePasses, r.FirstAttemptsDecided)),
				*r.FirstAttemptsDecided, regexp.QuoteMeta(review.FormatShareOf(r.Passed, r.Decided)), *r.Decided)
		}
		row := regexp.MustCompile(`\s` + regexp.QuoteMeta(r.Value) + `\s+` + want)
		found := false
		for _, l := range lines {
			found = found || row.MatchString(l)
		}
		if !found && w >= 160 {
			t.Errorf("no line for state %s with %q:\n%s", r.Value, want, frame)
		}
		if found {
			checked++
		}
	}
	if checked < 5 {
		t.Errorf("only %d state rows match Store.Fairness:\n%s", checked, frame)
	}
}
