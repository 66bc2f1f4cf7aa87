package dashboard

import (
	"fmt"
	"strconv"
	"sync"
	"time"

	"assessor/review"
)

func figPtr(f float64) *float64 { return &f }

// testReport is a hand-made report. Its figures are chosen so each one
// formats to a distinct string a test can look for, and so the credentials
// sort differently by title and by applications.
func testReport() review.Report {
	return review.Report{
		Overall: review.Figures{Applications: 16, FirstAttemptsDecided: 16, FirstTimePasses: 6, FirstTimePassRate: figPtr(0.375),
			Passed: 7, EventualPassRate: figPtr(0.4375), MeanAttemptsToPass: figPtr(1.4286), DecidedAttempts: 15, PendingAttempts: 3,
			MedianTurnaroundDays: figPtr(16.25)},
		ByCredential: []review.CredentialRow{
			{Credential: "classroom-discourse", Title: "Classroom Discourse", Figures: review.Figures{Applications: 2, PendingAttempts: 2}},
			{Credential: "descriptive-feedback", Title: "Descriptive Feedback of Student Learning", Stack: "Assessment Literacy",
				Figures: review.Figures{Applications: 5, FirstAttemptsDecided: 4, FirstTimePasses: 1, FirstTimePassRate: figPtr(0.25),
					Passed: 3, EventualPassRate: figPtr(0.75), MeanAttemptsToPass: figPtr(1.6667), DecidedAttempts: 7, PendingAttempts: 1,
					MedianTurnaroundDays: figPtr(18.5)}},
			{Credential: "eliciting-evidence", Title: "Eliciting Evidence of Learning", Stack: "Assessment Literacy",
				Figures: review.Figures{Applications: 9, FirstAttemptsDecided: 9, FirstTimePasses: 5, FirstTimePassRate: figPtr(0.5556),
					Passed: 4, EventualPassRate: figPtr(0.4444), MeanAttemptsToPass: figPtr(1.25), DecidedAttempts: 8, PendingAttempts: 0,
					MedianTurnaroundDays: figPtr(9)}},
		},
		ByStack: []review.StackRow{{Stack: "Assessment Literacy", Figures: review.Figures{Applications: 14,
			FirstAttemptsDecided: 13, FirstTimePasses: 6, FirstTimePassRate: figPtr(0.4615), Passed: 7, EventualPassRate: figPtr(0.5385), MeanAttemptsToPass: figPtr(1.4286), MedianTurnaroundDays: figPtr(12.75)}}},
		ByReviewer: []review.ReviewerRow{
			{Reviewer: "rev-03", Decisions: 8, Passes: 4, PassRate: figPtr(0.5), MedianTurnaroundDays: figPtr(3.25), Agreement: figPtr(0.8333), Kappa: figPtr(0.4167)},
			{Reviewer: "rev-07", Decisions: 4, Passes: 3, PassRate: figPtr(0.75), MedianTurnaroundDays: figPtr(20.1)},
			{Reviewer: "rev-11", Decisions: 0},
		},
		ByMonth: []review.MonthRow{
			{Month: "2024-01", Figures: review.Figures{Applications: 5, FirstAttemptsDecided: 4, FirstTimePasses: 2, FirstTimePassRate: figPtr(0.5)}},
			{Month: "2024-02", Figures: review.Figures{Applications: 8, FirstAttemptsDecided: 6, FirstTimePasses: 2, FirstTimePassRate: figPtr(0.3333)}},
			{Month: "2024-03", Figures: review.Figures{Applications: 3, PendingAttempts: 3}},
		},
		Criteria: []review.CriterionRow{
			{Credential: "classroom-discourse", Criterion: "C1"},
			{Credential: "descriptive-feedback", Criterion: "C1", Scored: 13, NotYet: 0, NotYetRate: figPtr(0)},
			{Credential: "descriptive-feedback", Criterion: "C2", Scored: 13, NotYet: 4, NotYetRate: figPtr(0.3077)},
			{Credential: "descriptive-feedback", Criterion: "C3", Scored: 13, NotYet: 2, NotYetRate: figPtr(0.1538)},
			{Credential: "eliciting-evidence", Criterion: "C1", Scored: 10, NotYet: 1, NotYetRate: figPtr(0.1)},
		},
	}
}

