package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// calibrationFixture holds five decided attempts E-1..E-5 of
// descriptive-feedback (all meets, by rev-0), one pending live attempt
// L-1, a lead and two reviewers.
func calibrationFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	var lines []line
	for i := 1; i <= 5; i++ {
		app := fmt.Sprintf("E-%d", i)
		lines = append(lines, submission(app, "descriptive-feedback", 1, fmt.Sprintf("2024-02-0%dT10:00:00Z", i)),
			decision(app, 1, "rev-0", fmt.Sprintf("2024-02-0%dT12:00:00Z", i), "meets", "meets", "meets"))
	}
	lines = append(lines, submission("L-1", "descriptive-feedback", 1, "2024-02-20T10:00:00Z"))
	f.mustImport(lines...)
	for _, r := range []review.Reviewer{{ID: "lead-1", Role: review.RoleLead}, {ID: "rev-1"}, {ID: "rev-2"}} {
		if err := f.AddReviewer(r); err != nil {
			t.Fatal(err)
		}
	}
	for i := 1; i <= 5; i++ {
		var over map[string]string
		if i == 5 { // the lead says the decision of record got C2 wrong
			over = map[string]string{"C2": "not-yet"}
		}
		if _, err := f.AddCalibrationExample("lead-1", key(fmt.Sprintf("E-%d", i), 1), over); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// snapshot is everything calibration must leave alone: what
// fixture.written sees for the examples (decisions, histories, counts,
// queue, audit) and the report.
func (f *fixture) snapshot() string {
	f.t.Helper()
	var keys []review.AttemptKey
	for i := 1; i <= 5; i++ {
		keys = append(keys, key(fmt.Sprintf("E-%d", i), 1))
	}
	rep, err := json.Marshal(f.mustReport(time.Time{}, time.Time{}))
	if err != nil {
		f.t.Fatal(err)
	}
	return f.written(keys...) + string(rep)
}

// calibrate scores every example the session offers with levels(key).
func calibrate(t *testing.T, f *fixture, reviewer string, levels func(review.AttemptKey) map[string]string) {
	t.Helper()
	c := f.Calibration()
	for {
		as, err := c.Next(reviewer, "")
		if errors.Is(err, review.ErrQueueEmpty) {
			return
		} else if err != nil {
			t.Fatal(err)
		}
		if len(as.Previous) != 0 {
			t.Errorf("calibration shows previous attempts: %+v", as.Previous)
		}
		lv := levels(as.Attempt.Key())
		fb := map[string]string{}
		for id, l := range lv {
			if l != "meets" {
				fb[id] = fbC2
			}
		}
		if _, err := c.Decide(reviewer, as.Attempt.Key(), lv, fb); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCalibrationNeverTouchesDecisions(t *testing.T) {
	f := calibrationFixture(t)
	before := f.snapshot()
	c := f.Calibration()
	q, err := c.Queue("rev-1", "", 0)
	if err != nil || len(q) != 5 {
		t.Fatalf("calibration queue = %d items, %v; want the 5 examples", len(q), err)
	}
	as, err := c.Claim("rev-1", key("E-1", 1))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.SaveDraft("rev-1", as.Attempt.Key(), review.Draft{Levels: map[string]string{"C1": "not-yet"}}); err != nil {
		t.Fatal(err)
	}
	if as, _ = c.Claim("rev-1", key("E-1", 1)); as.Draft.Levels["C1"] != "not-yet" {
		t.Errorf("calibration draft not restored: %+v", as.Draft)
	}
	if _, ok, _ := f.Draft("rev-1", key("E-1", 1)); ok {
		t.Error("calibration draft stored as a live draft")
	}
	// The calibration list marks the example with the draft, and no other.
	q, _ = c.Queue("rev-1", "", 0)
	for _, it := range q {
		if it.Draft != (it.Key() == key("E-1", 1)) {
			t.Errorf("calibration queue row %s: draft %v", it.Handle(), it.Draft)
		}
	}
	calibrate(t, f, "rev-1", func(review.AttemptKey) map[string]string { return oneNotYet })
	if after := f.snapshot(); after != before {
		t.Errorf("calibration changed decisions, queue, counts or report:\nbefore %s\nafter  %s", before, after)
	}
	if _, err := c.Claim("rev-1", key("E-1", 1)); !errors.Is(err, review.ErrNotPending) {
		t.Errorf("claiming a scored example: %v, want ErrNotPending", err)
	}
	if _, err := c.Claim("rev-1", key("L-1", 1)); !errors.Is(err, review.ErrNotPending) {
		t.Errorf("claiming a live attempt in calibration: %v, want ErrNotPending", err)
	}
	f.mustCheck()
}

func TestCalibratedAtThreshold(t *testing.T) {
	f := calibrationFixture(t)
	// rev-1 gives all meets: 15 judgements, 14 agree (E-5's C2 is not-yet
	// in truth) → 14/15 = 0.9333. rev-2 gives C2 not-yet everywhere: only
	// E-5's C2 and the 10 C1/C3 agree → 11/15 = 0.7333.
	calibrate(t, f, "rev-1", func(review.AttemptKey) map[string]string { return allMeets })
	calibrate(t, f, "rev-2", func(review.AttemptKey) map[string]string { return oneNotYet })
	scores, err := f.CalibrationScores("")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]review.CalibrationScore{}
	for _, s := range scores {
		got[s.Reviewer] = s
	}
	r1, r2 := got["rev-1"], got["rev-2"]
	if r1.Examples != 5 || r1.Judgements != 15 || *r1.Agreement != 0.9333 || !r1.Calibrated {
		t.Errorf("rev-1 %+v", r1)
	}
	if r2.Examples != 5 || *r2.Agreement != 0.7333 || r2.Calibrated {
		t.Errorf("rev-2 %+v", r2)
	}
	// rev-1's kappa: truth has 14 meets, 1 not-yet; rev-1 all meets, so pe =
	// 14/15 = po and kappa is 0.
	if r1.Kappa == nil || *r1.Kappa != 0 {
		t.Errorf("rev-1 kappa %v, want 0", r1.Kappa)
	}
	if g := got["lead-1"]; g.Examples != 0 || g.Calibrated {
		t.Errorf("lead-1 %+v", g)
	}
	// Exactly at the threshold counts: 11/15 with threshold 11/15.
	if err := f.SetCalibrationPolicy(review.CalibrationPolicy{Threshold: 11.0 / 15, MinExamples: 5}); err != nil {
		t.Fatal(err)
	}
	if s, _ := f.CalibrationScores("rev-2"); !s[0].Calibrated {
		t.Errorf("rev-2 at the threshold not calibrated: %+v", s[0])
	}
	// Too few examples: the minimum is raised to 6.
	if err := f.SetCalibrationPolicy(review.CalibrationPolicy{Threshold: 0.5, MinExamples: 6}); err != nil {
		t.Fatal(err)
	}
	if s, _ := f.CalibrationScores("rev-1"); s[0].Calibrated {
		t.Errorf("rev-1 calibrated on 5 of 6 examples: %+v", s[0])
	}
	// Removing an example drops its responses from the score.
	if err := f.RemoveCalibrationExample("lead-1", key("E-5", 1)); err != nil {
		t.Fatal(err)
	}
	if s, _ := f.CalibrationScores("rev-1"); s[0].Examples != 4 || *s[0].Agreement != 1 {
		t.Errorf("after removing E-5: %+v", s[0])
	}
}

// TestCalibrationExampleRules is the wiring of AddCalibrationExample's
// refusals: the role and the decision of record are read from disk, the
// error is review's, and the examples stay as they were. The rules are
// review.TestNewCalibrationExample and review.TestRequireLead.
func TestCalibrationExampleRules(t *testing.T) {
	f := calibrationFixture(t)
	if _, err := f.AddCalibrationExample("rev-1", key("E-1", 1), nil); !errors.Is(err, review.ErrNotLead) {
		t.Errorf("reviewer adds example: %v, want review.ErrNotLead", err)
	}
	if _, err := f.AddCalibrationExample("lead-1", key("L-1", 1), nil); !errors.Is(err, review.ErrNotDecided) {
		t.Errorf("pending attempt as example: %v, want review.ErrNotDecided", err)
	}
	// Sent back inside its window (the clock is 2024-03-01): its next
	// attempt's reviewer would read the answer in the history.
	f.mustImport(submission("O-1", "descriptive-feedback", 1, "2024-02-20T10:00:00Z"),
		decision("O-1", 1, "rev-9", "2024-02-25T10:00:00Z", "meets", "not-yet", "meets"))
	if _, err := f.AddCalibrationExample("lead-1", key("O-1", 1), nil); !errors.Is(err, review.ErrExampleOpen) {
		t.Errorf("an open application's attempt as example: %v, want review.ErrExampleOpen", err)
	}
	// Two attempts of one application side by side: the earlier was sent back.
	f.mustImport(submission("P-1", "descriptive-feedback", 1, "2024-01-02T10:00:00Z"),
		decision("P-1", 1, "rev-9", "2024-01-05T10:00:00Z", "meets", "not-yet", "meets"),
		submission("P-1", "descriptive-feedback", 2, "2024-01-10T10:00:00Z"),
		decision("P-1", 2, "rev-9", "2024-01-12T10:00:00Z", "meets", "meets", "meets"))
	if _, err := f.AddCalibrationExample("lead-1", key("P-1", 2), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := f.AddCalibrationExample("lead-1", key("P-1", 1), nil); !errors.Is(err, review.ErrExampleBeside) {
		t.Errorf("a second attempt of one application as example: %v, want review.ErrExampleBeside", err)
	}
	if err := f.RemoveCalibrationExample("lead-1", key("P-1", 2)); err != nil {
		t.Fatal(err)
	}
	// An example already (E-1#1, added by the fixture) is not replaced:
	// reviewers who scored it were compared with its reference levels.
	if _, err := f.AddCalibrationExample("lead-1", key("E-1", 1), map[string]string{"C2": "not-yet"}); !errors.Is(err, ErrExampleExists) ||
		!strings.Contains(err.Error(), "is already a calibration example, added by lead-1 on ") {
		t.Errorf("an example added again: %v, want ErrExampleExists", err)
	}
	exs, err := f.CalibrationExamples()
	if err != nil || len(exs) != 5 || exs[4].Levels["C2"] != "not-yet" || exs[0].Levels["C2"] != "meets" {
		t.Errorf("examples %+v, %v", exs, err)
	}
}

func TestRequiredCalibrationGatesLiveReview(t *testing.T) {
	f := calibrationFixture(t)
	if err := f.SetCalibrationPolicy(review.CalibrationPolicy{Threshold: 0.8, MinExamples: 5, Required: true}); err != nil {
		t.Fatal(err)
	}
	live := key("L-1", 1)
	before := f.written(live)
	if _, err := f.Queue("rev-1", "", 0); !errors.Is(err, review.ErrCalibrateFirst) {
		t.Errorf("Queue: %v, want review.ErrCalibrateFirst", err)
	}
	if _, err := f.Next("rev-1", ""); !errors.Is(err, review.ErrCalibrateFirst) {
		t.Errorf("Next: %v, want review.ErrCalibrateFirst", err)
	}
	if _, err := f.Claim("rev-1", key("L-1", 1)); !errors.Is(err, review.ErrCalibrateFirst) || err.Error() != "claim: calibrate first: assessor calibrate (on a server: ssh -t -p PORT HOST calibrate); rev-1 has scored no example yet (calibrated at ≥ 80% agreement over ≥ 5 examples)" {
		t.Errorf("Claim: %v, want review.ErrCalibrateFirst", err)
	}
	if _, err := f.Decide("rev-1", key("L-1", 1), allMeets, nil); !errors.Is(err, review.ErrCalibrateFirst) {
		t.Errorf("Decide: %v, want review.ErrCalibrateFirst", err)
	}
	f.unchanged("the gate's refusals", before, live)
	// Leads and the dashboard's anonymous read are exempt.
	if q, err := f.Queue("lead-1", "", 0); err != nil || len(q) != 1 {
		t.Errorf("lead queue: %d items, %v", len(q), err)
	}
	if q, err := f.Queue("", "", 0); err != nil || len(q) != 1 {
		t.Errorf("dashboard queue: %d items, %v", len(q), err)
	}
	// An uncalibrated result keeps the gate shut; a calibrated one opens it.
	calibrate(t, f, "rev-2", func(review.AttemptKey) map[string]string { return oneNotYet })
	if _, err := f.Next("rev-2", ""); !errors.Is(err, review.ErrCalibrateFirst) {
		t.Errorf("rev-2 (73%%) Next: %v, want review.ErrCalibrateFirst", err)
	}
	calibrate(t, f, "rev-1", func(review.AttemptKey) map[string]string { return allMeets })
	as, err := f.Next("rev-1", "")
	if err != nil || as.Attempt.Application != "L-1" {
		t.Fatalf("calibrated rev-1 Next: %+v, %v", as.Attempt.Key(), err)
	}
	// Not required: everyone reviews.
	if err := f.SetCalibrationPolicy(review.CalibrationPolicy{Threshold: 0.8, MinExamples: 5}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Queue("rev-2", "", 0); err != nil {
		t.Errorf("not required: %v", err)
	}
}

// TestCalibrationDecideRefusals: the calibration rules' refusals
// (review.RespondCalibration) reach the caller and store no response. The
// rules are review.TestRespondCalibration; here are the ones whose state
// the store reads from disk (a live attempt, a response given).
func TestCalibrationDecideRefusals(t *testing.T) {
	f := calibrationFixture(t)
	c := f.Calibration()
	responses := func() int {
		t.Helper()
		sc, err := f.CalibrationScores("rev-1")
		if err != nil || len(sc) != 1 {
			t.Fatalf("scores %+v, %v", sc, err)
		}
		return sc[0].Examples
	}
	if _, err := c.Decide("rev-1", key("L-1", 1), allMeets, nil); !errors.Is(err, review.ErrNotPending) {
		t.Errorf("live attempt: %v, want ErrNotPending", err)
	}
	if _, err := c.Decide("", key("E-1", 1), allMeets, nil); !errors.Is(err, ErrNoReviewer) {
		t.Errorf("no reviewer: %v, want ErrNoReviewer", err)
	}
	if n := responses(); n != 0 {
		t.Fatalf("refused responses stored: %d", n)
	}
	if _, err := c.Decide("rev-1", key("E-1", 1), allMeets, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Decide("rev-1", key("E-1", 1), allMeets, nil); !errors.Is(err, review.ErrNotPending) {
		t.Errorf("scoring twice: %v, want ErrNotPending", err)
	}
	if n := responses(); n != 1 {
		t.Errorf("%d responses, want 1", n)
	}
}
