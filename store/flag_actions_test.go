package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// flaggedAttempt is a store holding A-1#1, whose text holds another
// teacher's e-mail and phone and whose file plan.txt names the candidate
// and holds a phone; src is the file as submitted.
func flaggedAttempt(t *testing.T) (*fixture, Files) {
	return flaggedAttemptAt(t, "2024-02-01T10:00:00Z")
}

// flaggedAttemptAt is flaggedAttempt with A-1#1 submitted at submitted.
func flaggedAttemptAt(t *testing.T, submitted string) (*fixture, Files) {
	f := newFixture(t)
	src := Files{"plan.txt": []byte("Prepared by Dana Ruiz, office 808-555-0111")}
	sub := withFiles("A-1", 1, submitted, "plan.txt").with("parts", []map[string]any{
		{"title": "Part 1", "text": "Ask Kim Ota at kim.ota@example.org or 808-555-0100.", "files": []string{"plan.txt"}}})
	if _, err := f.importFiles(src, sub); err != nil {
		t.Fatal(err)
	}
	return f, src
}

// TestReleaseFileWithOpenFlags: a file released with flags still open in
// it closes them, and its audit record says how many went.
func TestReleaseFileWithOpenFlags(t *testing.T) {
	f, _ := flaggedAttempt(t)
	if err := f.AddReviewer(review.Reviewer{ID: "lead", Role: review.RoleLead}); err != nil {
		t.Fatal(err)
	}
	// f1 as a lead read it before another's work made another file f1.
	stale := RedactedFile{ID: "f1", Place: "part 2, file 1", Name: "other.txt"}
	if _, err := f.ReleaseFile("lead", key("A-1", 1), "f1", &stale, "as read"); !errors.Is(err, review.ErrFlagsChanged) {
		t.Errorf("release of a file read as another: %v", err)
	}
	rep, err := f.ReleaseFile("lead", key("A-1", 1), "f1", &RedactedFile{ID: "f1", Place: "part 1, file 1", Name: "plan.txt"}, "the candidate agreed")
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Open) != 2 || len(rep.Files) != 0 {
		t.Errorf("flags after the release: %+v", rep)
	}
	recs, err := f.Audit()
	if err != nil {
		t.Fatal(err)
	}
	if want := rep.Handle + " f1 (part 1, file 1; 1 open flag in it closed)"; len(recs) != 1 || recs[0].Subject != want {
		t.Errorf("audit %+v, want the subject %q", recs, want)
	}
}

