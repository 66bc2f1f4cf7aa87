package store

import (
	"errors"
	"fmt"
	"maps"
	"strings"
	"sync"
	"testing"
	"time"

	"assessor/review"
)

func TestLeaseKeepsOthersOut(t *testing.T) {
	f := queueFixture(t)
	k := key("B-1", 1)
	as, err := f.Claim("rev-a", k)
	if err != nil {
		t.Fatal(err)
	}
	if want := t0.Add(review.LeaseDuration); !as.LeaseExpiry.Equal(want) || as.DoubleReview {
		t.Errorf("lease expiry %v, want %v; one of two reviews: %v", as.LeaseExpiry, want, as.DoubleReview)
	}
	// The confirm dialog says what a resubmit leaves the candidate.
	if app, err := f.Application("B-1"); err != nil || as.WindowCloses.IsZero() || !as.WindowCloses.Equal(app.ClosesAt()) {
		t.Errorf("window closes %v, want the application's %v (%v)", as.WindowCloses, app.ClosesAt(), err)
	}
	before := f.written(k)
	if _, err := f.Claim("rev-b", k); !errors.Is(err, review.ErrClaimed) {
		t.Fatalf("B claims A's attempt: %v, want ErrClaimed", err)
	}
	// The screens put "Not recorded: " or "Draft not saved: " before
	// these; the store adds no name of its own operation.
	if _, err := f.Decide("rev-b", k, allMeets, nil); !errors.Is(err, review.ErrClaimed) || strings.HasPrefix(err.Error(), "decide") {
		t.Errorf("B decides A's attempt: %v, want ErrClaimed", err)
	}
	// The refusals wrote nothing: A's lease as it was.
	f.unchanged("B's refused claim and decision", before, k)
	// B's draft (B's claim was released by a lead, say) is kept aside:
	// B's own, with no lease; A still holds the attempt.
	if err := f.SaveDraft("rev-b", k, review.Draft{Levels: map[string]string{"C1": "meets"}}); !errors.Is(err, review.ErrDraftAside) || !errors.Is(err, review.ErrClaimed) || strings.HasPrefix(err.Error(), "save draft") {
		t.Errorf("B saves a draft on A's attempt: %v, want ErrDraftAside", err)
	}
	if d, ok, err := f.Draft("rev-b", k); !ok || err != nil || d.Levels["C1"] != "meets" {
		t.Errorf("B's draft kept aside: %+v %v, %v", d, ok, err)
	}
	for reviewer, claimed := range map[string]bool{"rev-a": false, "rev-b": true} {
		q, _ := f.Queue(reviewer, "", 1)
		if q[0].Key() != k || q[0].Claimed != claimed {
			t.Errorf("%s's queue head %+v, want %v claimed=%v", reviewer, q[0], k, claimed)
		}
	}
	next, err := f.Next("rev-b", "")
	if err != nil || next.Attempt.Key() == k || next.Resumed {
		t.Errorf("B's Next = %v (resumed %v), %v; want another attempt, new to B", next.Attempt.Key(), next.Resumed, err)
	}
	// A's own lease counts as available to A, and renews.
	f.clock.Advance(10 * time.Minute)
	again, err := f.Next("rev-a", "")
	if err != nil || again.Attempt.Key() != k || !again.LeaseExpiry.Equal(t0.Add(10*time.Minute+review.LeaseDuration)) || !again.Resumed {
		t.Errorf("A's Next = %v (expires %v), %v; want %v renewed", again.Attempt.Key(), again.LeaseExpiry, err, k)
	}
	f.clock.Advance(review.LeaseDuration + time.Second)
	if _, err := f.Claim("rev-b", k); err != nil {
		t.Errorf("B claims after A's lease expired: %v", err)
	}
	if err := f.SaveDraft("rev-a", k, review.Draft{}); !errors.Is(err, review.ErrClaimed) {
		t.Errorf("A saves after losing the lease: %v, want ErrClaimed", err)
	}
}

