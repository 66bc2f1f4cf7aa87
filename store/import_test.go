package store

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"assessor/review"
)

func TestImportHappyPath(t *testing.T) {
	f := newFixture(t)
	st := f.mustImport(
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("started_at", "2024-01-10T00:00:00Z"),
		decision("A-1", 1, "rev-07", "2024-02-12T09:00:00Z", "meets", "not-yet", "meets"),
		submission("A-1", "descriptive-feedback", 2, "2024-02-20T10:00:00Z").with("note", "I now name the target."),
		submission("A-2", "classroom-discourse", 1, "2024-02-02T10:00:00Z").with("candidate", map[string]string{"name": "Lee Park"}),
	)
	if st != (ImportStats{Submissions: 3, Decisions: 1}) {
		t.Errorf("stats %+v", st)
	}
	if c := f.counts(); c != (Counts{Applications: 2, Attempts: 3, Pending: 2, Decided: 1}) {
		t.Errorf("counts %+v", c)
	}
	app, err := f.Application("A-1")
	if err != nil {
		t.Fatal(err)
	}
	if !app.StartedAt.Equal(time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC)) || app.Attempts != 2 || app.LastOutcome != "" || app.Credential != "descriptive-feedback" {
		t.Errorf("application %+v", app)
	}
	a2, err := f.Attempt(key("A-1", 2))
	if err != nil {
		t.Fatal(err)
	}
	if a2.Pseudonym != app.Pseudonym || a2.RubricVersion != 1 || a2.Note != "I now name the target." || len(a2.Parts) != 1 {
		t.Errorf("attempt 2 %+v", a2)
	}
	c, err := f.Candidate("A-1")
	if err != nil || c.Name != "Dana Ruiz" || c.District != "Hilo" {
		t.Errorf("vault %+v, %v", c, err)
	}
	d, ok, err := f.Decision(key("A-1", 1))
	if err != nil || !ok || d.Outcome != review.Resubmit || d.RubricVersion != 1 || d.Reviewer != "rev-07" {
		t.Errorf("decision %+v %v %v", d, ok, err)
	}
	if r, err := f.Reviewer("rev-07"); err != nil || r.Role != review.RoleReviewer {
		t.Errorf("auto-created reviewer %+v, %v", r, err)
	}
	if h, err := f.History(key("A-1", 1)); err != nil || len(h) != 1 || h[0].Action != review.ActionImport {
		t.Errorf("history %+v, %v", h, err)
	}
	a1, _ := f.Application("A-2")
	if a1.Pseudonym == app.Pseudonym || !strings.HasPrefix(a1.Pseudonym, "CD-") {
		t.Errorf("pseudonyms %q and %q", app.Pseudonym, a1.Pseudonym)
	}
}

