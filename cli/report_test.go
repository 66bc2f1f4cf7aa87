package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// knownStore is a store holding the known rubrics and history of
// testdata/known.
func knownStore(t *testing.T) string {
	t.Helper()
	db := storeWithKnownRubrics(t)
	if out, err := run(t, "", "import", "../testdata/known/history.jsonl", "--db", db); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	return db
}

// TestReportKnownAnswers compares the report of a hand-made history with
// figures worked out by hand (testdata/known/report.json and report.csv).
func TestReportKnownAnswers(t *testing.T) {
	t.Parallel()
	db := knownStore(t)
	for _, tt := range []struct{ format, file string }{{"json", "report.json"}, {"csv", "report.csv"}} {
		want, err := os.ReadFile("../testdata/known/" + tt.file)
		if err != nil {
			t.Fatal(err)
		}
		got, err := run(t, "", "report", "--format", tt.format, "--db", db)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("report --format %s\n got:\n%s\nwant:\n%s", tt.format, got, want)
		}
	}
}

// TestReportSinceUntil: --since and --until (inclusive) keep the
// applications whose attempt 1 falls in the range; a bad date is refused.
func TestReportSinceUntil(t *testing.T) {
	t.Parallel()
	db := knownStore(t)
	// Attempt 1 of A1, A2 and A5 was submitted in February; --until is inclusive.
	out, err := run(t, "", "report", "--format", "json", "--since", "2024-02-01", "--until", "2024-02-29", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Overall struct {
			Applications int64 `json:"applications"`
		} `json:"overall"`
		ByMonth []struct {
			Month string `json:"month"`
		} `json:"by_month"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Overall.Applications != 3 || len(rep.ByMonth) != 1 || rep.ByMonth[0].Month != "2024-02" {
		t.Fatalf("February only: %+v", rep)
	}
	if _, err := run(t, "", "report", "--since", "Feb 1", "--db", db); err == nil || !strings.Contains(err.Error(), `--since "Feb 1": want a date such as 2024-02-01 or a time such as 2024-02-01T10:00:00Z (UTC)`) {
		t.Fatalf("bad date: %v", err)
	}
	// Go's parser would read this offset of 23:60 as a day back, in January.
	if _, err := run(t, "", "report", "--since", "2024-02-01T00:30:00+23:60", "--db", db); err == nil || !strings.Contains(err.Error(), `--since "2024-02-01T00:30:00+23:60": want a date`) {
		t.Fatalf("an offset past 23:59: %v", err)
	}
	// A reversed range is a mistake, not an empty report.
	if _, err := run(t, "", "report", "--since", "2024-02-29", "--until", "2024-02-01", "--db", db); err == nil ||
		err.Error() != "--since 2024-02-29 is after --until 2024-02-01: swap them" {
		t.Fatalf("reversed range: %v", err)
	}
	// One day is a range: --until is inclusive; so is the rest of a day,
	// --since a time on the --until day.
	for _, since := range []string{"2024-02-01", "2024-02-01T06:00:00Z"} {
		if _, err := run(t, "", "report", "--since", since, "--until", "2024-02-01", "--db", db); err != nil {
			t.Fatalf("--since %s --until 2024-02-01: %v", since, err)
		}
	}
	if _, err := run(t, "", "report", "--since", "2024-02-10T00:00:01Z", "--until", "2024-02-10T00:00:00Z", "--db", db); err == nil ||
		!strings.Contains(err.Error(), "swap them") {
		t.Fatalf("reversed times: %v", err)
	}
	// A time is a bound to the instant, itself counted, not a day: A2's
	// attempt 1 was submitted 2024-02-10T00:00:00Z, after A1's.
	for until, want := range map[string]int64{"2024-02-09T12:00:00Z": 1, "2024-02-10T00:00:00Z": 2, "2024-02-10T09:00:00+09:00": 2} {
		out, err := run(t, "", "report", "--format", "json", "--until", until, "--db", db)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Overall.Applications != want {
			t.Errorf("--until %s: %d applications, want %d (%v)", until, rep.Overall.Applications, want, err)
		}
	}
}

// TestReportTableAndCheck: the table format prints, and check finds the
// store consistent.
func TestReportTableAndCheck(t *testing.T) {
	t.Parallel()
	db := knownStore(t)
	out, err := run(t, "", "report", "--db", db)
	if err != nil || !strings.Contains(out, "first-time pass rate 25.0% (1 of 4)") || !strings.Contains(out, "rev-a") {
		t.Fatalf("table: %v\n%s", err, out)
	}
	// Each table is as wide as what it holds: keys padded to the longest
	// in their own table ("CREDENTIAL", "Culturally Responsive", "MONTH",
	// "REVIEWER", "CRITERION"), no column widened by a line
	// that is not a row, no trailing blanks; counts agree with their words.
	for _, want := range []string{
		"\n  CREDENTIAL  apps  first decided",
		"\n  STACK                  apps  first decided",
		"\n  MONTH    apps  first decided",
		"\n  REVIEWER  decisions  pass rate",
		"\n  Culturally Responsive  1 candidate completed the stack\n",
		"\n  Assessment Literacy    0 candidates completed the stack\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	for i, line := range strings.Split(out, "\n") {
		if strings.TrimRight(line, " ") != line {
			t.Errorf("table line %d ends in blanks: %q", i+1, line)
		}
	}
	out, err = run(t, "", "check", "--db", db)
	if err != nil || !strings.Contains(out, "ok (5 applications, 9 attempts: 7 decided, 2 pending)") {
		t.Fatalf("check: %v\n%s", err, out)
	}
}

// TestReportTableMeanAttemptsRoundedOnce: 152 attempts over 101 passes
// are 1.50495… attempts to pass, 1.505 in the JSON; the table shows two
// decimals rounded once from the counts, 1.50, not 1.505 rounded again.
func TestReportTableMeanAttemptsRoundedOnce(t *testing.T) {
	db := storeWithKnownRubrics(t)
	var lines []string
	at := func(i, h int) string {
		return time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i+h) * time.Hour).Format(time.RFC3339)
	}
	sub := func(app string, n, i int) string {
		return fmt.Sprintf(`{"type":"submission","application":%q,"credential":"df","attempt":%d,"submitted_at":%q,"parts":[{"title":"Part 1: Overview","text":"Grade 5."}],"candidate":{"name":"Cand","email":"%s@example.org"}}`, app, n, at(i, 48*(n-1)), app)
	}
	dec := func(app string, n, i int, pass bool) string {
		if pass {
			return fmt.Sprintf(`{"type":"decision","application":%q,"attempt":%d,"reviewer":"rev-a","decided_at":%q,"outcome":"pass","levels":{"C1":"meets","C2":"meets"}}`, app, n, at(i, 48*(n-1)+24))
		}
		return fmt.Sprintf(`{"type":"decision","application":%q,"attempt":%d,"reviewer":"rev-a","decided_at":%q,"outcome":"resubmit","levels":{"C1":"meets","C2":"not-yet"},"feedback":{"C2":"Show the revisions your students made after feedback."}}`, app, n, at(i, 24))
	}
	for i := 0; i < 101; i++ {
		app := fmt.Sprintf("M%03d", i)
		if i < 50 {
			lines = append(lines, sub(app, 1, i), dec(app, 1, i, true))
		} else {
			lines = append(lines, sub(app, 1, i), dec(app, 1, i, false), sub(app, 2, i), dec(app, 2, i, true))
		}
	}
	in := writeFile(t, t.TempDir(), "m.jsonl", strings.Join(lines, "\n")+"\n")
	if out, err := run(t, "", "import", in, "--db", db, "--no-files"); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	out, err := run(t, "", "report", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	if head, _, _ := strings.Cut(out, "\n"); !strings.HasSuffix(head, "mean attempts to pass 1.50") {
		t.Errorf("headline %q, want it to end \"mean attempts to pass 1.50\"", head)
	}
}

// TestReportTableAgreementRoundedOnce: rev-a agrees with the decision of
// record on 6 of 11 double-reviewed attempts: 54.545…%, 0.5455 in the
// JSON. The report table's agreement column shows one decimal of a
// percent rounded once from the counts, as its other rates are: 54.5%,
// not 0.5455 rounded again to 54.6%.
func TestReportTableAgreementRoundedOnce(t *testing.T) {
	db := storeWithKnownRubrics(t)
	var lines []string
	for i := 0; i < 11; i++ {
		lines = append(lines, fmt.Sprintf(`{"type":"submission","application":"G%02d","credential":"df","attempt":1,"submitted_at":"2024-03-%02dT10:00:00Z","parts":[{"title":"Part 1: Overview","text":"Grade 5."}],"candidate":{"name":"Cand","email":"g%02d@example.org"}}`, i, i+1, i))
	}
	st := openTestStore(t, db)
	if err := st.SetSecondReviewRate(1); err != nil {
		t.Fatal(err)
	}
	st.Close()
	in := writeFile(t, t.TempDir(), "g.jsonl", strings.Join(lines, "\n")+"\n")
	if out, err := run(t, "", "import", in, "--db", db, "--no-files"); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	st = openTestStore(t, db)
	for _, r := range []review.Reviewer{{ID: "rev-a"}, {ID: "rev-b"}, {ID: "lead-1", Role: review.RoleLead}} {
		if err := st.AddReviewer(r); err != nil {
			t.Fatal(err)
		}
	}
	meets := map[string]string{"C1": "meets", "C2": "meets"}
	notYet := map[string]string{"C1": "meets", "C2": "not-yet"}
	fb := map[string]string{"C2": "Show the revisions your students made after feedback."}
	decide := func(who string, k review.AttemptKey, levels, feedback map[string]string) {
		if _, err := st.Claim(who, k); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Decide(who, k, levels, feedback); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 11; i++ {
		k := review.AttemptKey{Application: fmt.Sprintf("G%02d", i), Attempt: 1}
		decide("rev-a", k, meets, nil)
		if i < 6 {
			decide("rev-b", k, meets, nil)
			continue
		}
		decide("rev-b", k, notYet, fb)
		if _, err := st.Adjudicate("lead-1", k, notYet, fb); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	js, err := run(t, "", "report", "--format", "json", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	var rep review.Report
	if err := json.Unmarshal([]byte(js), &rep); err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.ByReviewer {
		if r.Reviewer == "rev-a" && (r.Agreement == nil || *r.Agreement != 0.5455) {
			t.Errorf("rev-a's agreement in the JSON: %v, want 0.5455", r.Agreement)
		}
	}
	out, err := run(t, "", "report", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) > 0 && f[0] == "rev-a" {
			if !strings.Contains(l, "54.5%") {
				t.Errorf("rev-a agrees on 6 of 11 (54.545…%%): %q, want 54.5%%", l)
			}
			return
		}
	}
	t.Fatalf("no rev-a row:\n%s", out)
}
