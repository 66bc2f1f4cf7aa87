package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"assessor/review"
	"assessor/rubrics"
	"assessor/store"
)

// qualityStore writes a store for the review-quality end-to-end test:
// credential df (testdata/known), five decided attempts E1..E5 (all meets),
// attempt S1 sampled for a second review (rate 1), lead-1 and rev-1..rev-2.
func qualityStore(t *testing.T, db string) {
	t.Helper()
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rs, err := rubrics.Load("testdata/known")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if _, err := st.AddRubric(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SetSecondReviewRate(1); err != nil {
		t.Fatal(err)
	}
	sub := `{"type":"submission","application":"%s","credential":"df","attempt":1,"submitted_at":"2024-02-0%dT00:00:00Z","parts":[{"title":"Part 1: Overview","text":"Grade 5 science, 24 students."}]}`
	dec := `{"type":"decision","application":"E%d","attempt":1,"reviewer":"rev-0","decided_at":"2024-02-0%dT12:00:00Z","outcome":"pass","levels":{"C1":"meets","C2":"meets"}}`
	var lines []string
	for i := 1; i <= 5; i++ {
		lines = append(lines, fmt.Sprintf(sub, fmt.Sprintf("E%d", i), i), fmt.Sprintf(dec, i, i))
	}
	lines = append(lines, fmt.Sprintf(sub, "S1", 8))
	var recs []review.Record
	for i, l := range lines {
		rec, err := review.ParseLine(i+1, []byte(l))
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
	if _, err := st.Import("quality.jsonl", recs); err != nil {
		t.Fatal(err)
	}
	for _, r := range []review.Reviewer{{ID: "lead-1", Role: review.RoleLead}, {ID: "rev-1"}, {ID: "rev-2"}} {
		if err := st.AddReviewer(r); err != nil {
			t.Fatal(err)
		}
	}
}

// calibrationHeader finds the handle in the review screen's header.
var calibrationHeader = regexp.MustCompile(`([A-Z]{2}-[0-9A-Z]{4}#\d+) · `)

// TestEndToEndCalibration: a lead marks five examples, a reviewer scores
// them in `assessor calibrate` with keys, and `calibration report` shows
// their agreement and that they are calibrated; the examples' decisions of
// record are untouched.
func TestEndToEndCalibration(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "q.db")
	qualityStore(t, db)
	for i := 1; i <= 5; i++ {
		out := runBin(t, bin, "calibration", "add", fmt.Sprintf("E%d#1", i), "--as", "lead-1", "--db", db)
		if !strings.Contains(out, "calibration example") {
			t.Fatalf("calibration add: %s", out)
		}
	}
	// Through a shell that stays a while, so the line calibrate prints on
	// leaving stays on the screen, and says when calibrate has ended (and
	// let go of the store).
	tm := newTerm(t, []string{"NO_COLOR=1"}, "sh", "-c", fmt.Sprintf("%q calibrate --db %q --reviewer rev-1; echo calibrate ended; sleep 60", bin, db))
	if q := tm.waitForText("5 pending"); !strings.Contains(q, "assessor calibration · reviewer rev-1") {
		t.Fatalf("the calibration queue does not say it is one:\n%s", q)
	}
	tm.key("Enter")
	seen := map[string]bool{}
	for i := 0; i < 5; i++ {
		s := tm.waitFor("an example to open", func(s string) bool {
			m := calibrationHeader.FindStringSubmatch(s)
			return m != nil && !seen[m[1]] && strings.Contains(s, "Evidence")
		})
		h := calibrationHeader.FindStringSubmatch(s)[1]
		seen[h] = true
		if strings.Contains(s, "Previous") || strings.Contains(s, "rev-0") {
			t.Errorf("calibration shows the decision of record or previous feedback:\n%s", s)
		}
		tm.key("s")
		tm.waitForText("Scoring " + h)
		tm.press("m", `C1 {2,}meets\b`) // and on to C2
		tm.scoreRestMeets()
		tm.waitForText("Outcome: pass")
		tm.key("c")
		tm.waitForText("Submit your calibration answer (PASS) for " + h)
		tm.key("y")
		// After each example: the reference levels beside the answer.
		r := tm.waitForText("Calibration result · " + h)
		if !strings.Contains(r, "reference") || !strings.Contains(r, "Your agreement so far") {
			t.Errorf("no comparison after example %s:\n%s", h, r)
		}
		tm.key("Enter")
	}
	tm.waitForText("Nothing left for you to take")
	tm.key("q")
	if s := tm.waitForText("calibrate ended"); !strings.Contains(s, "100.0% of 10 criterion levels over 5 examples") || !strings.Contains(s, ": calibrated") {
		t.Errorf("calibrate did not end with the reviewer's agreement:\n%s", s)
	}

	out := runBin(t, bin, "calibration", "report", "--reviewer", "rev-1", "--db", db)
	if !strings.Contains(out, "rev-1") || !strings.Contains(out, "100.0%") || !regexp.MustCompile(`rev-1\s+5\s+100\.0%.*yes`).MatchString(out) {
		t.Errorf("calibration report:\n%s", out)
	}
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if c, _ := st.Counts(); c.Decided != 5 || c.Pending != 1 {
		t.Errorf("calibration changed the counts: %+v", c)
	}
	if d, _, _ := st.Decision(review.AttemptKey{Application: "E1", Attempt: 1}); d.Reviewer != "rev-0" {
		t.Errorf("calibration changed E1's decision: %+v", d)
	}
}

// TestEndToEndAdjudication: two reviewers disagree on a sampled attempt
// (through the store), and a lead resolves it in `assessor adjudicate` by
// taking review 2's C2; the adjudication is the decision of record.
func TestEndToEndAdjudication(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "q.db")
	qualityStore(t, db)
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	k := review.AttemptKey{Application: "S1", Attempt: 1}
	fb := "The artifact does not yet show complete evidence; add a labelled sample and explain it."
	for _, r := range []struct {
		who    string
		levels map[string]string
		fb     map[string]string
	}{
		{"rev-1", map[string]string{"C1": "meets", "C2": "meets"}, nil},
		{"rev-2", map[string]string{"C1": "meets", "C2": "not-yet"}, map[string]string{"C2": fb}},
	} {
		if _, err := st.Claim(r.who, k); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Decide(r.who, k, r.levels, r.fb); err != nil {
			t.Fatal(err)
		}
	}
	a, err := st.Attempt(k)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()

	tm := newTerm(t, []string{"NO_COLOR=1"}, bin, "adjudicate", "--as", "lead-1", "--db", db)
	tm.waitFor("the dispute's row", regexp.MustCompile(regexp.QuoteMeta(a.Handle())+`\s.*PASS\s+RESUBMIT\s+C2\s`).MatchString)
	tm.key("Enter")
	// The evidence shows beside the two reviews.
	if s := tm.waitForText("Adjudicate " + a.Handle()); !strings.Contains(s, "Grade 5 science, 24 students.") {
		t.Errorf("adjudication does not show the evidence:\n%s", s)
	}
	tm.press("j", `▸ C2\s`)
	tm.press("b", `▸ C2\s+\S+\s+not-yet\s+not-yet\b`) // review 2's level, now final
	tm.key("c")
	tm.waitForText("Record RESUBMIT for " + a.Handle())
	tm.key("y")
	tm.waitForText("Recorded RESUBMIT for " + a.Handle())
	tm.waitForText("No disputes waiting")
	tm.key("q")
	tm.waitExit()

	st, err = store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d, ok, err := st.Decision(k)
	if err != nil || !ok {
		t.Fatalf("no decision of record: %v", err)
	}
	if d.Reviewer != "lead-1" || d.Outcome != review.Resubmit || d.Levels["C2"] != "not-yet" || d.Feedback["C2"] != fb {
		t.Errorf("decision of record %+v", d)
	}
	if probs, err := st.Check(); err != nil || len(probs) > 0 {
		t.Errorf("check: %v %q", err, probs)
	}
}