// TestWorkFlags: a lead reads the open flags in context and what import
// redacted, redacts one (later spans in the same text still fit), clears
// another, redacts one inside a file and releases the file; the queue's
// count, the leak index and the claim policy follow, and every read and
// action is audited.
func TestWorkFlags(t *testing.T) {
	f, src := flaggedAttempt(t)
	for _, r := range []review.Reviewer{{ID: "lead", Role: review.RoleLead}, {ID: "rev-1"}} {
		if err := f.AddReviewer(r); err != nil {
			t.Fatal(err)
		}
	}
	k := key("A-1", 1)
	if _, err := f.FlagReport("rev-1", k, "curious"); err == nil {
		t.Fatal("a reviewer read the flags")
	}
	if _, err := f.FlagReport("lead", k, " "); err == nil {
		t.Fatal("read without a reason")
	}
	rep, err := f.FlagReport("lead", k, "working flags")
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Open) != 3 || rep.Open[0].Context != "Ask Kim Ota at ⟦kim.ota@example.org⟧ or 808-555-0100." ||
		rep.Open[2].Context != "Prepared by [candidate name], office ⟦808-555-0111⟧" {
		t.Fatalf("open flags %+v", rep.Open)
	}
	if len(rep.Redacted) != 1 || rep.Redacted[0].Context != "Prepared by ⟦Dana Ruiz⟧, office 808-555-0111" || len(rep.Files) != 1 || rep.Files[0].ID != "f1" {
		t.Fatalf("redacted %+v, files %+v", rep.Redacted, rep.Files)
	}
	read := rep.Open[0] // the address, as a second lead read it
	// The flags as the action left them come back with it: its audit
	// record covers reading them (one record, not a second read).
	rep, err = f.WorkFlag("lead", k, 1, nil, review.FlagRedact, "another teacher's address")
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Open) != 2 || rep.Open[0].N != 1 || rep.Open[0].Context != "Ask Kim Ota at [redacted] or ⟦808-555-0100⟧." || len(rep.Actions) != 1 {
		t.Errorf("flags after the redaction: %+v", rep)
	}
	a, _ := f.Attempt(k)
	if a.Parts[0].Text != "Ask Kim Ota at [redacted] or 808-555-0100." {
		t.Errorf("reviewer's text %q", a.Parts[0].Text)
	}
	if l := a.Leaks[0]; a.Parts[0].Text[l.Start:l.End] != "808-555-0100" {
		t.Errorf("the next span no longer fits: %q", a.Parts[0].Text[l.Start:l.End])
	}
	// The second lead clears flag 1 as they read it, the address: flag 1
	// is the phone now, and nothing is done.
	if _, err := f.WorkFlag("lead", k, 1, &read, review.FlagClear, "not identifying"); !errors.Is(err, review.ErrFlagsChanged) ||
		err.Error() != "leaks clear: flag 1 of "+a.Handle()+" is now part 1 (phone): "+review.ErrFlagsChanged.Error() {
		t.Errorf("clear of a flag read before another lead worked it: %v", err)
	}
	if a, _ := f.Attempt(k); len(a.Leaks) != 2 { // and no audit record (below)
		t.Errorf("after a refused clear: %d open flags, want 2", len(a.Leaks))
	}
	if _, err := f.WorkFlag("lead", k, 1, &rep.Open[0], review.FlagClear, "the school's switchboard"); err != nil {
		t.Fatal(err)
	}
	if q, _ := f.Queue("rev-1", "", 0); len(q) != 1 || q[0].Flags != 1 {
		t.Errorf("queue %+v, want one open flag", q)
	}

	// The policy holds the attempt back from reviewers, not from leads.
	if err := f.SetRequireFlagsWorked(true); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Claim("rev-1", k); !errors.Is(err, ErrFlagsOpen) {
		t.Errorf("claim with open flags: %v, want ErrFlagsOpen", err)
	}
	if _, err := f.Next("rev-1", ""); !errors.Is(err, review.ErrQueueEmpty) {
		t.Errorf("next with open flags: %v, want an empty queue", err)
	}
	if _, err := f.WorkFlag("lead", k, 1, nil, review.FlagRedact, "staff phone"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.WorkFlag("lead", k, 1, nil, review.FlagRedact, "again"); !errors.Is(err, review.ErrNoFlag) {
		t.Errorf("no flag left: %v", err)
	}
	a, _ = f.Attempt(k)
	at := a.Parts[0].Attachments[0]
	if _, err := f.Claim("rev-1", k); err != nil {
		t.Fatalf("claim once worked: %v", err)
	}
	if data, _ := f.Attachment("rev-1", k, at.Hash); string(data) != "Prepared by [candidate name], office [redacted]" || !at.Redacted {
		t.Errorf("reviewer's file %q, %+v", data, at)
	}
	if fl, _ := f.Flagged(); len(fl) != 0 {
		t.Errorf("flagged %+v, want none open", fl)
	}
	if q, _ := f.Queue("rev-1", "", 0); len(q) != 1 || q[0].Flags != 0 {
		t.Errorf("queue %+v", q)
	}

	// Released, the reviewer gets the file as submitted.
	rep, err = f.ReleaseFile("lead", k, "f1", nil, "the candidate agreed")
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Files) != 0 || len(rep.Open) != 0 {
		t.Errorf("flags after the release: %+v", rep)
	}
	a, _ = f.Attempt(k)
	if at := a.Parts[0].Attachments[0]; at.Redacted || at.Hash != review.NewAttachment("plan.txt", src["plan.txt"]).Hash {
		t.Errorf("released file %+v", at)
	}
	if _, err := f.ReleaseFile("lead", k, "f1", nil, "twice"); !errors.Is(err, review.ErrNotRedactedFile) {
		t.Errorf("release twice: %v", err)
	}
	recs, err := f.Audit()
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, r := range recs {
		actions = append(actions, r.Action+" "+r.Subject)
	}
	// The subject is the attempt whose flags were worked, and which flag
	// or file, as leaks show numbers them when the work was done.
	h := rep.Handle
	if got, want := strings.Join(actions, ",\n"), strings.Join([]string{"show flags " + h, "redact flag " + h + " flag 1 (email, part 1)",
		"clear flag " + h + " flag 1 (phone, part 1)", "redact flag " + h + " flag 1 (phone, part 1, file plan.txt)",
		"release file " + h + " f1 (part 1, file 1)"}, ",\n"); got != want {
		t.Errorf("audit actions:\n%s\nwant:\n%s", got, want)
	}
	rep, _ = f.FlagReport("lead", k, "review the work")
	if len(rep.Actions) != 4 || rep.Actions[0].Reason != "another teacher's address" || rep.Actions[3].Action != review.FlagRelease {
		t.Errorf("actions %+v", rep.Actions)
	}
	f.mustCheck()
}

