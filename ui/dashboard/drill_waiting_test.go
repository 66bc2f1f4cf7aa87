package dashboard

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"assessor/ui/common"
)

// TestDrillAfterADayMeasuresWaitingNow: a dashboard loaded on Monday and
// left open; on Wednesday the lead opens a credential's attempts (read
// from the store then) and one attempt's history. Their "waiting so far"
// days are the waits on Wednesday, not on Monday: the rows are Wednesday's.
func TestDrillAfterADayMeasuresWaitingNow(t *testing.T) {
	var clock atomic.Int64
	clock.Store(testNow.UnixNano())
	now := func() time.Time { return time.Unix(0, clock.Load()).UTC() }
	f := newFakeLead()
	s := startDashboard(t, f, common.Options{Now: now}, 100, 30)
	s.WaitAfter(0, "Sorted by credential ↑")
	clock.Add(int64(48 * time.Hour)) // open for two days, no reload
	// DF-PEND#1 was submitted 3 days before the load: 5 days ago now.
	s.Do(keys("j", "enter"), "3 attempts behind credential Descriptive Feedback of Student Learning", "DF-PEND#1")
	s.Do(keys("enter"), "History of DF-PEND#1", "DF-OLD1#2 · submitted")
	out := s.Out.String()
	drill := out[strings.LastIndex(out, "attempts behind"):]
	pend := drill[strings.Index(drill, "DF-PEND#1"):]
	pend = pend[:strings.IndexAny(pend, "\r\n")]
	if !strings.Contains(pend, "5.00") {
		t.Errorf("drill-down row of an attempt pending 5 days (read now):\n%s\nwant 5.00 days waiting so far", pend)
	}
	if !strings.Contains(out, "pending · waiting 22.00 days") {
		i := strings.LastIndex(out, "DF-OLD1#2 · submitted")
		t.Errorf("history of an attempt pending 22 days: %q; want waiting 22.00 days", out[i:i+60])
	}
}
