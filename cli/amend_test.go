package cli

import (
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// TestAmendAndHistory: amend needs a reason, a lead and well-formed
// levels; a lead's amendment is reported and shows in the history; an
// attempt followed by another cannot be amended to pass; history is for
// leads and shows no identity.
func TestAmendAndHistory(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	// A1 attempt 1 was passed by rev-a; send it back on C2.
	fb := "C2=Add a labelled sample that shows students acting on the feedback, and explain how it connects."
	args := []string{"amend", "A1#1", "--as", "lead-1", "--db", db, "--level", "C2=not-yet", "--feedback", fb}
	if _, _, err := runLead(t, "", args...); err == nil || err.Error() != "amend needs --reason: say why the decision changes" {
		t.Fatalf("no reason: %v", err)
	}
	if _, _, err := runLead(t, "", append(args[:len(args):len(args)], "--reason", "x", "--as", "rev-x")...); err == nil ||
		!strings.Contains(err.Error(), "lead tools need role lead or admin") {
		t.Fatalf("reviewer amend: %v", err)
	}
	if _, _, err := runLead(t, "", "amend", "A1#1", "--as", "lead-1", "--db", db, "--reason", "x", "--level", "C2"); err == nil ||
		!strings.Contains(err.Error(), "want CRITERION=VALUE") {
		t.Fatalf("bad --level: %v", err)
	}
	// The pass's overall feedback would congratulate under a resubmit.
	if _, _, err := runLead(t, "", append(args[:len(args):len(args)], "--reason", "x")...); err == nil ||
		!strings.Contains(err.Error(), "changes from pass to resubmit: the overall feedback was written for the old outcome: give --overall") {
		t.Fatalf("amend keeping the overall feedback: %v", err)
	}
	out := mustRun(t, append(args, "--reason", "appeal: C2 sample was mislabelled", "--overall", "Close: C2 needs a labelled sample.")...)
	if !strings.Contains(out, "pass → resubmit (C1 meets, C2 not-yet); recorded in history by lead-1") {
		t.Errorf("amend: %q", out)
	}

	// Amending to pass an attempt followed by another is refused.
	_, _, err := runLead(t, "", "amend", "A2#1", "--as", "lead-1", "--db", db, "--reason", "x", "--level", "C2=meets")
	if err == nil || !strings.Contains(err.Error(), "a later attempt was submitted after it") {
		t.Errorf("conflicting amend: %v", err)
	}

	out = mustRun(t, "history", "A1", "--as", "lead-1", "--db", db)
	// The decided line names who decided first and who amended; the
	// columns hold the widest action (adjudicate).
	for _, want := range []string{"application A1", "attempt 1 · submitted 2024-02-01 · resubmit", "by rev-a; amended ", " by lead-1)",
		"  import      rev-a  ", "pass", "  amend       lead-1 ", "C1 meets · C2 not-yet", "reason: appeal: C2 sample was mislabelled", " · closed 2024-", "expired"} {
		if !strings.Contains(out, want) {
			t.Errorf("history lacks %q:\n%s", want, out)
		}
	}
	if _, _, err := runLead(t, "", "history", "A1", "--as", "rev-x", "--db", db); err == nil {
		t.Error("a reviewer read the history")
	}
	if out := mustRun(t, "history", "A1", "--as", "lead-1", "--db", db); strings.Contains(out, "Cand A1") {
		t.Errorf("history shows identity:\n%s", out)
	}
	st := openTestStore(t, db)
	defer st.Close()
	if probs, err := st.Check(); err != nil || len(probs) > 0 {
		t.Fatalf("check after amend: %v %q", err, probs)
	}
}

// TestDecidedByAfterAmend: history's "decided … by" names whoever made the
// decision of record that was amended: after a second review that agreed,
// the first reviewer (the entry is recorded by the second, its decision
// is the first's); after an import, the reviewer the file named.
func TestDecidedByAfterAmend(t *testing.T) {
	at := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	amend := review.HistoryEntry{Action: review.ActionAmend, By: "lead-1", At: at, Decision: review.Decision{Reviewer: "lead-1"}}
	for _, tc := range []struct {
		name string
		h    []review.HistoryEntry
		want string
	}{
		{"agreed second review", []review.HistoryEntry{
			{Action: review.ActionReview1, By: "rev-1", Decision: review.Decision{Reviewer: "rev-1"}},
			{Action: review.ActionAgreed, By: "rev-2", Decision: review.Decision{Reviewer: "rev-1"}},
			amend,
		}, "rev-1; amended 2026-12-05 by lead-1"},
		{"import", []review.HistoryEntry{
			{Action: review.ActionImport, By: "demo", Decision: review.Decision{Reviewer: "rev-9"}},
			amend, amend,
		}, "rev-9; amended 2026-12-05 by lead-1"},
	} {
		if got := decidedBy(review.Decision{Reviewer: "lead-1"}, tc.h); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestHistoryHeaderWindow: the header gives an open application's window
// end as "closes" (or "closed", once passed, while its last attempt awaits
// a decision), an expired one's as "closed", and none for a passed one.
func TestHistoryHeaderWindow(t *testing.T) {
	start := time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)
	now := start.AddDate(0, 1, 0)
	for _, tc := range []struct {
		app  review.Application
		now  time.Time
		want string
	}{
		{review.Application{ID: "A", StartedAt: start}, now, "started 2026-01-10 · closes 2026-07-10 · open\n"},
		{review.Application{ID: "A", StartedAt: start, LastOutcome: review.Pass}, now, "started 2026-01-10 · passed\n"},
		{review.Application{ID: "A", StartedAt: start, LastOutcome: review.Resubmit}, start.AddDate(1, 0, 0), "started 2026-01-10 · closed 2026-07-10 · expired\n"},
		// Its last attempt, submitted in time, still awaits a decision.
		{review.Application{ID: "A", StartedAt: start}, start.AddDate(1, 0, 0), "started 2026-01-10 · closed 2026-07-10 · open until its last attempt is decided\n"},
	} {
		var b strings.Builder
		writeHistory(&b, tc.app, nil, tc.now)
		if !strings.HasSuffix(b.String(), tc.want) {
			t.Errorf("header %q, want it to end %q", b.String(), tc.want)
		}
	}
}

// TestAmendNeedsAChange: amend with a reason but no --level, --feedback
// or --overall is refused and adds nothing to the history.
func TestAmendNeedsAChange(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	before := mustRun(t, "history", "A1", "--as", "lead-1", "--db", db)
	_, _, err := runLead(t, "", "amend", "A1#1", "--as", "lead-1", "--db", db, "--reason", "x")
	if err == nil || err.Error() != "amend needs a change: give --level, --feedback or --overall" {
		t.Errorf("amend without a change: %v", err)
	}
	if after := mustRun(t, "history", "A1", "--as", "lead-1", "--db", db); after != before {
		t.Errorf("history changed:\n%s\nwas:\n%s", after, before)
	}
}

// TestAmendOverallEmptyRemovesIt: --overall= (given, empty) removes the
// overall feedback, as the help says, so a pass can be amended to
// resubmit without new overall feedback.
func TestAmendOverallEmptyRemovesIt(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	fb := "C2=Add a labelled sample that shows students acting on the feedback, and explain how it connects."
	out, _, err := runLead(t, "", "amend", "A1#1", "--as", "lead-1", "--db", db, "--level", "C2=not-yet", "--feedback", fb,
		"--reason", "appeal", "--overall=")
	if err != nil || !strings.Contains(out, "pass → resubmit") {
		t.Errorf("amend with --overall=: %v %q", err, out)
	}
}

// TestHistoryShowsLeakFlags: an attempt's open leak flags are listed in
// its history, as places and kinds, without the matched text.
func TestHistoryShowsLeakFlags(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	mustRun(t, "config", "leaks", "add", "Kapolei High", "--db", db)
	sub := `{"type":"submission","application":"L-1","credential":"df","attempt":1,"submitted_at":"2024-05-01T00:00:00Z",` +
		`"candidate":{"name":"Noor Haddad"},"parts":[{"title":"Part 1: Overview","text":"I teach at Kapolei High."}]}`
	if _, _, err := runLead(t, sub+"\n", "import", "-", "--no-files", "--db", db); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, "history", "L-1", "--as", "lead-1", "--db", db)
	if !strings.Contains(out, "⚑ possible identifying detail in part 1 (school or district name)") || strings.Contains(out, "Kapolei") {
		t.Errorf("history of a flagged attempt:\n%s", out)
	}
}