// testTurnaround has 31 buckets (0..29 and 30+): 9 decisions within the
// 14-day promise and 6 after it.
func testTurnaround() []int64 {
	d := make([]int64, 31)
	d[2], d[5], d[13], d[15], d[20], d[30] = 3, 4, 2, 3, 1, 2
	return d
}

// testLeadQueue is pending work at testNow: two attempts over the promise,
// one exactly at it (not over) and one fresh.
func testLeadQueue() []review.QueueItem {
	ago := func(days float64) time.Time { return testNow.Add(-time.Duration(days * 24 * float64(time.Hour))) }
	return []review.QueueItem{
		{Application: "secret-app-1", Pseudonym: "DF-OLD1", Credential: "descriptive-feedback", Attempt: 1, SubmittedAt: ago(20)},
		{Application: "secret-app-2", Pseudonym: "EE-OLD2", Credential: "eliciting-evidence", Attempt: 2, SubmittedAt: ago(14.5)},
		{Application: "secret-app-3", Pseudonym: "DF-NEW3", Credential: "descriptive-feedback", Attempt: 1, SubmittedAt: ago(14)},
		{Application: "secret-app-4", Pseudonym: "EE-NEW4", Credential: "eliciting-evidence", Attempt: 1, SubmittedAt: ago(3)},
	}
}

// manyOverdue is n attempts all waiting longer than the promise, oldest
// first, for the cap on the overdue list.
func manyOverdue(n int) []review.QueueItem {
	out := make([]review.QueueItem, n)
	for i := range out {
		out[i] = review.QueueItem{Application: fmt.Sprintf("secret-app-%d", i), Pseudonym: fmt.Sprintf("OD-%03d", i),
			Credential: "descriptive-feedback", Attempt: 1, SubmittedAt: testNow.AddDate(0, 0, -(60 - i))}
	}
	return out
}

// fakeLead is an in-memory LeadBackend. Safe for concurrent use: tea.Cmds
// call it from other goroutines.
type fakeLead struct {
	mu         sync.Mutex
	report     review.Report
	days       []int64
	queue      []review.QueueItem
	beyond     int64 // pending attempts past those queue holds, all overdue
	pendingErr error
	reportErr  error
	fair       review.Fairness
	fairErr    error
	fairCalls  int

	reportCalls int
	queueArgs   []string // the limit of each OldestPending call

	drillRows []review.DrillRow
	drillArgs []review.DrillFilter
	logs      []review.AttemptLog
	logsAsked []review.AttemptKey
}

func newFakeLead() *fakeLead {
	return &fakeLead{report: testReport(), days: testTurnaround(), queue: testLeadQueue(), drillRows: testDrillRows(), logs: testLogs(),
		fair: testFairness()}
}

// testFairness is a hand-made fairness section: two states shown, the
// districts of one suppressed (one small, one its complement), a row
// without a value, and an attribute with no group of k.
func testFairness() review.Fairness {
	n := func(v int64) *int64 { return &v }
	return review.Fairness{MinGroup: 7, Omitted: []string{"educator_id"}, Rows: []review.FairnessRow{
		{Attribute: "state", Value: "AZ", Applications: n(18), FirstAttemptsDecided: n(16), FirstTimePasses: n(9),
			FirstTimePassRate: figPtr(0.5625), Decided: n(16), Passed: n(14), EventualPassRate: figPtr(0.875)},
		{Attribute: "state", Value: "GA", Applications: n(22), FirstAttemptsDecided: n(20), FirstTimePasses: n(9),
			FirstTimePassRate: figPtr(0.45), Decided: n(20), Passed: n(16), EventualPassRate: figPtr(0.8)},
		{Attribute: "district", State: "AZ", Value: "Red Mesa", Suppressed: true, SuppressedBy: "complementary"},
		{Attribute: "district", State: "AZ", Value: "Saguaro Flats", Suppressed: true, SuppressedBy: "small"},
		{Attribute: "district", State: "GA", Value: "Oconee Springs", Applications: n(22), FirstAttemptsDecided: n(20),
			FirstTimePasses: n(9), FirstTimePassRate: figPtr(0.45), Decided: n(20), Passed: n(16), EventualPassRate: figPtr(0.8)},
		{Attribute: "cohort", Value: "", Applications: n(40), FirstAttemptsDecided: n(36), FirstTimePasses: n(18),
			FirstTimePassRate: figPtr(0.5), Decided: n(36), Passed: n(30), EventualPassRate: figPtr(0.8333)},
	}}
}