// TestFlagWorkWaitsForSubmission: the flags of an attempt imported with a
// submitted_at still ahead of the clock (import takes up to a week) are
// neither redacted, cleared nor released until then, refused in one line
// naming the submission's time: the action would be recorded before the
// submission it changes, as a decision would.
func TestFlagWorkWaitsForSubmission(t *testing.T) {
	f, _ := flaggedAttemptAt(t, "2024-03-04T10:00:00Z") // three days past the clock
	if err := f.AddReviewer(review.Reviewer{ID: "lead", Role: review.RoleLead}); err != nil {
		t.Fatal(err)
	}
	k := key("A-1", 1)
	a, _ := f.Attempt(k)
	want := a.Handle() + ": worked before it was submitted (it is dated 2024-03-04 10:00 UTC, ahead of this clock: its flags can be worked from then on)"
	for _, action := range []string{review.FlagRedact, review.FlagClear} {
		if _, err := f.WorkFlag("lead", k, 1, nil, action, "another teacher's address"); !errors.Is(err, review.ErrWorkedBeforeSubmitted) || err.Error() != "leaks "+action+": "+want {
			t.Errorf("%s before the submission: %v\nwant: leaks %s: %s", action, err, action, want)
		}
	}
	if _, err := f.ReleaseFile("lead", k, "f1", nil, "the candidate agreed"); !errors.Is(err, review.ErrWorkedBeforeSubmitted) || err.Error() != "leaks clear: "+want {
		t.Errorf("release before the submission: %v\nwant: leaks clear: %s", err, want)
	}
	if a, _ := f.Attempt(k); len(a.Leaks) != 3 {
		t.Errorf("after refused work: %d open flags, want 3", len(a.Leaks))
	}
	if recs, _ := f.Audit(); len(recs) != 0 {
		t.Errorf("refused work audited: %+v", recs)
	}
	f.clock.Set(a.SubmittedAt)
	rep, err := f.WorkFlag("lead", k, 1, nil, review.FlagRedact, "another teacher's address")
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Actions) != 1 || rep.Actions[0].At.Before(a.SubmittedAt) {
		t.Errorf("actions %+v, want one dated from the submission on", rep.Actions)
	}
}

