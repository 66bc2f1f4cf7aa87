package store

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"assessor/review"
)

const fbC2 = "Name the learning target in your feedback to students and show how they used it."

// amendFixture: A-1 attempt 1 decided resubmit by rev-1, attempt 2
// pending; A-2 attempt 1 decided pass by rev-2. lead-1 is a lead.
func amendFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	f.mustImport(
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		decision("A-1", 1, "rev-1", "2024-02-05T10:00:00Z", "meets", "not-yet", "meets"),
		submission("A-1", "descriptive-feedback", 2, "2024-02-10T10:00:00Z"),
		submission("A-2", "descriptive-feedback", 1, "2024-02-02T10:00:00Z"),
		decision("A-2", 1, "rev-2", "2024-02-04T10:00:00Z", "meets", "meets", "meets"),
	)
	for _, r := range []review.Reviewer{{ID: "lead-1", Role: review.RoleLead}, {ID: "rev-1"}} {
		if err := f.AddReviewer(r); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func TestAmendPassToResubmit(t *testing.T) {
	f := amendFixture(t)
	f.clock.Advance(24 * time.Hour)
	// A refused amendment tells no screen; the one stored does, so the
	// reviewer of a later attempt reads its feedback anew.
	var notices []review.AttemptNotice
	f.OnNotice(func(n review.AttemptNotice) { notices = append(notices, n) })
	if _, err := f.Amend("lead-1", key("A-2", 1), nil, nil, "no change"); err == nil {
		t.Fatal("an amendment changing nothing was stored")
	}
	d, err := f.Amend("lead-1", key("A-2", 1), map[string]string{"C3": "not-yet"},
		map[string]string{"C3": "Show the next step each student took after reading your feedback."}, "appeal review found C3 unmet")
	if err != nil {
		t.Fatal(err)
	}
	if d.Outcome != review.Resubmit || d.Reviewer != "lead-1" || d.Levels["C1"] != "meets" || d.Levels["C3"] != "not-yet" {
		t.Errorf("decision %+v", d)
	}
	if want := []review.AttemptNotice{{Key: key("A-2", 1), Amended: true}}; !slices.Equal(notices, want) {
		t.Errorf("notices %+v, want %+v", notices, want)
	}
	if !d.DecidedAt.Equal(time.Date(2024, 2, 4, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("decided_at moved to %s; it keeps the original", d.DecidedAt)
	}
	app, _ := f.Application("A-2")
	if app.LastOutcome != review.Resubmit || app.StatusAt(t0) != review.StatusOpen {
		t.Errorf("application %+v", app)
	}
	h, err := f.History(key("A-2", 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 2 || h[0].Action != review.ActionImport || h[0].Decision.Outcome != review.Pass || h[0].Decision.Reviewer != "rev-2" ||
		h[1].Action != review.ActionAmend || h[1].By != "lead-1" || h[1].Reason != "appeal review found C3 unmet" || !h[1].At.Equal(t0.Add(24*time.Hour)) {
		t.Fatalf("history %+v", h)
	}
	rep, err := f.Report(time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Overall.Passed != 0 || rep.Overall.FirstTimePasses != 0 || rep.Overall.DecidedAttempts != 2 {
		t.Errorf("overall %+v", rep.Overall)
	}
	// rev-2's only decision is now the lead's: rev-2 leaves the table.
	for _, r := range rep.ByReviewer {
		if r.Reviewer == "rev-2" {
			t.Errorf("rev-2 still has a row: %+v", r)
		}
	}
	f.mustCheck()
	// The candidate may now submit attempt 2.
	f.mustImport(submission("A-2", "descriptive-feedback", 2, "2024-03-01T10:00:00Z"))
	f.mustCheck()
}

// TestAmendNotBeforeTheDecision: import takes a decided_at up to a week
// past the clock (docs/formats.md), and the amendment of such a decision is
// refused until then: recorded at once, it would come before the decision
// in the history, and its pass's badge would be revoked before it was
// issued. From the decision's time on, the amendment is recorded after it.
func TestAmendNotBeforeTheDecision(t *testing.T) {
	f := amendFixture(t)
	f.mustImport(
		as(submission("F-1", "descriptive-feedback", 1, "2024-02-28T10:00:00Z"), "fay@example.org"),
		decision("F-1", 1, "rev-1", "2024-03-04T10:00:00Z", "meets", "meets", "meets"), // 3 days past the clock
	)
	k := key("F-1", 1)
	a, err := f.Attempt(k)
	if err != nil {
		t.Fatal(err)
	}
	c3 := map[string]string{"C3": "Show the next step each student took after reading your feedback."}
	before := f.written(k)
	_, err = f.Amend("lead-1", k, map[string]string{"C3": "not-yet"}, c3, "appeal")
	if want := "amend: " + a.Handle() + ": the decision is dated 2024-03-04T10:00:00Z, after now: amend it after then"; !errors.Is(err, review.ErrDatedAhead) || err.Error() != want {
		t.Fatalf("amending a decision dated ahead: %v, want %q", err, want)
	}
	f.unchanged("a refused amendment", before, k)
	f.clock.Advance(time.Date(2024, 3, 4, 10, 0, 0, 0, time.UTC).Sub(t0))
	if _, err := f.Amend("lead-1", k, map[string]string{"C3": "not-yet"}, c3, "appeal"); err != nil {
		t.Fatalf("amending at the decision's time: %v", err)
	}
	h, err := f.History(k)
	if err != nil || len(h) != 2 || h[1].At.Before(h[0].Decision.DecidedAt) {
		t.Fatalf("history %+v, %v: want the amendment after the decision", h, err)
	}
	set, err := f.Badges("lead-1")
	if err != nil {
		t.Fatal(err)
	}
	if b := credentialBadge(set, "F-1"); b.Revocation == nil || b.Revocation.At.Before(b.IssuedOn) {
		t.Errorf("F-1's badge, its pass amended away: %+v, revocation %+v", b, b.Revocation)
	}
	f.mustCheck()
}

func TestAmendResubmitToPassOnLastAttempt(t *testing.T) {
	f := amendFixture(t)
	f.mustImport(
		submission("A-3", "descriptive-feedback", 1, "2024-02-03T10:00:00Z"),
		decision("A-3", 1, "rev-1", "2024-02-06T10:00:00Z", "not-yet", "meets", "meets"),
	)
	d, err := f.Amend("lead-1", key("A-3", 1), map[string]string{"C1": "meets"}, map[string]string{"C1": ""}, "second read")
	if err != nil {
		t.Fatal(err)
	}
	if d.Outcome != review.Pass {
		t.Errorf("outcome %s", d.Outcome)
	}
	if app, _ := f.Application("A-3"); app.LastOutcome != review.Pass {
		t.Errorf("last outcome %s", app.LastOutcome)
	}
	f.mustCheck()
	// Amend again: the history keeps all three.
	if _, err := f.Amend("lead-1", key("A-3", 1), nil, map[string]string{review.OverallKey: "Well done."}, "add overall feedback"); err != nil {
		t.Fatal(err)
	}
	if h, _ := f.History(key("A-3", 1)); len(h) != 3 {
		t.Errorf("history has %d entries", len(h))
	}
	f.mustCheck()
}

// TestAmendRefusals is the wiring of Amend's refusals: each reaches the
// caller as review's typed error and writes nothing. The rules are
// review.TestAmendRules and review.TestRequireLead; the cases here are the
// ones whose state the store reads from disk: the person's role, the
// decision of record, the application's attempts.
func TestAmendRefusals(t *testing.T) {
	f := amendFixture(t)
	keys := []review.AttemptKey{key("A-1", 1), key("A-1", 2), key("A-2", 1)}
	before := f.written(keys...)
	tests := []struct {
		name, lead string
		k          review.AttemptKey
		levels     map[string]string
		feedback   map[string]string
		is         error
	}{
		{"reviewer role", "rev-1", key("A-2", 1), map[string]string{"C1": "not-yet"}, map[string]string{"C1": fbC2}, review.ErrNotLead},
		{"pending attempt", "lead-1", key("A-1", 2), map[string]string{"C1": "meets"}, nil, review.ErrNotDecided},
		{"later attempt exists", "lead-1", key("A-1", 1), map[string]string{"C2": "meets"}, nil, review.ErrLaterAttempts},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := f.Amend(tt.lead, tt.k, tt.levels, tt.feedback, "why"); !errors.Is(err, tt.is) {
				t.Errorf("err %v, want %v", err, tt.is)
			}
		})
	}
	f.unchanged("refused amendments", before, keys...)
	f.mustCheck()
}

// TestAmendEarlierAttemptStaysResubmit: an attempt followed by another may
// be amended as long as it stays resubmit.
func TestAmendEarlierAttemptStaysResubmit(t *testing.T) {
	f := amendFixture(t)
	d, err := f.Amend("lead-1", key("A-1", 1), map[string]string{"C1": "not-yet"},
		map[string]string{"C1": "State the learning target in words students use, then tie each comment to it."}, "C1 was missed")
	if err != nil {
		t.Fatal(err)
	}
	if d.Outcome != review.Resubmit {
		t.Errorf("outcome %s", d.Outcome)
	}
	rep, _ := f.Report(time.Time{}, time.Time{})
	for _, c := range rep.Criteria {
		if c.Criterion == "C1" && c.NotYet != 1 {
			t.Errorf("C1 not-yet count %d, want 1", c.NotYet)
		}
	}
	f.mustCheck()
}

// TestAmendTakesBackStackCompletion: a candidate who passed both credentials
// of the stack completes it; amending one pass away takes the completion
// back, and amending it back restores it.
func TestAmendTakesBackStackCompletion(t *testing.T) {
	f := amendFixture(t) // A-2 passed descriptive-feedback for dana@example.org
	f.mustImport(
		submission("A-3", "classroom-discourse", 1, "2024-02-03T10:00:00Z"),
		decision("A-3", 1, "rev-1", "2024-02-06T10:00:00Z", "meets", "meets"),
	)
	completed := func() int64 {
		t.Helper()
		rep, err := f.Report(time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range rep.ByStack {
			if s.Stack == "Assessment Literacy" {
				return s.StacksCompleted
			}
		}
		return 0
	}
	if n := completed(); n != 1 {
		t.Fatalf("stack completed %d times before the amendment, want 1", n)
	}
	if _, err := f.Amend("lead-1", key("A-3", 1), map[string]string{"C2": "not-yet"}, map[string]string{"C2": fbC2}, "C2 unmet"); err != nil {
		t.Fatal(err)
	}
	if n := completed(); n != 0 {
		t.Errorf("stack completed %d times after taking a pass back, want 0", n)
	}
	f.mustCheck()
	if _, err := f.Amend("lead-1", key("A-3", 1), map[string]string{"C2": "meets"}, map[string]string{"C2": ""}, "appeal upheld"); err != nil {
		t.Fatal(err)
	}
	if n := completed(); n != 1 {
		t.Errorf("stack completed %d times after passing again, want 1", n)
	}
	f.mustCheck()
}

// TestAmendRefusesCalibrationExample: the decision of a calibration
// example is refused an amendment until the example is removed.
func TestAmendRefusesCalibrationExample(t *testing.T) {
	f := amendFixture(t)
	k := key("A-2", 1) // passed: an example may be made of it
	if _, err := f.AddCalibrationExample("lead-1", k, nil); err != nil {
		t.Fatal(err)
	}
	amend := func() error {
		_, err := f.Amend("lead-1", k, map[string]string{"C2": "not-yet"}, map[string]string{"C2": fbC2}, "recheck")
		return err
	}
	if err := amend(); !errors.Is(err, review.ErrAmendExample) {
		t.Fatalf("amending an example: %v", err)
	}
	if err := f.RemoveCalibrationExample("lead-1", k); err != nil {
		t.Fatal(err)
	}
	if err := amend(); err != nil {
		t.Errorf("amending once it is no example: %v", err)
	}
	f.mustCheck()
}

// TestAmendKeepsExampleApplicationClosed: an application holding a
// calibration example is not reopened by amending its passing attempt to
// resubmit: the reviewer of its next attempt would read the example's
// answer in its history. Once the example is removed, the amendment goes
// through.
func TestAmendKeepsExampleApplicationClosed(t *testing.T) {
	f := amendFixture(t)
	f.mustImport(decision("A-1", 2, "rev-2", "2024-02-12T10:00:00Z", "meets", "meets", "meets")) // A-1 passes on attempt 2
	ex, k := key("A-1", 1), key("A-1", 2)
	if _, err := f.AddCalibrationExample("lead-1", ex, nil); err != nil {
		t.Fatal(err)
	}
	amend := func() error {
		_, err := f.Amend("lead-1", k, map[string]string{"C2": "not-yet"}, map[string]string{"C2": fbC2}, "appeal denied")
		return err
	}
	before := f.written(ex, k)
	if err := amend(); !errors.Is(err, review.ErrAmendReopens) || !strings.Contains(err.Error(), "calibration remove") {
		t.Fatalf("reopening the application of an example: %v", err)
	}
	f.unchanged("a refused amendment", before, ex, k)
	if app, _ := f.Application("A-1"); app.StatusAt(f.clock.Now()) != review.StatusPassed {
		t.Errorf("A-1 is %s after the refusal, want passed", app.StatusAt(f.clock.Now()))
	}
	if err := f.RemoveCalibrationExample("lead-1", ex); err != nil {
		t.Fatal(err)
	}
	if err := amend(); err != nil {
		t.Errorf("amending once the example is removed: %v", err)
	}
	f.mustCheck()
}

// TestAmendRefusesConflictedLead: a lead who declared a conflict with the
// candidate (rule 7) may not amend their decision, as they may not
// adjudicate it; another lead may.
func TestAmendRefusesConflictedLead(t *testing.T) {
	f := amendFixture(t)
	if err := f.AddReviewer(review.Reviewer{ID: "lead-hi", Role: review.RoleLead, ConflictStates: []string{"HI"}}); err != nil {
		t.Fatal(err)
	}
	k := key("A-2", 1) // candidate in Hilo, HI
	amend := func(lead string) error {
		_, err := f.Amend(lead, k, map[string]string{"C2": "not-yet"}, map[string]string{"C2": fbC2}, "appeal review")
		return err
	}
	before := f.written(k)
	if err := amend("lead-hi"); !errors.Is(err, review.ErrConflictOfInterest) {
		t.Fatalf("the conflicted lead amends: %v", err)
	}
	f.unchanged("a refused amendment", before, k)
	if err := amend("lead-1"); err != nil {
		t.Errorf("another lead: %v", err)
	}
	f.mustCheck()
}

// TestReimportAfterAmend: the file whose decision a lead amended imports
// again as unchanged (the line repeats what was imported), and a line
// that differs from both is still refused.
func TestReimportAfterAmend(t *testing.T) {
	f := amendFixture(t)
	f.clock.Advance(24 * time.Hour)
	if _, err := f.Amend("lead-1", key("A-2", 1), map[string]string{"C3": "not-yet"},
		map[string]string{"C3": "Show the next step."}, "appeal"); err != nil {
		t.Fatal(err)
	}
	st := f.mustImport(
		submission("A-2", "descriptive-feedback", 1, "2024-02-02T10:00:00Z"),
		decision("A-2", 1, "rev-2", "2024-02-04T10:00:00Z", "meets", "meets", "meets"))
	if st.Unchanged != 2 || st.Decisions != 0 {
		t.Errorf("re-import after the amendment: %+v, want both lines unchanged", st)
	}
	_, err := f.Import("other.jsonl", records(t, decision("A-2", 1, "rev-2", "2024-02-04T10:00:00Z", "meets", "not-yet", "meets")))
	if !errors.Is(err, review.ErrAlreadyDecided) {
		t.Errorf("another decision: %v, want ErrAlreadyDecided", err)
	}
}

// TestAmendAtCoarseBucketEdge: an amendment moves its decision's
// turnaround from the reviewer's index to the lead's. A turnaround in the
// last second of a 0.1-day bucket (8639.5 s, whole seconds 8639) is taken
// out of, and put in, the bucket that holds it: the report reads the
// lead's median (0.1 days) and check finds the index as recomputed.
func TestAmendAtCoarseBucketEdge(t *testing.T) {
	f := newFixture(t)
	f.mustImport(
		submission("E-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		decision("E-1", 1, "rev-2", "2024-02-01T12:23:59.5Z", "meets", "meets", "meets"),
	)
	if err := f.AddReviewer(review.Reviewer{ID: "lead-1", Role: review.RoleLead}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Amend("lead-1", key("E-1", 1), map[string]string{"C3": "not-yet"},
		map[string]string{"C3": "Show the next step each student took."}, "appeal review found C3 unmet"); err != nil {
		t.Fatal(err)
	}
	rep := f.mustReport(time.Time{}, time.Time{})
	found := false
	for _, r := range rep.ByReviewer {
		if r.Reviewer == "lead-1" {
			found = true
			if got := r.MedianTurnaroundDays; got == nil || *got != 0.1 {
				t.Errorf("lead-1's median_turnaround_days %v, want 0.1 (8639.5 s)", review.FormatFigure(got))
			}
		}
	}
	if !found {
		t.Error("the report has no row of lead-1, who amended E-1#1")
	}
	f.mustCheck()
}
