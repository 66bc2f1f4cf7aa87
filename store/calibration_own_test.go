package store

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// TestCalibrationLeavesOutOwnDecisions: an example is not offered to the
// reviewer who decided it (a lead's amendment since too), nor to either
// reviewer of a double review: they
// know its answer, and scoring it "blind" would count their own decision
// as agreement. Others are offered it.
func TestCalibrationLeavesOutOwnDecisions(t *testing.T) {
	t.Run("decision of record", func(t *testing.T) {
		f := calibrationFixture(t) // E-1..E-5, decided by rev-0
		if err := f.AddReviewer(review.Reviewer{ID: "rev-0"}); err != nil {
			t.Fatal(err)
		}
		offered(t, f, "rev-0", 0)
		offered(t, f, "rev-1", 5)
		if _, err := f.Calibration().Claim("rev-0", key("E-1", 1)); !errors.Is(err, review.ErrNotPending) {
			t.Errorf("rev-0 opens the example they decided: %v", err)
		}
	})
	t.Run("amended", func(t *testing.T) {
		// A lead amended rev-0's decision: the lead's is the decision of
		// record now, and rev-0 still knows its answer.
		f := newFixture(t)
		f.mustImport(submission("E-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
			decision("E-1", 1, "rev-0", "2024-02-01T12:00:00Z", "meets", "meets", "meets"))
		for _, r := range []review.Reviewer{{ID: "lead-1", Role: review.RoleLead}, {ID: "rev-0"}, {ID: "rev-1"}} {
			if err := f.AddReviewer(r); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := f.Amend("lead-1", key("E-1", 1), nil, map[string]string{"C1": "Clear next steps for each student."}, "feedback expanded"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.AddCalibrationExample("lead-1", key("E-1", 1), nil); err != nil {
			t.Fatal(err)
		}
		offered(t, f, "rev-1", 1)
		offered(t, f, "rev-0", 0)
	})
	t.Run("double review", func(t *testing.T) {
		f := secondFixture(t, 1)
		k := key("S-1", 1)
		all := map[string]string{"C1": "meets", "C2": "meets", "C3": "meets"}
		f.review("rev-1", k, all)
		f.review("rev-2", k, all)
		if _, ok, err := f.Decision(k); err != nil || !ok {
			t.Fatalf("no decision of record after two agreeing reviews: %v", err)
		}
		if _, err := f.AddCalibrationExample("lead-1", k, nil); err != nil {
			t.Fatal(err)
		}
		offered(t, f, "rev-1", 0)
		offered(t, f, "rev-2", 0)
		offered(t, f, "rev-3", 1)
	})
}

// offered checks how many examples reviewer's calibration queue offers.
func offered(t *testing.T, f *fixture, reviewer string, want int) {
	t.Helper()
	q, err := f.Calibration().Queue(reviewer, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(q) != want {
		t.Errorf("%s is offered %d examples, want %d", reviewer, len(q), want)
	}
}

// TestCalibrationRequiredOwnDecisions: in a program that requires
// calibration, a reviewer who decided some examples is asked to score the
// others, and is calibrated on those; one who decided every example is
// told a lead must add others, not sent round between live review and an
// empty calibration queue without a word.
func TestCalibrationRequiredOwnDecisions(t *testing.T) {
	f := calibrationFixture(t) // E-1..E-5, decided by rev-0; L-1 pending
	if err := f.AddReviewer(review.Reviewer{ID: "rev-0"}); err != nil {
		t.Fatal(err)
	}
	p := review.DefaultCalibrationPolicy()
	p.Required = true
	if err := f.SetCalibrationPolicy(p); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Next("rev-0", ""); !errors.Is(err, review.ErrCalibrateFirst) {
		t.Fatalf("rev-0 uncalibrated in live review: %v", err)
	}
	if line, err := f.CalibrationStanding("rev-0"); err != nil || !strings.Contains(line, "rev-0 has no calibration example to score: a lead must add others") {
		t.Errorf("standing of a reviewer who decided every example: %q %v", line, err)
	}
	// Two examples rev-0 did not decide: those two are all it asks.
	f.mustImport(submission("E-6", "descriptive-feedback", 1, "2024-02-06T10:00:00Z"),
		decision("E-6", 1, "rev-9", "2024-02-06T12:00:00Z", "meets", "meets", "meets"),
		submission("E-7", "descriptive-feedback", 1, "2024-02-07T10:00:00Z"),
		decision("E-7", 1, "rev-9", "2024-02-07T12:00:00Z", "meets", "meets", "meets"))
	for _, app := range []string{"E-6", "E-7"} {
		if _, err := f.AddCalibrationExample("lead-1", key(app, 1), nil); err != nil {
			t.Fatal(err)
		}
	}
	offered(t, f, "rev-0", 2)
	for _, app := range []string{"E-6", "E-7"} {
		if _, err := f.Calibration().Decide("rev-0", key(app, 1), allMeets, nil); err != nil {
			t.Fatal(err)
		}
	}
	if line, err := f.CalibrationStanding("rev-0"); err != nil || !strings.Contains(line, ": calibrated (≥ 80% over ≥ 2 examples, all there are for them)") {
		t.Errorf("standing after the two: %q %v", line, err)
	}
	if _, err := f.Next("rev-0", ""); err != nil {
		t.Errorf("rev-0, calibrated on the examples they did not decide, in live review: %v", err)
	}
}

// TestCalibrationConflictedExamplesWithheld: examples of candidates a
// reviewer declared a conflict with are withheld from them as those they
// decided are: they do not count toward what is asked of them, and the
// standing does not say why (rule 7).
func TestCalibrationConflictedExamplesWithheld(t *testing.T) {
	f := calibrationFixture(t) // E-1..E-5 (district Hilo), decided by rev-0; L-1 pending
	p := review.DefaultCalibrationPolicy()
	p.Required = true
	if err := f.SetCalibrationPolicy(p); err != nil {
		t.Fatal(err)
	}
	if err := f.AddReviewer(review.Reviewer{ID: "rev-c", ConflictDistricts: []string{"Hilo"}}); err != nil {
		t.Fatal(err)
	}
	// Two examples from another district, decided by rev-9.
	var ls []line
	for _, app := range []string{"E-6", "E-7"} {
		s := submission(app, "descriptive-feedback", 1, "2024-02-06T10:00:00Z")
		s["candidate"] = map[string]string{"name": "Kai Lee", "email": "kai@example.org", "district": "Kona", "state": "HI"}
		ls = append(ls, s, decision(app, 1, "rev-9", "2024-02-06T12:00:00Z", "meets", "meets", "meets"))
	}
	f.mustImport(ls...)
	for _, app := range []string{"E-6", "E-7"} {
		if _, err := f.AddCalibrationExample("lead-1", key(app, 1), nil); err != nil {
			t.Fatal(err)
		}
	}
	offered(t, f, "rev-c", 2) // E-1..E-5 are withheld: conflict
	for _, app := range []string{"E-6", "E-7"} {
		if _, err := f.Calibration().Decide("rev-c", key(app, 1), allMeets, nil); err != nil {
			t.Fatal(err)
		}
	}
	offered(t, f, "rev-c", 0) // nothing left to score
	line, err := f.CalibrationStanding("rev-c")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Next("rev-c", ""); errors.Is(err, review.ErrCalibrateFirst) {
		t.Errorf("rev-c scored every example they are offered (100%% agreement) and nothing more is offered, yet live review says: %v; standing: %q", err, line)
	}
	if !strings.Contains(line, ": calibrated (≥ 80% over ≥ 2 examples, all there are for them)") || strings.Contains(line, "conflict") {
		t.Errorf("standing: %q", line)
	}
	// Under serve rev-c, listed with no key, may not act, but a lead's
	// scores still withhold what their conflicts withhold.
	f.RegisteredOnly()
	if s, err := f.CalibrationScores("rev-c"); err != nil || len(s) != 1 || !s[0].Calibrated {
		t.Errorf("rev-c's scores under serve: %+v %v", s, err)
	}
}

// TestCalibrationLeavesOutExamplesReadAsEarlierFeedback: the reviewer of
// attempt 2 read attempt 1's decision as its earlier feedback. Made an
// example, attempt 1 is not offered to them, as to its own decider, and
// is to a reviewer who read neither.
func TestCalibrationLeavesOutExamplesReadAsEarlierFeedback(t *testing.T) {
	f := amendFixture(t) // A-1#1 resubmit by rev-1; A-1#2 pending
	for _, id := range []string{"rev-3", "rev-4"} {
		if err := f.AddReviewer(review.Reviewer{ID: id}); err != nil {
			t.Fatal(err)
		}
	}
	as, err := f.Claim("rev-3", key("A-1", 2))
	if err != nil {
		t.Fatal(err)
	}
	if len(as.Previous) != 1 || as.Previous[0].Decision.Levels["C2"] != "not-yet" {
		t.Fatalf("rev-3 does not read attempt 1's decision: %+v", as.Previous)
	}
	if _, err := f.Decide("rev-3", key("A-1", 2), allMeets, nil); err != nil {
		t.Fatal(err)
	}
	ex := key("A-1", 1)
	if _, err := f.AddCalibrationExample("lead-1", ex, nil); err != nil {
		t.Fatal(err)
	}
	for who, want := range map[string]bool{"rev-1": false, "rev-3": false, "rev-4": true} {
		items, err := f.Calibration().Queue(who, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		offered := slices.ContainsFunc(items, func(it review.QueueItem) bool { return it.Key() == ex })
		if offered != want {
			t.Errorf("%s offered %s: %v, want %v", who, ex, offered, want)
		}
	}
}

// TestImportRefusesAttemptOfExampleApplication: an application whose
// attempt 1 was sent back and whose window has closed by now may give a
// calibration example; a late attempt 2 dated inside the window is then
// refused, naming the example, as its reviewer would read the example's
// answer as the earlier feedback. Once the example is removed it imports.
func TestImportRefusesAttemptOfExampleApplication(t *testing.T) {
	f := newFixture(t)
	f.mustImport(
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		decision("A-1", 1, "rev-1", "2024-02-05T10:00:00Z", "meets", "not-yet", "meets"),
	)
	if err := f.AddReviewer(review.Reviewer{ID: "lead-1", Role: review.RoleLead}); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(200 * 24 * time.Hour) // past A-1's six-month window
	ex := key("A-1", 1)
	eg, err := f.AddCalibrationExample("lead-1", ex, nil)
	if err != nil {
		t.Fatal(err)
	}
	late := submission("A-1", "descriptive-feedback", 2, "2024-03-01T10:00:00Z")
	_, err = f.Import("late.jsonl", records(t, late))
	want := "late.jsonl:1: attempt: its application holds a calibration example, whose answer the attempt's reviewer would read (" + eg.Handle + "): a lead removes the example first (assessor calibration remove " + eg.Handle + ")"
	if !errors.Is(err, review.ErrExampleApplication) || err.Error() != want {
		t.Fatalf("late attempt: %v\nwant %s", err, want)
	}
	if err := f.RemoveCalibrationExample("lead-1", ex); err != nil {
		t.Fatal(err)
	}
	f.mustImport(late)
}

// TestRequireWorkedWithholdsFlaggedExamples: calibration is required (5
// examples); one of the five has open flags and require-worked is on.
// That example is withheld from the reviewer as one of a conflicted
// candidate is, so after agreeing on the four offered, rev-1 may review:
// calibrate offering nothing while live review says "calibrate first"
// would be a dead end.
func TestRequireWorkedWithholdsFlaggedExamples(t *testing.T) {
	f := calibrationFixture(t) // E-1..E-5, decided by rev-0; L-1 pending
	if err := f.RemoveCalibrationExample("lead-1", key("E-5", 1)); err != nil {
		t.Fatal(err)
	}
	f.mustImport(submission("E-6", "descriptive-feedback", 1, "2024-02-07T10:00:00Z").with("parts", []map[string]any{
		{"title": "Part 1", "text": "Call our principal at 808-555-0100 any time."}}),
		decision("E-6", 1, "rev-0", "2024-02-07T12:00:00Z", "meets", "meets", "meets"))
	if _, err := f.AddCalibrationExample("lead-1", key("E-6", 1), nil); err != nil {
		t.Fatal(err)
	}
	p := review.DefaultCalibrationPolicy()
	p.Required = true
	if err := f.SetCalibrationPolicy(p); err != nil {
		t.Fatal(err)
	}
	if err := f.SetRequireFlagsWorked(true); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 10; i++ {
		as, err := f.Calibration().Next("rev-1", "")
		if errors.Is(err, review.ErrQueueEmpty) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Calibration().Decide("rev-1", as.Attempt.Key(), allMeets, nil); err != nil {
			t.Fatal(err)
		}
	}
	line, _ := f.CalibrationStanding("rev-1")
	if _, err := f.Next("rev-1", ""); errors.Is(err, review.ErrCalibrateFirst) {
		t.Errorf("calibrate offers rev-1 nothing more, yet live review says: %v; standing: %q", err, line)
	}
}