// TestRequireWorkedPassesHeldAttemptBy: rev-1 holds A-1#1 (flagged) from
// before an admin turns require-worked on; A-2#1 is clean. Next passes
// the flagged attempt by, held or not, and offers A-2#1.
func TestRequireWorkedPassesHeldAttemptBy(t *testing.T) {
	f := heldFlagged(t)
	as, err := f.Next("rev-1", "")
	if err != nil {
		t.Fatalf("next after require-worked on, holding a flagged attempt: %v", err)
	}
	if as.Attempt.Key() != key("A-2", 1) {
		t.Errorf("next offered %v, want the clean A-2#1", as.Attempt.Key())
	}
}

// TestRequireWorkedHoldsExampleBack: with require-worked on, an attempt
// whose flag no lead has worked is held back from reviewers also as a
// calibration example: calibrate's next passes it by, and opening it is
// refused, until a lead works the flag.
func TestRequireWorkedHoldsExampleBack(t *testing.T) {
	f := newFixture(t)
	for _, r := range []review.Reviewer{{ID: "lead-1", Role: review.RoleLead}, {ID: "rev-1"}} {
		if err := f.AddReviewer(r); err != nil {
			t.Fatal(err)
		}
	}
	f.mustImport(submission("E-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("parts", []map[string]any{
		{"title": "Part 1", "text": "Call our principal at 808-555-0100 any time."}}),
		decision("E-1", 1, "rev-0", "2024-02-01T12:00:00Z", "meets", "meets", "meets"))
	if err := f.SetRequireFlagsWorked(true); err != nil {
		t.Fatal(err)
	}
	if a, _ := f.Attempt(key("E-1", 1)); len(a.Leaks) == 0 {
		t.Fatal("the phone is not flagged")
	}
	if _, err := f.AddCalibrationExample("lead-1", key("E-1", 1), nil); err != nil {
		t.Fatal(err)
	}
	as, err := f.Calibration().Next("rev-1", "")
	if !errors.Is(err, review.ErrQueueEmpty) {
		t.Errorf("require-worked on: next gave %s (%v), want the flagged example passed by", as.Attempt.Handle(), err)
	}
	if _, err := f.Calibration().Claim("rev-1", key("E-1", 1)); !errors.Is(err, ErrFlagsOpen) {
		t.Errorf("require-worked on: opening the flagged example: %v, want %v", err, ErrFlagsOpen)
	}
	if err := f.SetRequireFlagsWorked(false); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Calibration().Next("rev-1", ""); err != nil {
		t.Errorf("require-worked off: %v", err)
	}
}

// TestRequireWorkedResumesOtherLease: rev-1 held flagged A-1#1 from
// before require-worked came on; n passed it by and leased A-2#1, where
// rev-1 wrote a draft. When an older attempt (A-0#1) comes in, n resumes
// A-2#1, as it does when nothing is flagged.
func TestRequireWorkedResumesOtherLease(t *testing.T) {
	f := heldFlagged(t)
	as, err := f.Next("rev-1", "")
	if err != nil || as.Attempt.Key() != key("A-2", 1) {
		t.Fatalf("next: %v %v", as.Attempt.Key(), err)
	}
	if err := f.SaveDraft("rev-1", key("A-2", 1), review.Draft{Levels: map[string]string{"C1": "meets"}, SavedAt: f.clock.Now()}); err != nil {
		t.Fatal(err)
	}
	f.mustImport(submission("A-0", "descriptive-feedback", 1, "2024-01-15T10:00:00Z").with("parts", []map[string]any{
		{"title": "Part 1", "text": "We read aloud daily."}}))
	as, err = f.Next("rev-1", "")
	if err != nil {
		t.Fatal(err)
	}
	if as.Attempt.Key() != key("A-2", 1) || !as.Resumed {
		t.Errorf("next gave %v (resumed %v), want rev-1's own A-2#1 resumed", as.Attempt.Key(), as.Resumed)
	}
}

