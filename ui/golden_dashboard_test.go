package ui_test

import (
	"fmt"
	"testing"

	"assessor/ui"
)

// TestGoldenDashboard draws each tab of the lead dashboard over the demo
// history, as `assessor dashboard` opens it on the store.
func TestGoldenDashboard(t *testing.T) {
	tabs := []struct {
		key, name string
		shows     []string // what the tab must show besides its name
	}{
		{"1", "Credentials", []string{"Sorted by credential", "Building Partnerships"}},
		{"2", "Reviewers", []string{"Sorted by reviewer", "rev-01", "rev-12"}},
		{"3", "Criteria", []string{"Not-yet rate by criterion", "highest first"}},
		{"4", "Trend", []string{"First-time pass rate by month", "By stack"}},
		{"5", "Turnaround", []string{"Decided within 14 days"}},
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
					p.Do(keys(tab.key), label)
				}
				frame := p.frame()
				// The headline counts the whole demo history.
				requireContains(t, frame, label, fmt.Sprintf("Applications %d", goldenApplications),
					fmt.Sprintf("pending %d", len(d.queue(t))))
				requireContains(t, frame, tab.shows...)
				requireNoIdentity(t, frame, d)
				return frame
			})
		})
	}
}
