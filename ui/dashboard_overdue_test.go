package ui_test

import (
	"fmt"
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
