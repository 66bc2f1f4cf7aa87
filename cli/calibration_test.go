package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/rubrics"
	"assessor/store"
)

// qualityRoot holds the review-quality commands, bound as New binds them,
// so these tests do not depend on root.go.
func qualityRoot() *cobra.Command {
	return bareRoot("nobody", func(g *globals) []*cobra.Command {
		return []*cobra.Command{calibrationCmd(g), calibrateCmd(g), adjudicateCmd(g), configCmd(g)}
	})
}

// runQuality runs the review-quality commands with args.
func runQuality(t *testing.T, args ...string) (string, error) {
	t.Helper()
	return execute(qualityRoot(), "", args...)
}

// qualityStore holds credential df (testdata/known) with five decided
// attempts Q1..Q5 (all meets), lead-1 and rev-1.
func qualityStore(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "q.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rs, err := rubrics.Load("../testdata/known")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if _, err := st.AddRubric(r); err != nil {
			t.Fatal(err)
		}
	}
	var recs []review.Record
	for i := 1; i <= 5; i++ {
		for _, l := range []string{
			fmt.Sprintf(`{"type":"submission","application":"Q%d","credential":"df","attempt":1,"submitted_at":"2024-02-0%dT00:00:00Z","parts":[{"title":"Part 1: Overview","text":"Grade 5."}]}`, i, i),
			fmt.Sprintf(`{"type":"decision","application":"Q%d","attempt":1,"reviewer":"rev-0","decided_at":"2024-02-0%dT12:00:00Z","outcome":"pass","levels":{"C1":"meets","C2":"meets"}}`, i, i),
		} {
			rec, err := review.ParseLine(len(recs)+1, []byte(l))
			if err != nil {
				t.Fatal(err)
			}
			recs = append(recs, rec)
		}
	}
	if _, err := st.Import("q.jsonl", recs); err != nil {
		t.Fatal(err)
	}
	for _, r := range []review.Reviewer{{ID: "lead-1", Role: review.RoleLead}, {ID: "rev-1"}} {
		if err := st.AddReviewer(r); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// TestCalibrationCommands: a lead adds and lists examples (a reviewer may
// not add); a reviewer's blind responses show in the report with their
// agreement; a stricter config calibration threshold un-calibrates them
// (and one over 1 is refused); a lead removes an example.
func TestCalibrationCommands(t *testing.T) {
	t.Parallel()
	db := qualityStore(t)
	for i := 1; i <= 5; i++ {
		args := []string{"calibration", "add", fmt.Sprintf("Q%d#1", i), "--as", "lead-1", "--db", db}
		if i == 5 {
			args = append(args, "--level", "C2=not-yet")
		}
		out, err := runQuality(t, args...)
		if err != nil || !strings.Contains(out, "calibration example") {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	if _, err := runQuality(t, "calibration", "add", "Q1", "--as", "rev-1", "--db", db); err == nil || !strings.Contains(err.Error(), "lead") {
		t.Errorf("reviewer adds an example: %v", err)
	}
	// The list prints the answers: leads only.
	if _, err := runQuality(t, "calibration", "list", "--as", "rev-1", "--db", db); err == nil || !strings.Contains(err.Error(), "rev-1 has role reviewer and lead tools need role lead or admin") {
		t.Errorf("reviewer lists the examples: %v", err)
	}
	out, err := runQuality(t, "calibration", "list", "--as", "lead-1", "--db", db)
	if err != nil || strings.Count(out, "\n") != 6 || !strings.Contains(out, "not-yet") || !strings.Contains(out, "REFERENCE LEVELS") {
		t.Errorf("list: %v\n%s", err, out)
	}
	// rev-1 scores all meets blind: 9 of 10 levels agree (90%).
	scoreAllMeets(t, db, "rev-1")
	out, err = runQuality(t, "calibration", "report", "--reviewer", "rev-1", "--db", db)
	if err != nil || !strings.Contains(out, "rev-1") || !strings.Contains(out, "90.0%") || !strings.Contains(out, "yes") || strings.Contains(out, "lead-1") {
		t.Errorf("report: %v\n%s", err, out)
	}
	out, err = runQuality(t, "calibration", "report", "--format", "json", "--as", "lead-1", "--db", db)
	var scores []review.CalibrationScore
	if err != nil || json.Unmarshal([]byte(out), &scores) != nil || len(scores) < 2 {
		t.Fatalf("json report: %v\n%s", err, out)
	}
	// A reviewer reads their own row only.
	out, err = runQuality(t, "calibration", "report", "--format", "json", "--as", "rev-1", "--db", db)
	if err != nil || json.Unmarshal([]byte(out), &scores) != nil || len(scores) != 1 || scores[0].Reviewer != "rev-1" {
		t.Fatalf("a reviewer's json report: %v\n%s", err, out)
	}
	// A stricter threshold un-calibrates rev-1.
	if out, err := runQuality(t, "config", "calibration", "--threshold", "0.95", "--required", "--db", db); err != nil || !strings.Contains(out, "threshold 0.95") || !strings.Contains(out, "required true") {
		t.Errorf("config calibration: %v\n%s", err, out)
	}
	out, _ = runQuality(t, "calibration", "report", "--reviewer", "rev-1", "--format", "json", "--db", db)
	if err := json.Unmarshal([]byte(out), &scores); err != nil || len(scores) != 1 || scores[0].Calibrated {
		t.Errorf("report after raising the threshold: %v\n%s", err, out)
	}
	if _, err := runQuality(t, "config", "calibration", "--threshold", "2", "--db", db); err == nil {
		t.Error("threshold 2 accepted")
	}
	if out, err := runQuality(t, "calibration", "remove", "Q5#1", "--as", "lead-1", "--db", db); err != nil || !strings.Contains(out, "no longer") {
		t.Errorf("remove: %v\n%s", err, out)
	}
}

// TestConfigSecondReview: the rate is set and shown, and a negative rate
// is refused.
func TestConfigSecondReview(t *testing.T) {
	t.Parallel()
	db := qualityStore(t)
	out, err := runQuality(t, "config", "second-review", "--rate", "0.1", "--db", db)
	if err != nil || !strings.Contains(out, "rate 0.1") {
		t.Errorf("set: %v\n%s", err, out)
	}
	if _, err := runQuality(t, "config", "second-review", "--rate", "-1", "--db", db); err == nil {
		t.Error("negative rate accepted")
	}
	if out, err := runQuality(t, "config", "second-review", "--db", db); err != nil || !strings.Contains(out, "rate 0.1") {
		t.Errorf("show: %v\n%s", err, out)
	}
}

// TestCalibrationAddUndecided: making a pending attempt an example says it
// is undecided, not that there is nothing "to amend".
func TestCalibrationAddUndecided(t *testing.T) {
	t.Parallel()
	db := qualityStore(t)
	st := openTestStore(t, db)
	rec, err := review.ParseLine(1, []byte(`{"type":"submission","application":"P1","credential":"df","attempt":1,"submitted_at":"2024-03-01T00:00:00Z","parts":[{"title":"Part 1: Overview","text":"Grade 5."}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import("p.jsonl", []review.Record{rec}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	_, err = runQuality(t, "calibration", "add", "P1", "--as", "lead-1", "--db", db)
	if err == nil || !strings.Contains(err.Error(), "has no decision yet: only decided attempts can be calibration examples") || strings.Contains(err.Error(), "amend") {
		t.Errorf("calibration add on a pending attempt: %v", err)
	}
}

// TestConfigCalibrationChangesOnlyWhatIsNamed: each flag sets its own
// setting and leaves the others as stored (the help's defaults are not
// applied on their own).
func TestConfigCalibrationChangesOnlyWhatIsNamed(t *testing.T) {
	t.Parallel()
	db := qualityStore(t)
	steps := []struct {
		args []string
		want string
	}{
		{[]string{"--threshold", "0.9"}, "calibration: threshold 0.9, min examples 5, required false\n"},
		{[]string{"--required"}, "calibration: threshold 0.9, min examples 5, required true\n"},
		{[]string{"--min-examples", "3"}, "calibration: threshold 0.9, min examples 3, required true\n"},
		{[]string{"--threshold", "0.7"}, "calibration: threshold 0.7, min examples 3, required true\n"},
		{nil, "calibration: threshold 0.7, min examples 3, required true\n"},
	}
	for _, s := range steps {
		out, err := runQuality(t, append([]string{"config", "calibration", "--db", db}, s.args...)...)
		if err != nil || out != s.want {
			t.Errorf("config calibration %v: %v %q, want %q", s.args, err, out, s.want)
		}
	}
	st := openTestStore(t, db)
	defer st.Close()
	if p, err := st.CalibrationPolicy(); err != nil || p.Threshold != 0.7 || p.MinExamples != 3 || !p.Required {
		t.Errorf("stored policy %+v %v", p, err)
	}
}