func TestReleaseKeepsDraft(t *testing.T) {
	f := queueFixture(t)
	k := key("B-1", 1)
	f.claimWithDraft("rev-a", k)
	if err := f.Release("rev-b", k); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Claim("rev-b", k); !errors.Is(err, review.ErrClaimed) {
		t.Fatalf("B's Release freed A's lease: %v", err)
	}
	if err := f.Release("rev-a", k); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Claim("rev-b", k); err != nil {
		t.Errorf("B claims after A released: %v", err)
	}
	if d, ok, err := f.Draft("rev-a", k); err != nil || !ok || d.Levels["C1"] != "meets" {
		t.Errorf("A's draft after release: %+v %v %v", d, ok, err)
	}
}

func TestDraftSurvivesReopen(t *testing.T) {
	f := queueFixture(t)
	k := key("A-1", 2)
	as, err := f.Claim("rev-a", k)
	if err != nil {
		t.Fatal(err)
	}
	if !as.Draft.Empty() {
		t.Errorf("fresh claim has draft %+v", as.Draft)
	}
	f.clock.Advance(time.Minute)
	d := review.Draft{Levels: map[string]string{"C1": "meets", "C2": "not-yet"}, Feedback: map[string]string{"C2": "Half-typed feedback"}}
	if err := f.SaveDraft("rev-a", k, d); err != nil {
		t.Fatal(err)
	}
	f.reopen()
	as, err = f.Claim("rev-a", k)
	if err != nil {
		t.Fatal(err)
	}
	if as.Draft.Levels["C2"] != "not-yet" || as.Draft.Feedback["C2"] != "Half-typed feedback" || !as.Draft.SavedAt.Equal(t0.Add(time.Minute)) {
		t.Errorf("draft after reopen %+v", as.Draft)
	}
}

func TestClaimAssignment(t *testing.T) {
	f := queueFixture(t)
	as, err := f.Claim("rev-a", key("A-1", 2))
	if err != nil {
		t.Fatal(err)
	}
	if as.Rubric.ID != "descriptive-feedback" || as.Rubric.Version != 1 || as.Attempt.Number != 2 {
		t.Errorf("assignment %+v", as)
	}
	if len(as.Previous) != 1 {
		t.Fatalf("previous %+v, want attempt 1", as.Previous)
	}
	p := as.Previous[0]
	if p.Attempt.Number != 1 || p.Decision.Outcome != review.Resubmit || p.Decision.Reviewer != "rev-0" || p.Attempt.Pseudonym != as.Attempt.Pseudonym {
		t.Errorf("previous %+v", p)
	}
	// The refusals are review.TestClaim's; these are the ones whose state
	// comes from the disk: decided, not stored, and keys no bucket may hold.
	for _, k := range []review.AttemptKey{key("A-1", 1), key("A-1", 3), key("bad\x00id", 1), key("A-1", 0)} {
		if _, err := f.Claim("rev-a", k); !errors.Is(err, review.ErrNotPending) {
			t.Errorf("Claim(%q) = %v, want ErrNotPending", k, err)
		}
	}
	if _, err := f.Claim("", key("B-1", 1)); !errors.Is(err, ErrNoReviewer) {
		t.Errorf("Claim without reviewer: %v", err)
	}
}

func TestNextNeverSharesAnAttempt(t *testing.T) {
	f := newFixture(t)
	var lines []line
	for i := range 25 {
		lines = append(lines, submission(fmt.Sprintf("A-%02d", i), "descriptive-feedback", 1, fmt.Sprintf("2024-02-01T10:%02d:00Z", i)))
	}
	f.mustImport(lines...)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		seen = map[review.AttemptKey]string{}
	)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			reviewer := fmt.Sprintf("rev-%02d", i)
			as, err := f.Next(reviewer, "")
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if other, dup := seen[as.Attempt.Key()]; dup {
				t.Errorf("%s and %s both got %v", other, reviewer, as.Attempt.Key())
			}
			seen[as.Attempt.Key()] = reviewer
		}()
	}
	wg.Wait()
	if len(seen) != 20 {
		t.Errorf("%d distinct attempts handed out, want 20", len(seen))
	}
	// The oldest 20 went out; five remain for others.
	q, _ := f.Queue("rev-x", "", 0)
	free := 0
	for _, it := range q {
		if !it.Claimed {
			free++
		}
	}
	if free != 5 {
		t.Errorf("%d unclaimed attempts left, want 5", free)
	}
}