// TestImportKeepsIdentityInVault checks the anonymity model on the disk:
// outside the vault no bucket holds a candidate's name or email, and in the
// raw file every copy of them sits in a vault record.
func TestImportKeepsIdentityInVault(t *testing.T) {
	f := newFixture(t)
	f.mustImport(
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		decision("A-1", 1, "rev-07", "2024-02-12T09:00:00Z", "meets", "not-yet", "meets"),
		submission("A-1", "descriptive-feedback", 2, "2024-02-20T10:00:00Z"),
	)
	if _, err := f.Claim("rev-07", key("A-1", 2)); err != nil {
		t.Fatal(err)
	}
	secrets := []string{"Dana Ruiz", "dana@example.org"}
	err := f.db.View(func(tx *bolt.Tx) error {
		var walk func(name string, b *bolt.Bucket) error
		walk = func(name string, b *bolt.Bucket) error {
			return b.ForEach(func(k, v []byte) error {
				if v == nil {
					return walk(name+"/"+string(k), b.Bucket(k))
				}
				for _, s := range secrets {
					if bytes.Contains(k, []byte(s)) || bytes.Contains(v, []byte(s)) {
						t.Errorf("bucket %s key %q holds %q", name, k, s)
					}
				}
				return nil
			})
		}
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			if string(name) == bucketVault {
				return nil
			}
			return walk(string(name), b)
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	raw, err := os.ReadFile(f.path)
	if err != nil {
		t.Fatal(err)
	}
	for field, s := range map[string]string{"name": secrets[0], "email": secrets[1]} {
		found := 0
		for i := bytes.Index(raw, []byte(s)); i >= 0; i = nextIndex(raw, []byte(s), i) {
			found++
			if lead := `"` + field + `":"`; i < len(lead) || string(raw[i-len(lead):i]) != lead {
				t.Errorf("%q at byte %d outside a vault record: %q", s, i, raw[max(0, i-40):i+len(s)])
			}
		}
		if found == 0 {
			t.Errorf("%q not in the file at all: is the vault written?", s)
		}
	}
}

func nextIndex(b, sub []byte, after int) int {
	j := bytes.Index(b[after+1:], sub)
	if j < 0 {
		return -1
	}
	return after + 1 + j
}

func TestImportAllOrNothing(t *testing.T) {
	f := newFixture(t)
	_, err := f.Import("batch.jsonl", records(t,
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		submission("A-2", "descriptive-feedback", 1, "2024-02-01T11:00:00Z"),
		decision("A-1", 1, "rev-07", "2024-02-12T09:00:00Z", "meets", "meets", "meets"),
		submission("A-3", "no-such-credential", 1, "2024-02-01T12:00:00Z"),
	))
	var le *review.LineError
	if !errors.As(err, &le) || le.Line != 4 || le.File != "batch.jsonl" {
		t.Fatalf("err = %v, want a LineError on batch.jsonl line 4", err)
	}
	if c := f.counts(); c != (Counts{}) {
		t.Errorf("counts after failed import %+v, want zero", c)
	}
	if _, err := f.Application("A-1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("A-1 stored by a failed import: %v", err)
	}
	if _, err := f.Reviewer("rev-07"); !errors.Is(err, ErrNotFound) {
		t.Errorf("reviewer created by a failed import: %v", err)
	}
	if q, _ := f.Queue("rev-1", "", 0); len(q) != 0 {
		t.Errorf("queue after failed import %v", q)
	}
}

func TestImportIdempotent(t *testing.T) {
	f := newFixture(t)
	lines := []line{
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("started_at", "2024-01-10T00:00:00Z"),
		decision("A-1", 1, "rev-07", "2024-02-12T09:00:00Z", "meets", "not-yet", "meets"),
		submission("A-1", "descriptive-feedback", 2, "2024-02-20T10:00:00Z"),
		submission("A-2", "descriptive-feedback", 1, "2024-02-03T10:00:00Z").with("parts", []map[string]any{{"title": "Part 1", "text": "x", "files": []string{}}}),
	}
	f.mustImport(lines...)
	before := f.counts()
	app, _ := f.Application("A-1")
	st := f.mustImport(lines...)
	if st != (ImportStats{Unchanged: 4}) {
		t.Errorf("second import stats %+v, want all unchanged", st)
	}
	if c := f.counts(); c != before {
		t.Errorf("counts changed: %+v → %+v", before, c)
	}
	if again, _ := f.Application("A-1"); again != app {
		t.Errorf("application changed: %+v → %+v", app, again)
	}
	if h, _ := f.History(key("A-1", 1)); len(h) != 1 {
		t.Errorf("history has %d entries after re-import, want 1", len(h))
	}
}

// TestImportErrors is the wiring of the import rules: a refused line fails
// the whole import with its file and line before review's message and
// typed error, and writes nothing, not even the good line before it. The
// rules, with their messages, are review.TestImportSubmissionRules and
// review.TestImportDecision; the cases here are the ones whose state the
// store reads from disk (rubrics, application, attempts, decisions, vault).
func TestImportErrors(t *testing.T) {
	const df = "descriptive-feedback"
	opened := submission("A-1", df, 1, "2024-02-01T10:00:00Z").with("started_at", "2024-01-10T00:00:00Z")
	sentBack := decision("A-1", 1, "rev-07", "2024-02-12T09:00:00Z", "meets", "not-yet", "meets")
	passed := decision("A-1", 1, "rev-07", "2024-02-12T09:00:00Z", "meets", "meets", "meets")
	tests := []struct {
		name  string
		setup []line
		bad   line
		want  string
		is    error
	}{
		{"unknown credential", nil, submission("A-9", "nope", 1, "2024-02-01T10:00:00Z"),
			`credential: unknown credential "nope" (add its rubric with: assessor rubrics add FILE)`, review.ErrUnknownCredential},
		{"attempt gap", []line{opened, sentBack}, submission("A-1", df, 3, "2024-03-01T10:00:00Z"),
			"attempt: attempt out of sequence: application has 1 attempt, so the next is 2, not 3", review.ErrAttemptGap},
		{"attempt 2 of unknown application", nil, submission("A-9", df, 2, "2024-03-01T10:00:00Z"),
			"attempt: attempt out of sequence: application has 0 attempts, so the next is 1, not 2", review.ErrAttemptGap},
		{"attempt 2 before attempt 1 decided", []line{opened}, submission("A-1", df, 2, "2024-03-01T10:00:00Z"),
			"attempt: previous attempt not decided resubmit: attempt 1 is still waiting for a decision", review.ErrNotResubmit},
		{"attempt after pass", []line{opened, passed}, submission("A-1", df, 2, "2024-03-01T10:00:00Z"),
			"attempt: application already passed", review.ErrPassed},
		{"attempt after window closed", []line{opened, sentBack}, submission("A-1", df, 2, "2024-07-10T00:00:00Z"),
			"submitted_at: application window closed on 2024-07-10 00:00 UTC", review.ErrExpired},
		{"decision for unknown attempt", nil, passed,
			"attempt: no such attempt: import its submission first", review.ErrNoSuchAttempt},
		{"decided twice with different content", []line{opened, sentBack}, passed,
			"attempt: attempt already decided", review.ErrAlreadyDecided},
		{"decided before submitted", []line{opened}, passed.with("decided_at", "2024-01-31T00:00:00Z"),
			"decided_at: decided before it was submitted", review.ErrBeforeSubmitted},
		{"resubmitted before the decision", []line{opened, sentBack}, submission("A-1", df, 2, "2024-02-12T08:59:59Z"),
			"submitted_at: submitted before the attempt it resubmits was decided: attempt 1 was decided 2024-02-12T09:00:00Z", review.ErrBeforePrevDecided},
		{"submission changed", []line{opened}, opened.with("note", "edited"),
			"attempt: already imported with different content", review.ErrImportConflict},
		{"candidate mismatch", []line{opened, sentBack}, submission("A-1", df, 2, "2024-03-01T10:00:00Z").with("candidate", map[string]string{"name": "Someone Else"}),
			"candidate: differs from the candidate stored for this application", review.ErrCandidateMismatch},
		{"credential mismatch", []line{opened, sentBack}, submission("A-1", "classroom-discourse", 2, "2024-03-01T10:00:00Z"),
			`credential: differs from the application's credential "descriptive-feedback"`, review.ErrCredentialMismatch},
		{"started_at mismatch", []line{opened, sentBack}, submission("A-1", df, 2, "2024-03-01T10:00:00Z").with("started_at", "2024-01-11T00:00:00Z"),
			"started_at: differs from the application's started_at 2024-01-10T00:00:00Z", review.ErrStartedAtMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			if len(tt.setup) > 0 {
				f.mustImport(tt.setup...)
			}
			before := f.written(key("A-1", 1))
			// The bad line comes after a good one, so it is line 2.
			recs := records(t, submission("A-50", df, 1, "2024-02-05T10:00:00Z"), tt.bad)
			_, err := f.Import("in.jsonl", recs)
			if err == nil {
				t.Fatal("import succeeded")
			}
			if want := "in.jsonl:2: " + tt.want; err.Error() != want {
				t.Errorf("error\n got %s\nwant %s", err, want)
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("error %v does not wrap %v", err, tt.is)
			}
			f.unchanged("a failed import", before, key("A-1", 1))
		})
	}
}

func TestImportUsesLatestRubricVersion(t *testing.T) {
	f := newFixture(t)
	f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	if _, err := f.AddRubric(testRubric("descriptive-feedback", 2, 2)); err != nil {
		t.Fatal(err)
	}
	f.mustImport(submission("A-2", "descriptive-feedback", 1, "2024-02-01T11:00:00Z"))
	for app, want := range map[string]int{"A-1": 1, "A-2": 2} {
		as, err := f.Claim("rev-1", key(app, 1))
		if err != nil {
			t.Fatal(err)
		}
		if as.Attempt.RubricVersion != want || as.Rubric.Version != want {
			t.Errorf("%s scored against version %d/%d, want %d", app, as.Attempt.RubricVersion, as.Rubric.Version, want)
		}
	}
	// A decision is checked against its attempt's version: A-1 has three criteria.
	f.mustImport(decision("A-1", 1, "rev-1", "2024-02-12T09:00:00Z", "meets", "meets", "meets"))
}

// repeatReader hands out the same four bytes twice, then others, so the
// second application's first pseudonym draw collides with the first's.
type repeatReader struct{ n byte }

func (r *repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = r.n / 8
		r.n++
	}
	return len(p), nil
}

