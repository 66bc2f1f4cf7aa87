package demo

import (
	"bytes"
	"reflect"
	"strconv"
	"testing"
	"time"

	"assessor/review"
)

func TestDeterministic(t *testing.T) {
	a := jsonl(t, gen(t, 7, 200))
	b := jsonl(t, gen(t, 7, 200))
	if !bytes.Equal(a, b) {
		t.Fatal("same seed gave different JSONL")
	}
	if c := jsonl(t, gen(t, 8, 200)); bytes.Equal(a, c) {
		t.Fatal("different seeds gave identical JSONL")
	}
}

func TestDefaults(t *testing.T) {
	recs := Records(testRubrics(), Options{Seed: 1, Now: testNow})
	ids, apps := byApp(recs)
	if len(ids) != DefaultApplications {
		t.Errorf("got %d applications, want %d", len(ids), DefaultApplications)
	}
	revs := map[string]bool{}
	for _, id := range ids {
		for _, d := range apps[id].decs {
			revs[d.Reviewer] = true
		}
	}
	for _, id := range Reviewers(DefaultReviewers) {
		if !revs[id] {
			t.Errorf("reviewer %s decided nothing", id)
		}
	}
	if len(revs) != DefaultReviewers {
		t.Errorf("%d reviewers decided, want %d", len(revs), DefaultReviewers)
	}
	if got := Records(nil, Options{Now: testNow}); got != nil {
		t.Errorf("no rubrics: got %d records", len(got))
	}
	if got := Records(testRubrics(), Options{Now: testNow, Applications: -1}); got != nil {
		t.Errorf("negative applications: got %d records", len(got))
	}
	defer func() {
		if recover() == nil {
			t.Error("zero Now did not panic")
		}
	}()
	Records(testRubrics(), Options{})
}

func TestReviewers(t *testing.T) {
	got := Reviewers(12)
	if got[0] != "rev-01" || got[11] != "rev-12" || len(got) != 12 {
		t.Errorf("Reviewers(12) = %v", got)
	}
	if got := Reviewers(100)[99]; got != "rev-100" {
		t.Errorf("Reviewers(100)[99] = %q", got)
	}
	for _, id := range Reviewers(120) {
		if !review.ValidID(id) {
			t.Errorf("invalid id %q", id)
		}
	}
}

// TestRoundTrip encodes every record and parses it back with the importer's
// parser: the generated history survives JSONL unchanged.
func TestRoundTrip(t *testing.T) {
	for _, recs := range [][]review.Record{gen(t, 1, DefaultApplications), gen(t, 2, 500)} {
		for _, want := range recs {
			line, err := want.MarshalJSONL()
			if err != nil {
				t.Fatalf("line %d: %v", want.Line, err)
			}
			got, err := review.ParseLine(want.Line, line)
			if err != nil {
				t.Fatalf("line %d: %v\n%s", want.Line, err, line)
			}
			if !reflect.DeepEqual(got.Canonical(), want.Canonical()) {
				t.Fatalf("line %d does not round-trip\n got: %+v\nwant: %+v", want.Line, got, want)
			}
		}
	}
}

// TestStrictImport replays the records through the rules a strict importer
// applies: line numbers, sequence and window (rule 4), one decision per
// attempt after its submission, rules 1 and 2 via review.Validate, the
// candidate on attempt 1 and only repeated unchanged, part titles equal to
// the rubric's, and nothing after Now.
func TestStrictImport(t *testing.T) {
	for _, tc := range []struct {
		seed int64
		apps int
	}{{1, DefaultApplications}, {2, DefaultApplications}, {3, 2000}, {4, 5}} {
		checkImport(t, testRubrics(), Records(testRubrics(), Options{Seed: tc.seed, Applications: tc.apps, Now: testNow}), testNow)
	}
}

