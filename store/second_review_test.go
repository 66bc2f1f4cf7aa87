package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// secondFixture samples every attempt (rate 1) and imports S-1..S-n,
// pending, with a lead and reviewers rev-1..rev-3.
func secondFixture(t *testing.T, n int) *fixture {
	t.Helper()
	f := newFixture(t)
	if err := f.SetSecondReviewRate(1); err != nil {
		t.Fatal(err)
	}
	var lines []line
	for i := 1; i <= n; i++ {
		lines = append(lines, submission(fmt.Sprintf("S-%d", i), "descriptive-feedback", 1, fmt.Sprintf("2024-02-%02dT10:00:00Z", i)))
	}
	f.mustImport(lines...)
	for _, r := range []review.Reviewer{{ID: "lead-1", Role: review.RoleLead}, {ID: "rev-1"}, {ID: "rev-2"}, {ID: "rev-3"}} {
		if err := f.AddReviewer(r); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// review claims k as reviewer and decides it with levels.
func (f *fixture) review(reviewer string, k review.AttemptKey, levels map[string]string) review.Decision {
	f.t.Helper()
	if _, err := f.Claim(reviewer, k); err != nil {
		f.t.Fatal(err)
	}
	fb := map[string]string{}
	for id, l := range levels {
		if l != "meets" {
			fb[id] = fbC2
		}
	}
	d, err := f.Decide(reviewer, k, levels, fb)
	if err != nil {
		f.t.Fatal(err)
	}
	return d
}

func TestSecondReviewSamplingDeterministic(t *testing.T) {
	f := newFixture(t)
	if err := f.SetSecondReviewRate(0.5); err != nil {
		t.Fatal(err)
	}
	var lines []line
	for i := 1; i <= 40; i++ {
		lines = append(lines, submission(fmt.Sprintf("D-%d", i), "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	}
	f.mustImport(lines...)
	sampled := 0
	for i := 1; i <= 40; i++ {
		k := key(fmt.Sprintf("D-%d", i), 1)
		got, err := f.NeedsSecondReview(k)
		if err != nil {
			t.Fatal(err)
		}
		if got != review.NeedsSecondReview(k, 0.5) {
			t.Errorf("%s: stored sampling %v disagrees with the hash", k, got)
		}
		if got {
			sampled++
		}
	}
	if sampled == 0 || sampled == 40 {
		t.Errorf("rate 0.5 sampled %d of 40", sampled)
	}
	if err := f.SetSecondReviewRate(1.5); !errors.Is(err, review.ErrBadPolicy) {
		t.Errorf("rate 1.5: %v", err)
	}
	f.mustCheck()
}

func TestFirstReviewerCannotBeSecond(t *testing.T) {
	f := secondFixture(t, 1)
	k := key("S-1", 1)
	f.review("rev-1", k, allMeets)
	if _, ok, _ := f.Decision(k); ok {
		t.Fatal("a first review became the decision of record")
	}
	if c := f.counts(); c.Pending != 1 || c.Decided != 0 {
		t.Errorf("counts after a first review: %+v", c)
	}
	if q, _ := f.Queue("rev-1", "", 0); len(q) != 0 {
		t.Errorf("first reviewer still sees it: %+v", q)
	}
	if _, err := f.Next("rev-1", ""); !errors.Is(err, review.ErrQueueEmpty) {
		t.Errorf("first reviewer Next: %v", err)
	}
	if _, err := f.Claim("rev-1", k); !errors.Is(err, review.ErrNotPending) {
		t.Errorf("first reviewer Claim: %v", err)
	}
	if _, err := f.Decide("rev-1", k, allMeets, nil); !errors.Is(err, review.ErrNotPending) {
		t.Errorf("first reviewer Decide: %v", err)
	}
	// Someone else sees it, and blind: the assignment holds no review.
	q, _ := f.Queue("rev-2", "", 0)
	if len(q) != 1 {
		t.Fatalf("second reviewer queue %+v", q)
	}
	as, err := f.Claim("rev-2", k)
	if err != nil || !as.Draft.Empty() || len(as.Previous) != 0 {
		t.Errorf("second reviewer's assignment shows something: %+v %v", as, err)
	}
	// It says it is one of two reviews (the confirm dialog words it so),
	// and nothing of the first.
	if !as.DoubleReview {
		t.Errorf("second reviewer's assignment does not say the attempt has two reviews")
	}
	f.mustCheck()
}

func TestSecondReviewAgreementIsDecisionOfRecord(t *testing.T) {
	f := secondFixture(t, 1)
	k := key("S-1", 1)
	first := f.review("rev-1", k, oneNotYet)
	f.clock.Advance(2 * time.Hour)
	f.review("rev-2", k, map[string]string{"C1": "not-yet", "C2": "meets", "C3": "meets"}) // resubmit too
	d, ok, err := f.Decision(k)
	if err != nil || !ok {
		t.Fatalf("no decision of record: %v", err)
	}
	if d.Reviewer != "rev-1" || d.Levels["C2"] != "not-yet" || !d.DecidedAt.Equal(f.clock.Now()) || d.DecidedAt.Equal(first.DecidedAt) {
		t.Errorf("decision of record %+v", d)
	}
	h, _ := f.History(k)
	if len(h) != 3 || h[0].Action != review.ActionReview1 || h[1].Action != review.ActionReview2 || h[2].Action != review.ActionAgreed {
		t.Errorf("history %+v", h)
	}
	rep := f.mustReport(time.Time{}, time.Time{})
	if rep.Overall.DecidedAttempts != 1 || rep.Overall.PendingAttempts != 0 {
		t.Errorf("counted %d decided, %d pending; want once", rep.Overall.DecidedAttempts, rep.Overall.PendingAttempts)
	}
	if len(rep.ByReviewer) != 2 || rep.ByReviewer[0].Decisions != 1 || rep.ByReviewer[1].Decisions != 0 {
		t.Errorf("by_reviewer %+v", rep.ByReviewer)
	}
	if q, _ := f.Queue("rev-3", "", 0); len(q) != 0 {
		t.Errorf("decided attempt still queued: %+v", q)
	}
	f.mustCheck()
}

func TestSecondReviewDisagreementGoesToAdjudication(t *testing.T) {
	f := secondFixture(t, 1)
	k := key("S-1", 1)
	f.review("rev-1", k, allMeets)
	f.review("rev-2", k, oneNotYet)
	if _, ok, _ := f.Decision(k); ok {
		t.Fatal("a disputed attempt has a decision of record")
	}
	for _, r := range []string{"rev-1", "rev-2", "rev-3"} {
		if q, _ := f.Queue(r, "", 0); len(q) != 0 {
			t.Errorf("%s still sees the disputed attempt", r)
		}
	}
	if _, err := f.Disputes("rev-3"); !errors.Is(err, review.ErrNotLead) {
		t.Errorf("reviewer lists disputes: %v", err)
	}
	ds, err := f.Disputes("lead-1")
	if err != nil || len(ds) != 1 || ds[0].Attempt.Key() != k {
		t.Fatalf("disputes %+v, %v", ds, err)
	}
	if ds[0].Reviews[0].Reviewer != "" || ds[0].Reviews[0].Outcome != review.Pass || ds[0].Reviews[1].Outcome != review.Resubmit {
		t.Errorf("dispute reviews %+v", ds[0].Reviews)
	}
	if c := f.counts(); c.Pending != 1 {
		t.Errorf("counts %+v", c)
	}
	f.mustCheck()

	// Adjudication becomes the decision of record, counted once.
	f.clock.Advance(24 * time.Hour)
	if _, err := f.Adjudicate("lead-1", k, allMeets, nil); err != nil {
		t.Fatal(err)
	}
	d, ok, _ := f.Decision(k)
	if !ok || d.Reviewer != "lead-1" || d.Outcome != review.Pass || !d.DecidedAt.Equal(f.clock.Now()) {
		t.Errorf("decision of record %+v", d)
	}
	if ds, err := f.Disputes("lead-1"); err != nil || len(ds) != 0 {
		t.Errorf("still disputed: %+v, %v", ds, err)
	}
	if _, err := f.Adjudicate("lead-1", k, allMeets, nil); !errors.Is(err, review.ErrNotDisputed) {
		t.Errorf("adjudicating twice: %v", err)
	}
	h, _ := f.History(k)
	if len(h) != 3 || h[2].Action != review.ActionAdjudicate || h[2].By != "lead-1" {
		t.Errorf("history %+v", h)
	}
	rep := f.mustReport(time.Time{}, time.Time{})
	if rep.Overall.DecidedAttempts != 1 {
		t.Errorf("decided %d", rep.Overall.DecidedAttempts)
	}
	f.mustCheck()
}

// TestAdjudicationRefusals is the wiring of Adjudicate's refusals: each
// reaches the caller as review's typed error and writes nothing. The rules
// are review.TestAdjudicate and review.TestRequireLead; the cases here are
// the ones whose state the store reads from disk: the reviews of a sampled
// attempt and the person's role. S-1 is disputed between lead-2 and rev-1;
// S-2 has no review yet.
func TestAdjudicationRefusals(t *testing.T) {
	f := secondFixture(t, 2)
	s1, s2 := key("S-1", 1), key("S-2", 1)
	if err := f.AddReviewer(review.Reviewer{ID: "lead-2", Role: review.RoleLead}); err != nil {
		t.Fatal(err)
	}
	f.review("lead-2", s1, allMeets)
	f.review("rev-1", s1, oneNotYet)
	before := f.written(s1, s2)
	tests := []struct {
		name, lead string
		k          review.AttemptKey
		is         error
	}{
		{"undisputed", "lead-1", s2, review.ErrNotDisputed},
		{"own review", "lead-2", s1, review.ErrOwnReview},
		{"reviewer role", "rev-3", s1, review.ErrNotLead},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := f.Adjudicate(tt.lead, tt.k, allMeets, nil); !errors.Is(err, tt.is) {
				t.Errorf("err %v, want %v", err, tt.is)
			}
		})
	}
	f.unchanged("refused adjudications", before, s1, s2)
	if ds, err := f.Disputes("lead-1"); err != nil || len(ds) != 1 || ds[0].Attempt.Key() != s1 || ds[0].Own {
		t.Errorf("disputes after refusals %+v, %v; want S-1 still, not lead-1's own", ds, err)
	}
	// lead-2 reviewed S-1: listed to them as their own, refused at once.
	if ds, err := f.Disputes("lead-2"); err != nil || len(ds) != 1 || !ds[0].Own {
		t.Errorf("lead-2's disputes %+v, %v; want S-1 marked as their own", ds, err)
	}
	f.mustCheck()
}

// TestAdjudicationConflictOfInterest: a lead who declared a conflict with
// the candidate (rule 7) is not shown the dispute and may not settle it;
// another lead may.
func TestAdjudicationConflictOfInterest(t *testing.T) {
	f := secondFixture(t, 1)
	s1 := key("S-1", 1)
	if err := f.AddReviewer(review.Reviewer{ID: "lead-hi", Role: review.RoleLead, ConflictStates: []string{"HI"}}); err != nil {
		t.Fatal(err)
	}
	f.review("rev-1", s1, allMeets)
	f.review("rev-2", s1, oneNotYet)
	if ds, err := f.Disputes("lead-hi"); err != nil || len(ds) != 0 {
		t.Errorf("the conflicted lead's disputes %+v, %v; want none", ds, err)
	}
	before := f.written(s1)
	if _, err := f.Adjudicate("lead-hi", s1, allMeets, nil); !errors.Is(err, review.ErrConflictOfInterest) {
		t.Errorf("the conflicted lead adjudicates: %v", err)
	}
	f.unchanged("a refused adjudication", before, s1)
	if _, err := f.Adjudicate("lead-1", s1, allMeets, nil); err != nil {
		t.Errorf("another lead: %v", err)
	}
	f.mustCheck()
}

// TestReportAgreementEqualsRecomputation resolves enough double reviews to
// show agreement and kappa, then checks them by hand and against
// review.Recompute (through Check and a date-filtered report).
func TestReportAgreementEqualsRecomputation(t *testing.T) {
	f := secondFixture(t, 6)
	notC1 := map[string]string{"C1": "not-yet", "C2": "meets", "C3": "meets"}
	// S-1..S-4: rev-1 and rev-2 agree (S-4 only in outcome: C1 vs C2).
	for i, p := range [][2]map[string]string{{allMeets, allMeets}, {oneNotYet, oneNotYet}, {allMeets, allMeets}, {oneNotYet, notC1}} {
		k := key(fmt.Sprintf("S-%d", i+1), 1)
		f.review("rev-1", k, p[0])
		f.review("rev-2", k, p[1])
	}
	// S-5, S-6: they disagree; the lead sides with rev-1 both times.
	for i := 5; i <= 6; i++ {
		k := key(fmt.Sprintf("S-%d", i), 1)
		f.review("rev-1", k, allMeets)
		f.review("rev-2", k, oneNotYet)
		if _, err := f.Adjudicate("lead-1", k, allMeets, nil); err != nil {
			t.Fatal(err)
		}
	}
	rep := f.mustReport(time.Time{}, time.Time{})
	rows := map[string]review.ReviewerRow{}
	for _, r := range rep.ByReviewer {
		rows[r.Reviewer] = r
	}
	// rev-1: 6 comparisons, all agree in outcome. Levels (own, other) over
	// 18 criteria: S-1, S-3, S-5, S-6 all meets/meets (12); S-2: 2 mm + 1
	// nn; S-4: (m,n) for C1, (n,m) for C2, (m,m) for C3. So 16 agree, po =
	// 16/18 = 288/324; own not-yet 2, other not-yet 2 of 18: pe = (16·16 +
	// 2·2)/324 = 260/324; kappa = (288−260)/(324−260) = 28/64 = 0.4375.
	r1 := rows["rev-1"]
	if r1.Agreement == nil || *r1.Agreement != 1 || r1.Kappa == nil || *r1.Kappa != 0.4375 {
		t.Errorf("rev-1 agreement %v kappa %v", ptr(r1.Agreement), ptr(r1.Kappa))
	}
	// rev-2: 4 of 6 agree in outcome (S-5, S-6 lost to the adjudication).
	r2 := rows["rev-2"]
	if r2.Agreement == nil || *r2.Agreement != 0.6667 || r2.Kappa == nil {
		t.Errorf("rev-2 agreement %v kappa %v", ptr(r2.Agreement), ptr(r2.Kappa))
	}
	// lead-1 adjudicated but was never compared.
	if l := rows["lead-1"]; l.Decisions != 2 || l.Agreement != nil || l.Kappa != nil {
		t.Errorf("lead-1 %+v", l)
	}
	f.mustCheck() // running tallies == review.Recompute
	// The date-filtered path recomputes from raw history: same rows.
	filtered := f.mustReport(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Time{})
	if fmt.Sprint(ptrRows(filtered.ByReviewer)) != fmt.Sprint(ptrRows(rep.ByReviewer)) {
		t.Errorf("filtered by_reviewer %v\nunfiltered %v", ptrRows(filtered.ByReviewer), ptrRows(rep.ByReviewer))
	}
	// An amendment later leaves agreement as it was.
	if _, err := f.Amend("lead-1", key("S-1", 1), oneNotYet, map[string]string{"C2": fbC2}, "appeal"); err != nil {
		t.Fatal(err)
	}
	f.mustCheck()
}

func ptr(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func ptrRows(rows []review.ReviewerRow) []string {
	var out []string
	for _, r := range rows {
		out = append(out, fmt.Sprint(r.Reviewer, r.Decisions, ptr(r.PassRate), ptr(r.MedianTurnaroundDays), ptr(r.Agreement), ptr(r.Kappa)))
	}
	return out
}

// TestImportedDecisionSettlesSample: a decision imported for a sampled
// attempt is its decision of record, like any other.
func TestImportedDecisionSettlesSample(t *testing.T) {
	f := secondFixture(t, 1)
	f.mustImport(decision("S-1", 1, "rev-9", "2024-02-03T10:00:00Z", "meets", "meets", "meets"))
	if ok, _ := f.NeedsSecondReview(key("S-1", 1)); ok {
		t.Error("imported decision left the sample open")
	}
	f.mustCheck()
}

// TestImportedDecisionKeepsReviewsInProgress: a decision line for a sampled
// attempt that holds its first review, or both in dispute, is refused,
// naming the line and the field, and the file writes nothing: recorded, it
// would settle the attempt and drop the reviewers' finished work. The
// reviews stay, and the double review goes on to its decision of record.
func TestImportedDecisionKeepsReviewsInProgress(t *testing.T) {
	f := secondFixture(t, 2)
	first, disputed := key("S-1", 1), key("S-2", 1)
	f.review("rev-1", first, allMeets)
	f.review("rev-1", disputed, allMeets)
	f.review("rev-2", disputed, oneNotYet)
	for _, k := range []review.AttemptKey{first, disputed} {
		_, err := f.Import("test.jsonl", records(t,
			submission("S-9", "descriptive-feedback", 1, "2024-02-20T10:00:00Z"),
			decision(k.Application, 1, "rev-9", "2024-03-01T10:00:00Z", "meets", "meets", "meets")))
		if !errors.Is(err, review.ErrReviewInProgress) || !strings.Contains(err.Error(), "test.jsonl:2: attempt: its blind double review is under way") {
			t.Fatalf("decision imported on %s under double review: %v", k, err)
		}
		if _, ok, _ := f.Decision(k); ok {
			t.Errorf("%s got a decision of record", k)
		}
		if ok, _ := f.NeedsSecondReview(k); !ok {
			t.Errorf("%s no longer holds its reviews", k)
		}
	}
	if _, err := f.Application("S-9"); !errors.Is(err, ErrNotFound) {
		t.Error("the refused file's submission was stored")
	}
	if ds, err := f.Disputes("lead-1"); err != nil || len(ds) != 1 || ds[0].Attempt.Key() != disputed {
		t.Errorf("disputes %+v, %v", ds, err)
	}
	f.mustCheck()
	f.review("rev-2", first, allMeets)
	if h, _ := f.History(first); len(h) != 3 || h[0].By != "rev-1" || h[1].By != "rev-2" {
		t.Errorf("history of the double review finished in assessor: %+v", h)
	}
	f.mustCheck()
}

// TestAmendDisputedPointsToAdjudicate: a lead who tries to amend an
// attempt whose two blind reviews disagree is refused; the one line must
// say what it waits for (a lead's adjudication), not "while it waits for
// review", which sends the lead to the reviewers' queue.
func TestAmendDisputedPointsToAdjudicate(t *testing.T) {
	f := secondFixture(t, 1)
	k := key("S-1", 1)
	f.review("rev-1", k, oneNotYet)
	f.review("rev-2", k, allMeets)
	_, err := f.Amend("lead-1", k, allMeets, nil, "second look")
	if err == nil || !strings.Contains(err.Error(), "adjudicat") {
		t.Errorf("amend of a disputed attempt: %v", err)
	}
}