// testDrillRows is what DrillDown answers, whatever the filter: one
// pending attempt and two decided ones.
func testDrillRows() []review.DrillRow {
	return []review.DrillRow{
		{Key: review.AttemptKey{Application: "secret-app-9", Attempt: 1}, Handle: "DF-PEND#1", Credential: "descriptive-feedback",
			SubmittedAt: testNow.AddDate(0, 0, -3)},
		{Key: review.AttemptKey{Application: "secret-app-8", Attempt: 2}, Handle: "DF-PASS#2", Credential: "descriptive-feedback",
			SubmittedAt: testNow.AddDate(0, 0, -20), Outcome: review.Pass, DecidedAt: testNow.AddDate(0, 0, -12).Add(-6 * time.Hour), Reviewer: "rev-03", Level: "meets"},
		{Key: review.AttemptKey{Application: "secret-app-8", Attempt: 1}, Handle: "DF-PASS#1", Credential: "descriptive-feedback",
			SubmittedAt: testNow.AddDate(0, 0, -40), Outcome: review.Resubmit, DecidedAt: testNow.AddDate(0, 0, -30), Reviewer: "rev-07", Level: "not-yet"},
	}
}

// testLogs is what AttemptLogs answers: a resubmission, the first attempt
// decided and amended, the second pending.
func testLogs() []review.AttemptLog {
	d1 := review.Decision{Outcome: review.Resubmit, Reviewer: "rev-07", DecidedAt: testNow.AddDate(0, 0, -30),
		Levels: map[string]string{"C1": "meets", "C2": "not-yet"}}
	return []review.AttemptLog{
		{Handle: "DF-OLD1#1", SubmittedAt: testNow.AddDate(0, 0, -40), Decision: &d1, History: []review.HistoryEntry{
			{Action: review.ActionDecide, By: "rev-07", At: d1.DecidedAt, Decision: d1},
			{Action: review.ActionAmend, By: "lead-1", At: d1.DecidedAt.Add(time.Hour), Reason: "C2 feedback clarified", Decision: d1},
		}},
		{Handle: "DF-OLD1#2", SubmittedAt: testNow.AddDate(0, 0, -20)},
	}
}

func (f *fakeLead) DrillDown(filter review.DrillFilter, limit int) ([]review.DrillRow, int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.drillArgs = append(f.drillArgs, filter)
	return append([]review.DrillRow(nil), f.drillRows[:min(limit, len(f.drillRows))]...), len(f.drillRows), nil
}

func (f *fakeLead) AttemptLogs(k review.AttemptKey) ([]review.AttemptLog, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.logsAsked = append(f.logsAsked, k)
	return f.logs, nil
}

func (f *fakeLead) drills() ([]review.DrillFilter, []review.AttemptKey) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]review.DrillFilter(nil), f.drillArgs...), append([]review.AttemptKey(nil), f.logsAsked...)
}

func (f *fakeLead) Report(since, until time.Time) (review.Report, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reportCalls++
	return f.report, f.reportErr
}

func (f *fakeLead) Fairness(since, until time.Time) (review.Fairness, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fairCalls++
	if !since.IsZero() || !until.IsZero() {
		return review.Fairness{}, fmt.Errorf("fairness asked for [%v, %v), want the whole store", since, until)
	}
	return f.fair, f.fairErr
}

func (f *fakeLead) TurnaroundDays() ([]int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]int64(nil), f.days...), nil
}

func (f *fakeLead) StackProgress() ([]review.StackProgress, error) {
	return []review.StackProgress{{Stack: "Assessment Literacy", Credentials: 3, Earned: []int64{7, 2, 1}}}, nil
}

func (f *fakeLead) OldestPending(limit int) ([]review.QueueItem, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queueArgs = append(f.queueArgs, strconv.Itoa(limit))
	return append([]review.QueueItem(nil), f.queue[:min(limit, len(f.queue))]...), nil
}

// PendingBefore counts the fake queue's attempts submitted before t, and
// beyond: those a queue of overdueScan would not list.
func (f *fakeLead) PendingBefore(t time.Time) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := f.beyond
	for _, it := range f.queue {
		if it.SubmittedAt.Before(t) {
			n++
		}
	}
	return n, f.pendingErr
}

func (f *fakeLead) set(fn func(f *fakeLead)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn(f)
}

func (f *fakeLead) calls() (reports int, queueArgs []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.reportCalls, append([]string(nil), f.queueArgs...)
}
