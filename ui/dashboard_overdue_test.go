package ui_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"assessor/ui"
)

// TestDashboardOverdueCountsDisputes: the Turnaround tab counts every
// attempt waiting longer than the promise (docs/workflow.md), those whose
// two reviews disagree, waiting for a lead, too. 100 days on, every
// attempt the report counts as pending is overdue.
func TestDashboardOverdueCountsDisputes(t *testing.T) {
	d := demoStore(t)
	d.addDisputes(t, 2)
	rep, err := d.st.Report(time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	opt := goldenOptions()
	later := goldenNow().Add(100 * 24 * time.Hour)
	opt.Now = func() time.Time { return later }
	p := run(t, ui.NewDashboard(d.st, goldenLead, opt), 120, 40)
	p.WaitAfter(0, "[1 Credentials]")
	p.Do(keys("5"), "Overdue:")
	requireContains(t, p.frame(), fmt.Sprintf("Overdue: %d attempts waiting > 14 days", rep.Overall.PendingAttempts))
}

// TestDashboardOverdueListsDisputes: the attempts whose two reviews
// disagree have waited longest here; the list of the longest waits shows
// them, each marked as awaiting adjudication, by handle only: no identity
// and no reviewer of the unsettled dispute.
func TestDashboardOverdueListsDisputes(t *testing.T) {
	d := demoStore(t)
	d.addDisputes(t, 2)
	ds, err := d.st.Disputes(goldenLead)
	if err != nil {
		t.Fatal(err)
	}
	p := run(t, ui.NewDashboard(d.st, goldenLead, goldenOptions()), 120, 60)
	p.WaitAfter(0, "[1 Credentials]")
	p.Do(keys("5"), "Overdue:")
	frame := p.frame()
	for _, dp := range ds {
		row := ""
		for _, l := range strings.Split(frame, "\n") {
			if strings.Contains(l, dp.Attempt.Handle()) {
				row = l
			}
		}
		if !strings.Contains(row, "adjudication") {
			t.Errorf("dispute %s: row %q, want it listed as awaiting adjudication", dp.Attempt.Handle(), row)
		}
	}
	requireNoIdentity(t, frame, d)
	for _, id := range []string{goldenReviewer, secondReviewer} {
		if strings.Contains(frame, id) {
			t.Errorf("the overdue list shows reviewer %q", id)
		}
	}
}