// TestRequireWorkedHoldsResubmissionOfFlagged: A-1#1, whose text holds a
// phone number no lead has worked, was sent back; its clean resubmission
// A-1#2 comes in. A reviewer of #2 reads #1 too (the diff, the history),
// so with require-worked on #2 is held back as #1 would be, until a lead
// works #1's flag.
func TestRequireWorkedHoldsResubmissionOfFlagged(t *testing.T) {
	f := newFixture(t)
	for _, r := range []review.Reviewer{{ID: "lead-1", Role: review.RoleLead}, {ID: "rev-1"}} {
		if err := f.AddReviewer(r); err != nil {
			t.Fatal(err)
		}
	}
	f.mustImport(
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("parts", []map[string]any{
			{"title": "Part 1", "text": "Call our principal at 808-555-0100 any time."}}),
		decision("A-1", 1, "lead-1", "2024-02-02T10:00:00Z", "meets", "not-yet", "meets"),
		submission("A-1", "descriptive-feedback", 2, "2024-02-05T10:00:00Z").with("parts", []map[string]any{
			{"title": "Part 1", "text": "My students set goals each week."}}),
	)
	if err := f.SetRequireFlagsWorked(true); err != nil {
		t.Fatal(err)
	}
	if as, err := f.Next("rev-1", ""); !errors.Is(err, review.ErrQueueEmpty) {
		t.Errorf("next gave %s (%v), want the resubmission of a flagged attempt passed by", as.Attempt.Handle(), err)
	}
	if _, err := f.Claim("rev-1", key("A-1", 2)); !errors.Is(err, ErrFlagsOpen) || !strings.Contains(err.Error(), "#1") {
		t.Errorf("claim of A-1#2: %v, want %v naming attempt 1", err, ErrFlagsOpen)
	}
	if _, err := f.Claim("lead-1", key("A-1", 2)); err != nil {
		t.Errorf("a lead's claim: %v", err)
	}
}

// heldFlagged is a store where rev-1 holds A-1#1, whose phone number is
// flagged, from before an admin turned require-worked on; A-2#1 is clean.
func heldFlagged(t *testing.T) *fixture {
	f := newFixture(t)
	if err := f.AddReviewer(review.Reviewer{ID: "rev-1"}); err != nil {
		t.Fatal(err)
	}
	flagged := submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("parts", []map[string]any{
		{"title": "Part 1", "text": "Call me at 808-555-0100 any time."}})
	clean := submission("A-2", "descriptive-feedback", 1, "2024-02-02T10:00:00Z").with("parts", []map[string]any{
		{"title": "Part 1", "text": "My students set goals each week."}})
	f.mustImport(flagged, clean)
	if _, err := f.Claim("rev-1", key("A-1", 1)); err != nil {
		t.Fatal(err)
	}
	if err := f.SetRequireFlagsWorked(true); err != nil {
		t.Fatal(err)
	}
	return f
}

