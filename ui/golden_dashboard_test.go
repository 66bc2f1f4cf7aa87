package ui_test

import (
	"fmt"
	"testing"

	"assessor/ui"
)

// dashboardTabs are the lead dashboard's tabs, by key.
var dashboardTabs = []struct {
	key, name string
	shows     []string // what the tab must show besides its name
}{
	{"1", "Credentials", []string{"Sorted by credential"}},
	{"2", "Reviewers", []string{"rev-"}},
	{"3", "Criteria", []string{"Not-yet rate by criterion", "C"}},
	{"4", "Trend", []string{"First-time pass rate by month", "By stack"}},
	{"5", "Turnaround", []string{"Decided within 14 days"}},
}

// TestGoldenDashboard draws each tab of the lead dashboard over the demo
// history, as `assessor dashboard` opens it on the store.
func TestGoldenDashboard(t *testing.T) {
	for _, tab := range dashboardTabs {
		t.Run(tab.name, func(t *testing.T) {
			screen := fmt.Sprintf("dashboard_%s_%s", tab.key, tab.name)
			eachSize(t, screen, func(t *testing.T, w, h int) string {
				d := demoStore(t)
				p := run(t, ui.NewDashboard(d.st, goldenLead, goldenOptions()), w, h)
				p.wait("[1 Credentials]", "as of 2024-03-15 12:00")
				label := "[" + tab.key + " " + tab.name + "]"
				if tab.key != "1" {
					p.do(keys(tab.key), label)
				}
				frame := p.frame()
				requireContains(t, frame, label)
				requireContains(t, frame, tab.shows...)
				requireNoIdentity(t, frame, d)
				return frame
			})
		})
	}
}