func TestNextEmpty(t *testing.T) {
	f := newFixture(t)
	if _, err := f.Next("rev-a", ""); !errors.Is(err, review.ErrQueueEmpty) {
		t.Errorf("Next on empty store: %v", err)
	}
	f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	if _, err := f.Next("rev-a", "classroom-discourse"); !errors.Is(err, review.ErrQueueEmpty) {
		t.Errorf("Next on another credential: %v", err)
	}
	if _, err := f.Next("rev-a", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Next("rev-b", ""); !errors.Is(err, review.ErrQueueEmpty) {
		t.Errorf("Next with everything leased: %v", err)
	}
}

// TestNextPassesBySubmittedAhead: an attempt imported with a submitted_at
// still ahead of the clock (import takes up to a week) stays listed, but
// Next passes it by and a claim of it is refused in the one line its
// decision gets, until then: scored, it could not be decided.
func TestNextPassesBySubmittedAhead(t *testing.T) {
	f := newFixture(t)
	f.mustImport(
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		submission("B-1", "descriptive-feedback", 1, "2024-03-04T10:00:00Z"), // three days past the clock
	)
	ahead := key("B-1", 1)
	if as, err := f.Next("rev-a", ""); err != nil || as.Attempt.Key() != key("A-1", 1) {
		t.Fatalf("Next = %v, %v; want A-1#1", as.Attempt.Key(), err)
	}
	if _, err := f.Decide("rev-a", key("A-1", 1), allMeets, nil); err != nil {
		t.Fatal(err)
	}
	for _, cred := range []string{"", "descriptive-feedback"} {
		if as, err := f.Next("rev-b", cred); !errors.Is(err, review.ErrQueueEmpty) {
			t.Errorf("Next(%q) = %v, %v; want an empty queue, not what cannot be decided yet", cred, as.Attempt.Key(), err)
		}
	}
	_, err := f.Claim("rev-b", ahead)
	_, decided := f.Decide("rev-b", ahead, allMeets, nil)
	a, _ := f.Attempt(ahead)
	want := a.Handle() + ": " + review.ErrBeforeSubmitted.Error() + " (it is dated 2024-03-04 10:00 UTC, ahead of this clock: it can be decided from then on)"
	if !errors.Is(err, review.ErrBeforeSubmitted) || err.Error() != "claim: "+want || !strings.HasSuffix(decided.Error(), want) {
		t.Errorf("claim of an attempt submitted ahead: %v\nwant the decision's line: %v", err, decided)
	}
	if q, _ := f.Queue("rev-b", "", 0); len(q) != 1 || q[0].Key() != ahead || q[0].Claimed {
		t.Errorf("queue %v: want it listed, unclaimed", handles(q))
	}
	f.clock.Set(time.Date(2024, 3, 4, 10, 0, 0, 0, time.UTC))
	if as, err := f.Next("rev-b", ""); err != nil || as.Attempt.Key() != ahead {
		t.Fatalf("Next once submitted = %v, %v; want %v", as.Attempt.Key(), err, ahead)
	}
	if _, err := f.Decide("rev-b", ahead, allMeets, nil); err != nil {
		t.Error(err)
	}
}

// TestNextBringsBackOwnLease: after a dropped connection the reviewer's
// next is the attempt they still hold, not the oldest in the queue, unless
// a credential filter excludes it or the lease has run out.
func TestNextBringsBackOwnLease(t *testing.T) {
	f := queueFixture(t)
	held := key("C-1", 1) // classroom-discourse; the queue's oldest is B-1
	f.claimWithDraft("rev-a", held)
	as, err := f.Next("rev-a", "")
	if err != nil || as.Attempt.Key() != held || as.Draft.Levels["C1"] != "meets" {
		t.Fatalf("Next with a held attempt = %v (draft %+v), %v; want %v with its draft", as.Attempt.Key(), as.Draft, err, held)
	}
	if as, err := f.Next("rev-b", ""); err != nil || as.Attempt.Key() != key("B-1", 1) {
		t.Errorf("another reviewer's Next = %v, %v; want B-1#1", as.Attempt.Key(), err)
	}
	if as, err := f.Next("rev-a", "descriptive-feedback"); err != nil || as.Attempt.Key() != key("A-2", 1) {
		t.Errorf("Next filtered to another credential = %v, %v; want A-2#1 (B-1 is rev-b's)", as.Attempt.Key(), err)
	}
	// rev-a now holds C-1 and A-2: the older submission comes first.
	if as, err := f.Next("rev-a", ""); err != nil || as.Attempt.Key() != key("A-2", 1) {
		t.Errorf("Next with two held = %v, %v; want the older, A-2#1", as.Attempt.Key(), err)
	}
	f.clock.Advance(review.LeaseDuration + time.Second)
	if as, err := f.Next("rev-a", ""); err != nil || as.Attempt.Key() != key("B-1", 1) {
		t.Errorf("Next after the leases ran out = %v, %v; want the queue's oldest, B-1#1", as.Attempt.Key(), err)
	}
}

// TestQueueShowsClaimsAndDrafts: each reviewer's queue tells who holds a
// claim until when, which claim is theirs, and which attempts they have a
// draft of, also after their own claim lapsed.
func TestQueueShowsClaimsAndDrafts(t *testing.T) {
	f := queueFixture(t)
	k := key("B-1", 1)
	f.claimWithDraft("rev-a", k)
	until := t0.Add(review.LeaseDuration)
	item := func(reviewer string) review.QueueItem {
		t.Helper()
		q, err := f.Queue(reviewer, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range q {
			if it.Key() == k {
				return it
			}
		}
		t.Fatalf("%s's queue lacks %v", reviewer, k)
		return review.QueueItem{}
	}
	if it := item("rev-b"); !it.Claimed || it.Holder != "rev-a" || !it.Until.Equal(until) || it.Mine || it.Draft {
		t.Errorf("B sees %+v; want claimed by rev-a until %v, no draft", it, until)
	}
	if it := item("rev-a"); it.Claimed || it.Holder != "rev-a" || !it.Mine || !it.Draft || !it.Until.Equal(until) {
		t.Errorf("A sees %+v; want their own claim and draft", it)
	}
	f.clock.Advance(review.LeaseDuration)
	if it := item("rev-a"); it.Holder != "" || it.Mine || !it.Draft {
		t.Errorf("A sees %+v after the lease lapsed; want no claim, the draft", it)
	}
}

// TestLeadReleasesClaim: a lead ends another reviewer's claim with a
// reason, recorded; the holder's draft stays; refusals change nothing.
func TestLeadReleasesClaim(t *testing.T) {
	f := queueFixture(t)
	if err := f.AddReviewer(review.Reviewer{ID: "lead-1", Role: review.RoleLead}); err != nil {
		t.Fatal(err)
	}
	if err := f.AddReviewer(review.Reviewer{ID: "rev-c"}); err != nil {
		t.Fatal(err)
	}
	k := key("B-1", 1)
	f.claimWithDraft("rev-a", k)

	before := f.written(k)
	for _, tt := range []struct {
		who, reason string
		k           review.AttemptKey
		want        error
	}{
		{"rev-c", "gone", k, review.ErrNotLead},
		{"lead-1", " ", k, review.ErrNoReason},
		{"lead-1", "gone", key("C-1", 1), review.ErrNotClaimed},
		{"lead-1", "gone", key("Z-9", 1), review.ErrNotPending},
	} {
		if _, err := f.ReleaseClaim(tt.who, tt.k, tt.reason); !errors.Is(err, tt.want) {
			t.Errorf("ReleaseClaim(%s, %v, %q) = %v, want %v", tt.who, tt.k, tt.reason, err, tt.want)
		}
	}
	f.unchanged("refused releases", before, k)
	if recs, err := f.Releases(); err != nil || len(recs) != 0 {
		t.Errorf("refused releases recorded: %v, %v", recs, err)
	}

	f.clock.Advance(5 * time.Minute)
	rec, err := f.ReleaseClaim("lead-1", k, "rev-a is on leave")
	if err != nil {
		t.Fatal(err)
	}
	if rec.Holder != "rev-a" || rec.Lead != "lead-1" || rec.Reason != "rev-a is on leave" || !rec.At.Equal(t0.Add(5*time.Minute)) || rec.Attempt != 1 {
		t.Errorf("release record %+v", rec)
	}
	if _, err := f.Claim("rev-b", k); err != nil {
		t.Errorf("B claims after the lead released A's claim: %v", err)
	}
	if d, ok, err := f.Draft("rev-a", k); err != nil || !ok || d.Levels["C1"] != "meets" {
		t.Errorf("A's draft after the lead's release: %+v %v %v", d, ok, err)
	}
	if recs, err := f.Releases(); err != nil || len(recs) != 1 || recs[0] != rec {
		t.Errorf("Releases = %+v, %v; want [%+v]", recs, err, rec)
	}
	// The audit log has it too, and none of the refusals.
	want := review.AuditRecord{At: rec.At, Lead: "lead-1", Application: k.Application, Pseudonym: rec.Pseudonym, Reason: "rev-a is on leave",
		Action: review.AuditClaimReleased, Subject: rec.Handle() + " from rev-a"}
	if recs, err := f.Audit(); err != nil || len(recs) != 1 || recs[0] != want {
		t.Errorf("Audit = %+v, %v; want [%+v]", recs, err, want)
	}
}

// TestAssignmentRedactsEarlierFeedback: feedback on an earlier attempt
// that names its candidate (imported from another system, or amended)
// reaches the reviewer of the resubmission redacted, as the evidence
// does, and so does what the leak scan flags in evidence (the candidate's
// other details, a listed school, another's e-mail and phone), with
// reviewer ids however written; the decision of record keeps it as
// written, for the candidate's own feedback export.
func TestAssignmentRedactsEarlierFeedback(t *testing.T) {
	f := newFixture(t)
	if _, err := f.AddListedName("Keaukaha Elementary"); err != nil {
		t.Fatal(err)
	}
	d := decision("A-1", 1, "rev-0", "2024-02-03T10:00:00Z", "meets", "not-yet", "meets")
	d["feedback"] = map[string]string{
		"C2":      "Dana Ruiz, please revise for Hilo.",
		"C3":      "Good, staff HI-448812 at Keaukaha Elementary; ask lani@school.org or 808-555-1234. Rev 0",
		"overall": "Thanks, dana@example.org.",
	}
	var subs []line
	for n, at := range []string{"2024-02-01T10:00:00Z", "2024-02-05T10:00:00Z"} {
		sub := submission("A-1", "descriptive-feedback", n+1, at)
		sub["candidate"].(map[string]string)["staff_id"] = "HI-448812"
		subs = append(subs, sub)
	}
	f.mustImport(subs[0], d, subs[1])
	as, err := f.Claim("rev-a", key("A-1", 2))
	if err != nil {
		t.Fatal(err)
	}
	if len(as.Previous) != 1 {
		t.Fatalf("previous %+v, want attempt 1", as.Previous)
	}
	want := map[string]string{
		"C2":      "[candidate name], please revise for [candidate district].",
		"C3":      "Good, staff [redacted] at [redacted]; ask [redacted] or [redacted]. [reviewer]",
		"overall": "Thanks, [candidate email].",
	}
	if got := as.Previous[0].Decision.Feedback; !maps.Equal(got, want) {
		t.Errorf("earlier feedback shown as %q, want %q", got, want)
	}
	stored, _, err := f.Decision(key("A-1", 1))
	if err != nil || stored.Feedback["C2"] != "Dana Ruiz, please revise for Hilo." {
		t.Errorf("decision of record: %q %v", stored.Feedback, err)
	}
}

// TestInvalidReviewerIDRecordsNothing: an id no reviewer can be registered
// under ("bad id!") neither claims, nor saves a draft, nor decides: it
// would name a reviewer in every report that no one can look up.
func TestInvalidReviewerIDRecordsNothing(t *testing.T) {
	f := queueFixture(t)
	k := key("B-1", 1)
	before := f.written(k)
	if _, err := f.Claim("bad id!", k); !errors.Is(err, ErrInvalid) || !errors.Is(err, review.ErrBadID) {
		t.Errorf("claim: %v, want ErrInvalid", err)
	}
	if err := f.SaveDraft("bad id!", k, review.Draft{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("draft: %v, want ErrInvalid", err)
	}
	if _, err := f.Decide("bad id!", k, allMeets, nil); !errors.Is(err, ErrInvalid) {
		t.Errorf("decide: %v, want ErrInvalid", err)
	}
	f.unchanged("an invalid id's claim, draft and decision", before, k)
}