func checkImport(t *testing.T, rubrics []review.Rubric, recs []review.Record, now time.Time) {
	t.Helper()
	rs := rubricByID(rubrics)
	reviewers := map[string]bool{}
	for _, id := range Reviewers(DefaultReviewers) {
		reviewers[id] = true
	}
	type state struct {
		app       review.Application
		cand      *review.Candidate
		submitted map[int]time.Time
		decided   map[int]bool
	}
	apps := map[string]*state{}
	var order []string
	for i, r := range recs {
		if r.Line != i+1 {
			t.Fatalf("record %d has Line %d", i, r.Line)
		}
		if (r.Submission == nil) == (r.Decision == nil) {
			t.Fatalf("line %d: want exactly one of submission and decision", r.Line)
		}
		if s := r.Submission; s != nil {
			if !review.ValidID(s.Application) || !review.ValidID(s.Credential) {
				t.Fatalf("line %d: bad id %q / %q", r.Line, s.Application, s.Credential)
			}
			rub, ok := rs[s.Credential]
			if !ok {
				t.Fatalf("line %d: unknown credential %q", r.Line, s.Credential)
			}
			for _, tm := range []time.Time{s.StartedAt, s.SubmittedAt} {
				if tm.Location() != time.UTC || tm.Nanosecond() != 0 || tm.After(now) {
					t.Fatalf("line %d: time %v not whole-second UTC at or before now", r.Line, tm)
				}
			}
			st := apps[s.Application]
			if s.Attempt == 1 {
				if st != nil {
					t.Fatalf("line %d: application %s started twice", r.Line, s.Application)
				}
				if s.Candidate == nil || s.Candidate.Name == "" || s.Candidate.Email == "" {
					t.Fatalf("line %d: attempt 1 without a full candidate", r.Line)
				}
				st = &state{app: review.Application{ID: s.Application, Credential: s.Credential, StartedAt: s.StartedAt},
					cand: s.Candidate, submitted: map[int]time.Time{}, decided: map[int]bool{}}
				apps[s.Application] = st
				order = append(order, s.Application)
			} else {
				if st == nil {
					t.Fatalf("line %d: attempt %d of unknown application", r.Line, s.Attempt)
				}
				if s.Credential != st.app.Credential || !s.StartedAt.Equal(st.app.StartedAt) {
					t.Fatalf("line %d: credential or started_at changed", r.Line)
				}
				if s.Candidate != nil && !s.Candidate.Equal(*st.cand) {
					t.Fatalf("line %d: candidate mismatch", r.Line)
				}
			}
			if err := st.app.CheckNextAttempt(s.Attempt, s.SubmittedAt); err != nil {
				t.Fatalf("line %d: %s attempt %d: %v", r.Line, s.Application, s.Attempt, err)
			}
			st.app.Attempts, st.app.LastOutcome = s.Attempt, ""
			st.submitted[s.Attempt] = s.SubmittedAt
			if (s.Attempt > 1) != (s.Note != "") {
				t.Fatalf("line %d: attempt %d note %q", r.Line, s.Attempt, s.Note)
			}
			if len(rub.Parts) == 0 {
				continue // evidence comes under fallback titles
			}
			if len(s.Parts) != len(rub.Parts) {
				t.Fatalf("line %d: %d parts, rubric has %d", r.Line, len(s.Parts), len(rub.Parts))
			}
			for j, p := range s.Parts {
				if p.Title != rub.Parts[j].Title {
					t.Fatalf("line %d: part %d title %q, rubric says %q", r.Line, j, p.Title, rub.Parts[j].Title)
				}
			}
			continue
		}
		d := r.Decision
		st := apps[d.Application]
		if st == nil || d.Attempt != st.app.Attempts || st.decided[d.Attempt] {
			t.Fatalf("line %d: decision on %s#%d out of order", r.Line, d.Application, d.Attempt)
		}
		if d.DecidedAt.Before(st.submitted[d.Attempt]) || d.DecidedAt.After(now) || d.DecidedAt.Nanosecond() != 0 {
			t.Fatalf("line %d: decided_at %v outside [submitted %v, now]", r.Line, d.DecidedAt, st.submitted[d.Attempt])
		}
		if !reviewers[d.Reviewer] {
			t.Fatalf("line %d: unknown reviewer %q", r.Line, d.Reviewer)
		}
		if err := review.Validate(rs[st.app.Credential], *d); err != nil {
			t.Fatalf("line %d: Validate: %v", r.Line, err)
		}
		st.decided[d.Attempt] = true
		st.app.LastOutcome = d.Outcome
	}
	// Application ids are contiguous from A-1001.
	for i, id := range order {
		if want := "A-" + strconv.Itoa(1001+i); id != want {
			t.Fatalf("application %d is %s, want %s", i, id, want)
		}
	}
}

func TestOutputOrderIsPerApplication(t *testing.T) {
	recs := gen(t, 1, DefaultApplications)
	seen := map[string]bool{}
	last := ""
	for _, r := range recs {
		id := r.Application()
		if id != last && seen[id] {
			t.Fatalf("records of %s are not contiguous", id)
		}
		seen[id], last = true, id
	}
}

// TestNowWithZone: a Now with sub-second precision and a zone still yields
// whole-second UTC times at or before it.
func TestNowWithZone(t *testing.T) {
	now := time.Date(2025, 6, 1, 9, 30, 15, 123456789, time.FixedZone("HST", -10*3600))
	recs := Records(testRubrics(), Options{Seed: 3, Applications: 150, Now: now})
	checkImport(t, testRubrics(), recs, now)
}

// TestUnusualRubrics: three levels, a criterion outside any part, two
// parts without limits, a rubric without parts, and one without criteria
// (skipped) still give an importable history.
func TestUnusualRubrics(t *testing.T) {
	rs := []review.Rubric{
		{ID: "three-levels", Title: "Three Levels", Levels: []string{"beginning", "approaching", "meets"},
			Parts:    []review.Part{{Number: 1, Title: "Part 1: Context"}, {Number: 2, Title: "Part 2: Evidence of practice"}},
			Criteria: []review.Criterion{{ID: "C1", Name: "General expectations"}, {ID: "C2", Name: "Use of evidence", Part: 2}, {ID: "C3", Name: "Student voice", Part: 2}}},
		{ID: "no-parts", Title: "No Parts", Criteria: []review.Criterion{{ID: "C1", Name: "Whole submission"}}},
		{ID: "no-criteria", Title: "No Criteria", Parts: []review.Part{{Number: 1, Title: "Part 1: X"}}},
	}
	recs := Records(rs, Options{Seed: 9, Applications: 400, Now: testNow})
	checkImport(t, rs, recs, testNow)
	levels := map[string]bool{}
	for _, r := range recs {
		if r.Submission != nil && r.Submission.Credential == "no-criteria" {
			t.Fatal("rubric without criteria used")
		}
		if d := r.Decision; d != nil {
			for _, l := range d.Levels {
				levels[l] = true
			}
		}
	}
	if !levels["beginning"] || !levels["approaching"] {
		t.Errorf("non-passing levels used: %v", levels)
	}
}
