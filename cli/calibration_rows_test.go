package cli

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"assessor/review"
	"assessor/store"
)

// reportRows are the reviewers a `calibration report --format json` lists.
func reportRows(t *testing.T, out string) []string {
	t.Helper()
	var scores []review.CalibrationScore
	if err := json.Unmarshal([]byte(out), &scores); err != nil {
		t.Fatalf("json report: %v\n%s", err, out)
	}
	var ids []string
	for _, s := range scores {
		ids = append(ids, s.Reviewer)
	}
	return ids
}

// TestCalibrationReportRowsOverSSH: through `assessor serve` a lead names
// the reviewer whose row `calibration report --reviewer ID` shows, as
// locally; a reviewer still sees only their own row, and naming someone
// else is refused in one line.
func TestCalibrationReportRowsOverSSH(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := leadStore(t) // lead-1 and rev-x
	leadKey, lead := signerFile(t, dir, "lead.pub")
	revKey, rev := signerFile(t, dir, "rev.pub")
	for _, args := range [][]string{{"lead-1", "--key", leadKey}, {"rev-x", "--key", revKey}} {
		if out, err := run(t, "", append([]string{"reviewers", "add", "--db", db}, args...)...); err != nil {
			t.Fatalf("reviewers add %v: %v %s", args, err, out)
		}
	}
	// Locally, --as names who acts and --reviewer whose row.
	if out, err := run(t, "", "calibration", "report", "--format", "json", "--as", "lead-1", "--reviewer", "rev-x", "--db", db); err != nil || strings.Join(reportRows(t, out), ",") != "rev-x" {
		t.Errorf("local lead naming rev-x: %v %s", err, out)
	}
	if _, err := run(t, "", "calibration", "report", "--as", "rev-x", "--reviewer", "lead-1", "--db", db); err == nil || !strings.Contains(err.Error(), "a reviewer sees only their own row") {
		t.Errorf("local reviewer naming lead-1: %v", err)
	}

	addr, stop := serveStore(t, db, dir)

	for _, tc := range []struct {
		who  string
		line string
		rows string
	}{
		{"lead-1", "calibration report --format json --reviewer rev-x", "rev-x"},
		{"lead-1", "calibration report --format json --reviewer lead-1", "lead-1"},
		{"lead-1", "calibration report --format json", "lead-1,rev-a,rev-b,rev-x"}, // rev-a, rev-b decided the history
		{"rev-x", "calibration report --format json --reviewer rev-x", "rev-x"},
		{"rev-x", "calibration report --format json", "rev-x"},
	} {
		key := lead
		if tc.who == "rev-x" {
			key = rev
		}
		out, errOut, code := sshRun(t, addr, key, "", tc.line)
		if code != 0 {
			t.Errorf("%s: %s: %d %q", tc.who, tc.line, code, errOut)
			continue
		}
		if got := strings.Join(reportRows(t, out), ","); got != tc.rows {
			t.Errorf("%s: %s: rows %s, want %s", tc.who, tc.line, got, tc.rows)
		}
	}
	// The table too: a lead's --reviewer narrows it to that row.
	out, errOut, code := sshRun(t, addr, lead, "", "calibration report --reviewer rev-x")
	if code != 0 || !strings.Contains(out, "\nrev-x ") || strings.Contains(out, "lead-1") {
		t.Errorf("lead's table for rev-x: %d %q %q", code, out, errOut)
	}
	_, errOut, code = sshRun(t, addr, rev, "", "calibration report --reviewer lead-1")
	if want := "assessor: calibration report: a reviewer sees only their own row; leads and admins may name another with --reviewer\n"; code != 1 || errOut != want {
		t.Errorf("reviewer naming lead-1 over ssh: %d %q, want %q", code, errOut, want)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

// TestOperatorReadsEveryonesCalibrationRows: the operator (nobody named:
// no --as, --reviewer or $ASSESSOR_REVIEWER) acts as admin, so calibration
// report lists every reviewer's row, as it does for a lead
// (docs: "Locally, the operator acts as admin").
func TestOperatorReadsEveryonesCalibrationRows(t *testing.T) {
	db := calibratedStore(t)
	t.Setenv(reviewerEnv, "") // nobody named
	out, err := runQuality(t, "calibration", "report", "--format", "json", "--db", db)
	var scores []review.CalibrationScore
	if err != nil || json.Unmarshal([]byte(out), &scores) != nil {
		t.Fatalf("the operator's report: %v\n%s", err, out)
	}
	if !slices.ContainsFunc(scores, func(s review.CalibrationScore) bool { return s.Reviewer == "rev-1" }) {
		t.Errorf("the operator's report lacks rev-1's row:\n%s", out)
	}
}

// calibratedStore is qualityStore with Q1..Q5 examples, rev-1 having
// scored each all meets blind.
func calibratedStore(t *testing.T) string {
	t.Helper()
	db := qualityStore(t)
	for i := 1; i <= 5; i++ {
		if _, err := runQuality(t, "calibration", "add", "Q"+string(rune('0'+i))+"#1", "--as", "lead-1", "--db", db); err != nil {
			t.Fatal(err)
		}
	}
	scoreAllMeets(t, db, "rev-1")
	return db
}

// scoreAllMeets has reviewer score every calibration example left to them
// all meets, blind.
func scoreAllMeets(t *testing.T, db, reviewer string) {
	t.Helper()
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c := st.Calibration()
	for {
		as, err := c.Next(reviewer, "")
		if err != nil {
			break
		}
		if _, err := c.Decide(reviewer, as.Attempt.Key(), map[string]string{"C1": "meets", "C2": "meets"}, nil); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCalibrationReportTable: the table's first line states the policy in
// force, each row gives the per-criterion agreement, a reviewer who scored
// as many examples as the policy asks has no "all there are" note, and an
// unknown --format is refused.
func TestCalibrationReportTable(t *testing.T) {
	t.Parallel()
	db := calibratedStore(t)
	out, err := runQuality(t, "calibration", "report", "--reviewer", "rev-1", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	if first := strings.SplitN(out, "\n", 2)[0]; first != "calibrated at ≥ 80% exact agreement over ≥ 5 examples (not required)" {
		t.Errorf("policy line: %q", first)
	}
	if !strings.Contains(out, "df/C1 100.0%") || !strings.Contains(out, "df/C2 ") {
		t.Errorf("per-criterion agreement missing:\n%s", out)
	}
	if strings.Contains(out, "all there are for them") {
		t.Errorf("note for a reviewer who scored the policy's 5 examples:\n%s", out)
	}
	if _, err := runQuality(t, "config", "calibration", "--required", "--db", db); err != nil {
		t.Fatal(err)
	}
	out, _ = runQuality(t, "calibration", "report", "--reviewer", "rev-1", "--db", db)
	if !strings.HasPrefix(out, "calibrated at ≥ 80% exact agreement over ≥ 5 examples (required for live review)\n") {
		t.Errorf("policy line once required:\n%s", out)
	}
	if _, err := runQuality(t, "calibration", "report", "--format", "csv", "--db", db); err == nil || !strings.Contains(err.Error(), `--format "csv": want table or json`) {
		t.Errorf("--format csv: %v", err)
	}
}
