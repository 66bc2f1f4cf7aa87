package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"assessor/review"
)

// TestReportFairness: --fairness adds the section to JSON and the table,
// replaces the CSV rows, and follows config fairness; the known history's
// five candidates (all Hilo, HI) are one group, suppressed at k = 10.
func TestReportFairness(t *testing.T) {
	t.Parallel()
	db := knownStore(t)
	out, err := run(t, "", "report", "--format", "json", "--db", db)
	if err != nil || strings.Contains(out, "fairness") {
		t.Fatalf("report without --fairness: %v\n%s", err, out)
	}
	var rep review.Report
	out, err = run(t, "", "report", "--format", "json", "--fairness", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Fairness == nil || rep.Fairness.MinGroup != 10 {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if len(rep.Fairness.Rows) != 2 || !rep.Fairness.Rows[0].Suppressed || rep.Fairness.Rows[0].Applications != nil {
		t.Errorf("rows at k=10 %+v", rep.Fairness.Rows)
	}
	if out, err := run(t, "", "config", "fairness", "--min-group", "2", "--db", db); err != nil || out != "min-group: 2\n" {
		t.Fatalf("config fairness: %v %q", err, out)
	}
	out, err = run(t, "", "report", "--format", "csv", "--fairness", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || lines[0] != strings.Join(fairnessColumns, ",") || !strings.HasPrefix(lines[1], "state,,HI,false,,5,") {
		t.Errorf("csv:\n%s", out)
	}
	out, err = run(t, "", "report", "--fairness", "--db", db)
	if err != nil || !strings.Contains(out, "FAIRNESS (groups under 2 applications suppressed") || !strings.Contains(out, "Hilo (HI)") {
		t.Errorf("table: %v\n%s", err, out)
	}
}