// TestRequireWorkedDraftSaveDoesNotReclaim: rev-1 holds F-1, whose
// evidence has an open flag (another person's phone), when the program
// turns require-worked on; a lead releases the claim. "A reviewer cannot
// claim an attempt with open flags … until a lead has worked them all"
// (docs/workflow.md), so rev-1's next keystroke (a draft save) must not
// take the attempt again; what rev-1 typed is kept, without the claim.
func TestRequireWorkedDraftSaveDoesNotReclaim(t *testing.T) {
	f, k := heldWhenPolicyCame(t)
	if _, err := f.ReleaseClaim("lead-1", k, "flags must be worked first"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Claim("rev-1", k); err == nil {
		t.Fatal("Claim took a flagged attempt under require-worked")
	}
	d, _, err := f.Draft("rev-1", k)
	if err != nil {
		t.Fatal(err)
	}
	d.Levels["C2"] = "meets"
	_, took, err := f.SaveDraftLease("rev-1", k, d)
	if took || !errors.Is(err, ErrFlagsOpen) || !errors.Is(err, review.ErrDraftAside) {
		t.Errorf("a draft save claimed F-1 again, its flags still open (took %v, err %v)", took, err)
	}
	// What rev-1 typed is kept, as when another reviewer holds it.
	if kept, _, err := f.Draft("rev-1", k); err != nil || kept.Levels["C2"] != "meets" {
		t.Errorf("rev-1's typed draft was not kept: %+v, %v", kept.Levels, err)
	}
}

// TestRequireWorkedDecisionWaitsWithoutClaim: rev-1 held F-1 (an open flag)
// when require-worked came on, and the claim ended, released by a lead or
// run out. As a draft save keeps the draft without the claim, a decision
// (`y`) must wait for a lead to work the flags too, where it was recorded.
func TestRequireWorkedDecisionWaitsWithoutClaim(t *testing.T) {
	for _, ended := range []string{"released", "lapsed"} {
		t.Run(ended, func(t *testing.T) {
			f, k := heldWhenPolicyCame(t)
			if ended == "released" {
				if _, err := f.ReleaseClaim("lead-1", k, "flags must be worked first"); err != nil {
					t.Fatal(err)
				}
			} else {
				f.clock.Advance(review.LeaseDuration + time.Minute)
			}
			levels := map[string]string{"C1": "meets", "C2": "meets", "C3": "meets"}
			d, _, err := f.Draft("rev-1", k)
			if err != nil {
				t.Fatal(err)
			}
			d.Levels = levels
			if _, err := f.DecideDraft("rev-1", k, d); !errors.Is(err, ErrFlagsOpen) {
				t.Errorf("DecideDraft with the claim %s and the flags open: %v, want ErrFlagsOpen", ended, err)
			}
			if _, err := f.Decide("rev-1", k, levels, nil); !errors.Is(err, ErrFlagsOpen) {
				t.Errorf("Decide with the claim %s and the flags open: %v, want ErrFlagsOpen", ended, err)
			}
			if _, ok, _ := f.Decision(k); ok {
				t.Error("F-1 was decided before a lead worked its flags")
			}
		})
	}
}

// TestRequireWorkedDecisionWithTheClaim: the reviewer who still holds the
// claim they took before require-worked came on records the decision:
// only a decision without the claim waits for the flags, as a claim
// would (docs/workflow.md: the policy stops claims, and a decision whose
// claim a lead released or that ran out).
func TestRequireWorkedDecisionWithTheClaim(t *testing.T) {
	f, k := heldWhenPolicyCame(t)
	if _, err := f.Decide("rev-1", k, map[string]string{"C1": "meets", "C2": "meets", "C3": "meets"}, nil); err != nil {
		t.Fatalf("Decide with the claim held: %v, want the decision recorded", err)
	}
	if _, ok, _ := f.Decision(k); !ok {
		t.Error("F-1 has no decision of record")
	}
}

// heldWhenPolicyCame is a store where rev-1 holds F-1, whose evidence has
// an open flag (another person's phone), with a draft, when the program
// turns require-worked on; lead-1 is a lead.
func heldWhenPolicyCame(t *testing.T) (*fixture, review.AttemptKey) {
	t.Helper()
	f := newFixture(t)
	f.mustImport(submission("F-1", "descriptive-feedback", 1, "2024-02-07T10:00:00Z").with("parts", []map[string]any{
		{"title": "Part 1", "text": "Call our principal at 808-555-0100 any time."}}))
	for _, r := range []review.Reviewer{{ID: "lead-1", Role: review.RoleLead}, {ID: "rev-1"}} {
		if err := f.AddReviewer(r); err != nil {
			t.Fatal(err)
		}
	}
	k := key("F-1", 1)
	f.claimWithDraft("rev-1", k)
	if err := f.SetRequireFlagsWorked(true); err != nil {
		t.Fatal(err)
	}
	return f, k
}
