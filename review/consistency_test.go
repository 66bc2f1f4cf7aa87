package review

import (
	"fmt"
	"sort"
	"testing"
	"time"
)

func TestWilsonKnownAnswers(t *testing.T) {
	for _, tc := range []struct {
		pass, n int64
		lo, hi  float64
	}{{8, 10, 0.4902, 0.9433}, {9, 10, 0.5958, 0.9821}, {1, 10, 0.0179, 0.4042}, {5, 5, 0.5655, 1}, {2, 4, 0.15, 0.85}, {0, 0, 0, 1}} {
		lo, hi := Wilson(tc.pass, tc.n)
		if *round(lo, 4) != tc.lo || *round(hi, 4) != tc.hi {
			t.Errorf("Wilson(%d, %d) = %.4f, %.4f; want %.4f, %.4f", tc.pass, tc.n, lo, hi, tc.lo, tc.hi)
		}
	}
}

func TestActiveTime(t *testing.T) {
	t0 := time.Date(2024, 2, 1, 9, 0, 0, 0, time.UTC)
	at := func(d time.Duration) time.Time { return t0.Add(d) }
	// Claim, two saves, a coffee (7.5 min, left out), the decision.
	got := ActiveTime([]time.Time{at(11 * time.Minute), at(0), at(time.Minute), at(150 * time.Second), at(10 * time.Minute)})
	if got != 210*time.Second {
		t.Errorf("active %v, want 3m30s", got)
	}
	if ActiveTime([]time.Time{at(0), at(2 * time.Minute)}) != 2*time.Minute || ActiveTime([]time.Time{at(0), at(121 * time.Second)}) != 0 || ActiveTime(nil) != 0 {
		t.Error("a gap of exactly 2 minutes counts, one over does not")
	}
}

// TestReviewerConsistencyKnownAnswers: credential X pools rev-a's 9 of 10
// and rev-b's 1 of 10 into 0.5, which both intervals exclude; rev-c's 2
// of 4 on Y (pooled 0.5) is within. By month, rev-a's January (5 of 5)
// is flagged and February (4 of 5) is not. Second attempts count for
// active time only.
func TestReviewerConsistencyKnownAnswers(t *testing.T) {
	jan, feb := time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC), time.Date(2024, 2, 15, 0, 0, 0, 0, time.UTC)
	var ds []ConsistencyDecision
	n := 0
	add := func(rev, cred string, attempt int, pass bool, at time.Time, active time.Duration) {
		n++
		d := ConsistencyDecision{Handle: fmt.Sprintf("XX-%04d#%d", n, attempt), Reviewer: rev, Credential: cred, Attempt: attempt, Pass: pass, DecidedAt: at}
		if active > 0 {
			d.Active = &active
		}
		ds = append(ds, d)
	}
	for i := range 10 {
		month := jan
		if i >= 5 {
			month = feb
		}
		add("rev-a", "X", 1, i != 9, month, 20*time.Minute)
		add("rev-b", "X", 1, i == 0, jan, 0)
	}
	for i := range 4 {
		add("rev-c", "Y", 1, i < 2, feb, time.Duration(i+1)*time.Minute)
	}
	add("rev-c", "Y", 2, true, feb, 30*time.Second)
	c := ReviewerConsistency(ds, 3*time.Minute)

	want := map[string][5]float64{ // rate, expected, lo, hi, flagged
		"rev-a": {0.9, 0.5, 0.5958, 0.9821, 1}, "rev-b": {0.1, 0.5, 0.0179, 0.4042, 1}, "rev-c": {0.5, 0.5, 0.15, 0.85, 0},
	}
	if len(c.ByReviewer) != 3 {
		t.Fatalf("rows %+v", c.ByReviewer)
	}
	for _, r := range c.ByReviewer {
		w := want[r.Reviewer]
		if *r.FirstTimePassRate != w[0] || *r.Expected != w[1] || *r.Low != w[2] || *r.High != w[3] || r.Flagged != (w[4] == 1) {
			t.Errorf("%s: %+v, want %v", r.Reviewer, r, w)
		}
	}
	months := map[string]ConsistencyRow{}
	for _, r := range c.ByMonth {
		months[r.Reviewer+" "+r.Month] = r
	}
	if r := months["rev-a 2024-01"]; r.FirstAttempts != 5 || *r.FirstTimePassRate != 1 || *r.Low != 0.5655 || !r.Flagged {
		t.Errorf("rev-a January %+v", r)
	}
	if r := months["rev-a 2024-02"]; r.FirstAttempts != 5 || *r.FirstTimePassRate != 0.8 || *r.Low != 0.3755 || *r.High != 0.9638 || r.Flagged {
		t.Errorf("rev-a February %+v", r)
	}
	// Active time: rev-a 20 min each; rev-b untimed (imported); rev-c 1, 2,
	// 3, 4 min and 30 s: median 2 min, three under the 3-minute floor.
	if len(c.Active) != 2 || c.Active[0].Reviewer != "rev-a" || *c.Active[0].MedianMinutes != 20 || c.Active[0].UnderFloor != 0 {
		t.Errorf("active %+v", c.Active)
	}
	if r := c.Active[1]; r.Reviewer != "rev-c" || r.Timed != 5 || *r.MedianMinutes != 2 || r.UnderFloor != 3 {
		t.Errorf("rev-c active %+v", r)
	}
	if len(c.UnderFloor) != 3 || c.UnderFloor[0].ActiveMinutes != 1 || c.UnderFloor[2].ActiveMinutes != 0.5 || c.FloorMinutes != 3 {
		t.Errorf("under floor %+v", c.UnderFloor)
	}
}

// TestActivityNoteMatchesActiveTime: the running count the store keeps
// gives what ActiveTime gives over the same actions.
func TestActivityNoteMatchesActiveTime(t *testing.T) {
	t0 := time.Date(2024, 2, 1, 9, 0, 0, 0, time.UTC)
	acts := []time.Time{t0, t0.Add(time.Minute), t0.Add(150 * time.Second), t0.Add(10 * time.Minute), t0.Add(11 * time.Minute)}
	var a Activity
	for _, at := range acts {
		a = a.Note("rev-1", at)
	}
	if a.Active != ActiveTime(acts) || a.Active != 210*time.Second {
		t.Errorf("running %v, ActiveTime %v", a.Active, ActiveTime(acts))
	}
	if b := a.Note("rev-2", t0.Add(12*time.Minute)); b.Active != 0 || b.Reviewer != "rev-2" {
		t.Errorf("another reviewer's claim should start afresh: %+v", b)
	}
}

// ActiveTime, the definition Activity is tested against, is the time spent on an attempt from its claim to its
// decision, given the times of every action in between (claim, draft
// saves, decision, in any order): the sum of the gaps between consecutive
// actions, each gap over IdleGap left out.
func ActiveTime(actions []time.Time) time.Duration {
	ts := append([]time.Time(nil), actions...)
	sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
	var total time.Duration
	for i := 1; i < len(ts); i++ {
		if gap := ts[i].Sub(ts[i-1]); gap <= IdleGap {
			total += gap
		}
	}
	return total
}
