package store

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"assessor/review"
	"assessor/rubrics"
)

// Set moves the fake clock to t.
func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// emptyFixture is newFixture without the test rubrics, so a report lists
// only the credentials a test adds.
func emptyFixture(t testing.TB, rs ...review.Rubric) *fixture {
	t.Helper()
	f := &fixture{t: t, clock: &fakeClock{t: t0}, path: filepath.Join(t.TempDir(), "assessor.db")}
	f.reopen()
	for _, r := range rs {
		if _, err := f.AddRubric(r); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// knownFixture is a store holding the rubrics of testdata/known, and the
// records of its history.jsonl.
func knownFixture(t *testing.T) (*fixture, []review.Record) {
	t.Helper()
	rs, err := rubrics.Load("../testdata/known")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../testdata/known/history.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var recs []review.Record
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		rec, err := review.ParseLine(n, sc.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
	return emptyFixture(t, rs...), recs
}

// reportJSON is the report as `assessor report --format json` writes it.
func reportJSON(t testing.TB, rep review.Report) []byte {
	t.Helper()
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// mustReport returns the store's report over [since, until).
func (f *fixture) mustReport(since, until time.Time) review.Report {
	f.t.Helper()
	rep, err := f.Report(since, until)
	if err != nil {
		f.t.Fatal(err)
	}
	return rep
}

// mustCheck fails the test on any problem Check finds.
func (f *fixture) mustCheck() {
	f.t.Helper()
	problems, err := f.Check()
	if err != nil {
		f.t.Fatal(err)
	}
	for _, p := range problems {
		f.t.Errorf("check: %s", p)
	}
}

// TestReportKnownAnswer compares the report of the hand-worked history with
// testdata/known/report.json byte for byte, whether its decisions were
// imported or made through Claim and Decide.
func TestReportKnownAnswer(t *testing.T) {
	want, err := os.ReadFile("../testdata/known/report.json")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("import", func(t *testing.T) {
		f, recs := knownFixture(t)
		if _, err := f.Import("history.jsonl", recs); err != nil {
			t.Fatal(err)
		}
		if got := reportJSON(t, f.mustReport(time.Time{}, time.Time{})); !bytes.Equal(got, want) {
			t.Errorf("report\n%s\nwant\n%s", got, want)
		}
		// Re-importing stores nothing, so it counts nothing.
		if st, err := f.Import("history.jsonl", recs); err != nil || st.Unchanged != len(recs) {
			t.Fatalf("re-import: %+v, %v", st, err)
		}
		if got := reportJSON(t, f.mustReport(time.Time{}, time.Time{})); !bytes.Equal(got, want) {
			t.Errorf("report after re-import\n%s", got)
		}
		f.mustCheck()
	})
	t.Run("decide", func(t *testing.T) {
		f, recs := knownFixture(t)
		// In the order it happened: the store's clock does not go back.
		slices.SortStableFunc(recs, func(a, b review.Record) int { return recordTime(a).Compare(recordTime(b)) })
		for _, rec := range recs {
			if rec.Submission != nil {
				if _, err := f.Import("history.jsonl", []review.Record{rec}); err != nil {
					t.Fatal(err)
				}
				continue
			}
			d := rec.Decision
			k := review.AttemptKey{Application: d.Application, Attempt: d.Attempt}
			f.clock.Set(d.DecidedAt)
			if _, err := f.Claim(d.Reviewer, k); err != nil {
				t.Fatal(err)
			}
			if _, err := f.Decide(d.Reviewer, k, d.Levels, d.Feedback); err != nil {
				t.Fatal(err)
			}
		}
		if got := reportJSON(t, f.mustReport(time.Time{}, time.Time{})); !bytes.Equal(got, want) {
			t.Errorf("report\n%s\nwant\n%s", got, want)
		}
		f.mustCheck()
	})
}

// recordTime is when rec happened: a submission's submitted_at, a
// decision's decided_at.
func recordTime(rec review.Record) time.Time {
	if rec.Submission != nil {
		return rec.Submission.SubmittedAt
	}
	return rec.Decision.DecidedAt
}

// TestReportWindow filters the known history by attempt 1's submitted_at:
// since is inclusive, until exclusive, a zero bound open.
func TestReportWindow(t *testing.T) {
	f, recs := knownFixture(t)
	if _, err := f.Import("history.jsonl", recs); err != nil {
		t.Fatal(err)
	}
	feb := time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)
	mar := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name         string
		since, until time.Time
		apps         int64
		months       []string
	}{
		{"february", feb, mar, 3, []string{"2024-02"}},
		{"from march", mar, time.Time{}, 2, []string{"2024-03"}},
		{"until march", time.Time{}, mar, 3, []string{"2024-02"}},
		{"A1 exactly", feb, feb.Add(time.Nanosecond), 1, []string{"2024-02"}},
		{"until is exclusive", time.Time{}, feb, 0, nil},
		{"before 1970", time.Unix(-100, 0), time.Unix(-1, 0), 0, nil},
		{"everything", time.Unix(0, 0), time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC), 5, []string{"2024-02", "2024-03"}},
	}
	for _, tt := range tests {
		rep := f.mustReport(tt.since, tt.until)
		var months []string
		for _, m := range rep.ByMonth {
			months = append(months, m.Month)
		}
		if rep.Overall.Applications != tt.apps || len(months) != len(tt.months) || (len(months) > 0 && months[0] != tt.months[0]) {
			t.Errorf("%s: %d applications in months %v, want %d in %v", tt.name, rep.Overall.Applications, months, tt.apps, tt.months)
		}
		if len(rep.ByCredential) != 3 {
			t.Errorf("%s: %d credential rows, want every credential", tt.name, len(rep.ByCredential))
		}
	}
	// The window over everything is the unfiltered report, recomputed.
	all := reportJSON(t, f.mustReport(time.Unix(0, 0), time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)))
	if want := reportJSON(t, f.mustReport(time.Time{}, time.Time{})); !bytes.Equal(all, want) {
		t.Errorf("window over everything\n%s\nwant\n%s", all, want)
	}
}

// TestRubricVersionMovesStack: a new rubric version that moves a credential
// to another stack leaves earlier applications where they started, and the
// from-scratch check agrees with the running tallies.
func TestRubricVersionMovesStack(t *testing.T) {
	f := newFixture(t)
	f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	v2 := testRubric("descriptive-feedback", 2, 3)
	v2.Stack = "Feedback Practice"
	if _, err := f.AddRubric(v2); err != nil {
		t.Fatal(err)
	}
	f.mustImport(submission("A-2", "descriptive-feedback", 1, "2024-02-02T10:00:00Z"))
	f.mustCheck()
	for _, rep := range []review.Report{f.mustReport(time.Time{}, time.Time{}), f.mustReport(time.Unix(0, 0), time.Now())} {
		got := map[string]int64{}
		for _, s := range rep.ByStack {
			got[s.Stack] = s.Applications
		}
		if got["Assessment Literacy"] != 1 || got["Feedback Practice"] != 1 {
			t.Fatalf("applications by stack %v, want one in each", got)
		}
	}
}