func TestImportRedrawsCollidingPseudonym(t *testing.T) {
	f := newFixture(t)
	f.Close()
	opt := f.options()
	opt.Rand = &repeatReader{}
	s, err := Open(f.path, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Import("x.jsonl", records(t,
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		submission("A-2", "descriptive-feedback", 1, "2024-02-01T11:00:00Z"),
	)); err != nil {
		t.Fatal(err)
	}
	a1, _ := s.Application("A-1")
	a2, _ := s.Application("A-2")
	if a1.Pseudonym != "DF-0000" || a2.Pseudonym != "DF-1111" {
		t.Errorf("pseudonyms %q, %q; want DF-0000 then a redraw DF-1111", a1.Pseudonym, a2.Pseudonym)
	}
}

// TestEarlierAttemptKeepsItsRubricVersion: attempt 2, scored against a
// newer version that renamed a criterion, shows attempt 1's decision
// against the version it was made under, as its criteria were named then.
func TestEarlierAttemptKeepsItsRubricVersion(t *testing.T) {
	f := newFixture(t)
	f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		decision("A-1", 1, "rev-1", "2024-02-05T09:00:00Z", "not-yet", "meets", "meets"))
	v2 := testRubric("descriptive-feedback", 2, 2)
	v2.Criteria[0].Name = "Renamed in version 2"
	if _, err := f.AddRubric(v2); err != nil {
		t.Fatal(err)
	}
	f.mustImport(submission("A-1", "descriptive-feedback", 2, "2024-02-10T10:00:00Z"))
	as, err := f.Claim("rev-2", key("A-1", 2))
	if err != nil {
		t.Fatal(err)
	}
	if len(as.Previous) != 1 || as.Rubric.Version != 2 {
		t.Fatalf("attempt 2 under version %d with %d earlier attempts", as.Rubric.Version, len(as.Previous))
	}
	if r := as.Previous[0].ScoredAgainst(as.Rubric); r.Version != 1 || r.Criteria[0].Name != "Criterion C1" || len(r.Criteria) != 3 {
		t.Errorf("attempt 1 scored against version %d, C1 %q, %d criteria; want version 1's", r.Version, r.Criteria[0].Name, len(r.Criteria))
	}
}

