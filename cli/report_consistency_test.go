package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"assessor/review"
)

// TestReportConsistency: on the known history, first attempts pool to df
// 1 of 2, lt 0 of 1, fp 0 of 1. rev-a passed A1 (df) and not A5 (fp): 1 of
// 2 against an expected (0.5 + 0) / 2 = 0.25, Wilson interval 0.0945 to
// 0.9055, not flagged. Imported decisions have no active time.
func TestReportConsistency(t *testing.T) {
	t.Parallel()
	db := knownStore(t)
	out, err := run(t, "", "report", "--format", "json", "--consistency", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	var rep review.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Consistency == nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	c := rep.Consistency
	if len(c.ByReviewer) != 2 {
		t.Fatalf("by reviewer %+v", c.ByReviewer)
	}
	a := c.ByReviewer[0]
	if a.Reviewer != "rev-a" || a.FirstAttempts != 2 || *a.FirstTimePassRate != 0.5 || *a.Expected != 0.25 || *a.Low != 0.0945 || *a.High != 0.9055 || a.Flagged {
		t.Errorf("rev-a %+v", a)
	}
	if b := c.ByReviewer[1]; b.Reviewer != "rev-b" || *b.FirstTimePassRate != 0 || *b.Expected != 0.25 || *b.High != 0.6576 || b.Flagged {
		t.Errorf("rev-b %+v", b)
	}
	if len(c.Active) != 0 || c.FloorMinutes != 3 {
		t.Errorf("imported decisions have no active time: %+v", c)
	}
	out, err = run(t, "", "report", "--format", "csv", "--consistency", "--db", db)
	if err != nil || !strings.HasPrefix(out, strings.Join(consistencyColumns, ",")+"\nrev-a,,2,1,0.5,0.25,0.0945,0.9055,false\n") {
		t.Errorf("csv: %v\n%s", err, out)
	}
	if _, err := run(t, "", "report", "--format", "csv", "--consistency", "--fairness", "--db", db); err == nil {
		t.Error("csv with both sections")
	}
	if out, err := run(t, "", "config", "consistency", "--floor", "90s", "--db", db); err != nil || out != "floor: 1m30s\n" {
		t.Errorf("config consistency: %v %q", err, out)
	}
	// Out of range, in the words of the other settings.
	if _, err := run(t, "", "config", "consistency", "--floor", "-3m", "--db", db); err == nil ||
		err.Error() != "config consistency: floor -3m0s: setting out of range (want between 0 and 24h)" {
		t.Errorf("config consistency --floor -3m: %v", err)
	}
	if out, err := run(t, "", "report", "--consistency", "--db", db); err != nil || !strings.Contains(out, "REVIEWER CONSISTENCY") || !strings.Contains(out, "UNDER 1.5 MIN") {
		t.Errorf("table: %v\n%s", err, out)
	}
}
