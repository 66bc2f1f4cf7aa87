package review

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// knownHistory is small enough to work out by hand; the expected figures in
// TestRecomputeKnownAnswers were computed on paper from it.
func knownHistory() (map[string]Rubric, []History) {
	crit := []Criterion{{ID: "C1"}, {ID: "C2"}}
	creds := map[string]Rubric{
		"df": {ID: "df", Title: "Descriptive Feedback", Stack: "Assessment Literacy", Criteria: crit},
		"lt": {ID: "lt", Title: "Learning Targets", Stack: "Assessment Literacy", Criteria: crit},
		"fp": {ID: "fp", Title: "Family Partnerships", Stack: "Culturally Responsive", Criteria: crit},
	}
	dec := func(rev, at string, o Outcome, c1, c2 string) *Decision {
		return &Decision{Reviewer: rev, DecidedAt: day(at), Outcome: o, Levels: map[string]string{"C1": c1, "C2": c2}}
	}
	app := func(id, cred string, as ...AttemptOutcome) History {
		for i := range as {
			as[i].Number = i + 1
		}
		// Each application has its own candidate, as in testdata/known.
		return History{Application: Application{ID: id, Credential: cred}, Stack: creds[cred].Stack, Attempts: as, Candidate: "cand-" + id}
	}
	at := func(sub string, d *Decision) AttemptOutcome {
		return AttemptOutcome{SubmittedAt: day(sub), Decision: d}
	}
	return creds, []History{
		app("A1", "df", at("2024-02-01T00:00:00Z", dec("rev-a", "2024-02-04T00:00:00Z", Pass, "meets", "meets"))),
		app("A2", "df",
			at("2024-02-10T00:00:00Z", dec("rev-b", "2024-02-15T00:00:00Z", Resubmit, "meets", "not-yet")),
			at("2024-03-01T00:00:00Z", dec("rev-a", "2024-03-03T00:00:00Z", Pass, "meets", "meets"))),
		app("A3", "lt",
			at("2024-03-05T00:00:00Z", dec("rev-b", "2024-03-15T12:00:00Z", Resubmit, "not-yet", "not-yet")),
			at("2024-03-20T00:00:00Z", nil)),
		app("A4", "lt", at("2024-03-07T00:00:00Z", nil)),
		app("A5", "fp",
			at("2024-02-20T00:00:00Z", dec("rev-a", "2024-02-21T00:00:00Z", Resubmit, "not-yet", "meets")),
			at("2024-02-25T00:00:00Z", dec("rev-b", "2024-03-01T00:00:00Z", Resubmit, "not-yet", "meets")),
			at("2024-03-02T00:00:00Z", dec("rev-a", "2024-03-06T00:00:00Z", Pass, "meets", "meets"))),
	}
}

func TestRecomputeKnownAnswers(t *testing.T) {
	creds, hs := knownHistory()
	rep := Recompute(creds, hs).Report(creds)
	got, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	const fig = `"applications":%d,"first_attempts_decided":%d,"first_time_passes":%d,"first_time_pass_rate":%s,"passed":%d,"eventual_pass_rate":%s,"mean_attempts_to_pass":%s,"decided_attempts":%d,"pending_attempts":%d,"median_turnaround_days":%s`
	f := func(apps, fd, ftp int, ftr string, passed int, epr, mean string, dec, pend int, med string) string {
		return fmt.Sprintf(fig, apps, fd, ftp, ftr, passed, epr, mean, dec, pend, med)
	}
	want := `{"overall":{` + f(5, 4, 1, "0.25", 3, "0.75", "2", 7, 2, "4") + `},` +
		`"by_credential":[` +
		`{"credential":"df","title":"Descriptive Feedback","stack":"Assessment Literacy",` + f(2, 2, 1, "0.5", 2, "1", "1.5", 3, 0, "3") + `},` +
		`{"credential":"fp","title":"Family Partnerships","stack":"Culturally Responsive",` + f(1, 1, 0, "0", 1, "1", "3", 3, 0, "4") + `},` +
		`{"credential":"lt","title":"Learning Targets","stack":"Assessment Literacy",` + f(2, 1, 0, "0", 0, "0", "null", 1, 2, "10.5") + `}],` +
		// Completed stacks: Culturally Responsive has one credential (fp),
		// which A5's candidate passed; Assessment Literacy needs df and lt,
		// and nobody passed lt.
		`"by_stack":[` +
		`{"stack":"Assessment Literacy",` + f(4, 3, 1, "0.3333", 2, "0.6667", "1.5", 4, 2, "4") + `,"stacks_completed":0},` +
		`{"stack":"Culturally Responsive",` + f(1, 1, 0, "0", 1, "1", "3", 3, 0, "4") + `,"stacks_completed":1}],` +
		`"by_reviewer":[` +
		`{"reviewer":"rev-a","decisions":4,"pass_rate":0.75,"median_turnaround_days":2.5,"agreement":null,"kappa":null},` +
		`{"reviewer":"rev-b","decisions":3,"pass_rate":0,"median_turnaround_days":5,"agreement":null,"kappa":null}],` +
		`"by_month":[` +
		`{"month":"2024-02",` + f(3, 3, 1, "0.3333", 3, "1", "2", 6, 0, "3.5") + `},` +
		`{"month":"2024-03",` + f(2, 1, 0, "0", 0, "0", "null", 1, 2, "10.5") + `}],` +
		`"criteria":[` +
		`{"credential":"df","criterion":"C1","scored":3,"not_yet":0,"not_yet_rate":0},` +
		`{"credential":"df","criterion":"C2","scored":3,"not_yet":1,"not_yet_rate":0.3333},` +
		`{"credential":"fp","criterion":"C1","scored":3,"not_yet":2,"not_yet_rate":0.6667},` +
		`{"credential":"fp","criterion":"C2","scored":3,"not_yet":0,"not_yet_rate":0},` +
		`{"credential":"lt","criterion":"C1","scored":1,"not_yet":1,"not_yet_rate":1},` +
		`{"credential":"lt","criterion":"C2","scored":1,"not_yet":1,"not_yet_rate":1}]}`
	if string(got) != want {
		t.Fatalf("report JSON\n got: %s\nwant: %s", got, want)
	}
}

func TestFiguresNullWhenNothingDecided(t *testing.T) {
	var tl Tally
	tl.Opened()
	tl.Submitted()
	f := tl.Figures(nil)
	if f.FirstTimePassRate != nil || f.EventualPassRate != nil || f.MeanAttemptsToPass != nil || f.MedianTurnaroundDays != nil {
		t.Fatalf("want nulls, got %+v", f)
	}
	b, _ := json.Marshal(f)
	if want := `"first_time_pass_rate":null`; !strings.Contains(string(b), want) {
		t.Fatalf("%s lacks %s", b, want)
	}
}

func TestTallyTakeBack(t *testing.T) {
	var a, b Tally
	a.Opened()
	a.Submitted()
	b = a
	a.Decided(1, Resubmit, 1)
	a.Decided(1, Resubmit, -1)
	if a != b {
		t.Fatalf("decide then take back: %+v, want %+v", a, b)
	}
}