// TestImportRefusesFutureTimes: a time more than review.FutureSlack past
// the store's clock is a typo ("2027" for "2026") and fails the import
// with the line and field, storing nothing; within the slack it is taken.
func TestImportRefusesFutureTimes(t *testing.T) {
	f := newFixture(t)
	f.Close()
	opt := f.options()
	opt.AllowFutureImports = false
	s, err := Open(f.path, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	soon, late := t0.Add(review.FutureSlack-time.Hour), t0.Add(review.FutureSlack+time.Hour)
	at := func(t time.Time) string { return t.Format(time.RFC3339) }
	for _, tc := range []struct {
		lines []line
		want  string
	}{
		{[]line{submission("A-1", "descriptive-feedback", 1, at(late))}, "x.jsonl:1: submitted_at: " + at(late) + " is in the future"},
		{[]line{submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"), decision("A-1", 1, "rev-1", at(late), "meets", "meets", "meets")},
			"x.jsonl:2: decided_at: " + at(late) + " is in the future"},
	} {
		_, err := s.Import("x.jsonl", records(t, tc.lines...))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) || !errors.Is(err, review.ErrInFuture) {
			t.Errorf("import: %v, want %q…", err, tc.want)
		}
		if c, _ := s.Counts(); c.Applications != 0 {
			t.Fatalf("a refused import stored %d applications", c.Applications)
		}
	}
	if _, err := s.Import("x.jsonl", records(t, submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		decision("A-1", 1, "rev-1", at(soon), "meets", "meets", "meets"))); err != nil {
		t.Errorf("a time within the slack: %v", err)
	}
}
