package store

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// badgeFixture: dana passed both Assessment Literacy credentials (A-1,
// A-2), lee passed one (B-1) and failed the other (B-2), and an
// application with no identity passed (N-1). lead-1 is a lead.
func badgeFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	f.mustImport(
		as(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"), "dana@example.org"),
		decision("A-1", 1, "rev-1", "2024-02-03T10:00:00Z", "meets", "meets", "meets"),
		as(submission("A-2", "classroom-discourse", 1, "2024-02-01T10:00:00Z"), "Dana@example.org"),
		decision("A-2", 1, "rev-1", "2024-02-09T10:00:00Z", "meets", "meets"),
		as(submission("B-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"), "lee@example.org"),
		decision("B-1", 1, "rev-1", "2024-02-04T10:00:00Z", "meets", "meets", "meets"),
		as(submission("B-2", "classroom-discourse", 1, "2024-02-01T10:00:00Z"), "lee@example.org"),
		decision("B-2", 1, "rev-1", "2024-02-04T10:00:00Z", "meets", "not-yet"),
		submission("N-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("candidate", nil),
		decision("N-1", 1, "rev-1", "2024-02-04T10:00:00Z", "meets", "meets", "meets"),
	)
	if err := f.AddReviewer(review.Reviewer{ID: "lead-1", Role: review.RoleLead}); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestBadges(t *testing.T) {
	f := badgeFixture(t)
	if _, err := f.Badges("rev-1"); !errors.Is(err, review.ErrNotLead) {
		t.Fatalf("a reviewer lists badges: %v", err)
	}
	set, err := f.Badges("lead-1")
	if err != nil {
		t.Fatal(err)
	}
	if len(set.NoEmail) != 1 || set.NoEmail[0] == "N-1" || len(set.Badges) != 4 {
		t.Fatalf("want A-1, A-2, B-1 and dana's stack, N-1 without email: %+v", set)
	}
	emails := map[string]string{"A-1": "dana@example.org", "A-2": "dana@example.org", "B-1": "lee@example.org"}
	var stacks []Badge
	for _, b := range set.Badges {
		if b.Stack != "" {
			stacks = append(stacks, b)
			continue
		}
		if b.Recipient.Identity != review.HashedIdentity(emails[b.Applications[0]], b.Recipient.Salt) || b.Attempt != 1 {
			t.Errorf("badge %+v", b)
		}
	}
	if len(stacks) != 1 {
		t.Fatalf("stack badges %+v", stacks)
	}
	s := stacks[0]
	if s.Stack != "Assessment Literacy" || !reflect.DeepEqual(s.Applications, []string{"A-2", "A-1"}) ||
		s.IssuedOn.Format("2006-01-02") != "2024-02-09" || s.Recipient.Identity != review.HashedIdentity("dana@example.org", s.Recipient.Salt) {
		t.Errorf("stack badge %+v", s)
	}
	for _, b := range set.Badges {
		if strings.Contains(b.Recipient.Identity+b.Recipient.Salt+b.ID, "example") {
			t.Errorf("badge leaks the email: %+v", b)
		}
	}
	again, err := f.Badges("lead-1")
	if err != nil || !reflect.DeepEqual(again, set) {
		t.Fatalf("badges differ between two reads: %v", err)
	}
}

func TestRevoke(t *testing.T) {
	f := badgeFixture(t)
	set, err := f.Badges("lead-1")
	if err != nil {
		t.Fatal(err)
	}
	id := set.Badges[0].ID
	for _, tt := range []struct {
		name, lead, id, reason string
		is                     error
	}{
		{"no reason", "lead-1", id, "  ", review.ErrNoReason},
		{"a reason past its bound", "lead-1", id, strings.Repeat("x", review.MaxReason+1), review.ErrReasonTooLong},
		{"not a lead", "rev-1", id, "fraud", review.ErrNotLead},
		{"unknown assertion", "lead-1", "c-nope", "fraud", ErrNotFound},
	} {
		if _, _, err := f.Revoke(tt.lead, tt.id, tt.reason); !errors.Is(err, tt.is) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.is)
		}
	}
	// The list is public: a reason naming the candidate's address is refused.
	if _, _, err := f.Revoke("lead-1", id, "Revoked: Zoe.Nunez@Example.org asked"); err == nil || !strings.Contains(err.Error(), "email address") {
		t.Errorf("a reason with an email address: %v", err)
	}
	rec, b, err := f.Revoke("lead-1", id, "Evidence was\nplagiarised.")
	if err != nil {
		t.Fatal(err)
	}
	if rec.By != "lead-1" || rec.Reason != "Evidence was plagiarised." || !rec.At.Equal(t0) || b.ID != id || b.Revocation == nil {
		t.Fatalf("revocation %+v of %+v", rec, b)
	}
	if _, _, err := f.Revoke("lead-1", id, "again"); !errors.Is(err, ErrRevoked) {
		t.Fatalf("revoked twice: %v", err)
	}
	set, err = f.Badges("lead-1")
	if err != nil || set.Badges[0].Revocation == nil || *set.Badges[0].Revocation != rec || set.Badges[1].Revocation != nil {
		t.Fatalf("badges after revoking: %v %+v", err, set.Badges)
	}
	all, err := f.Revocations()
	if err != nil || len(all) != 1 || all[0] != rec {
		t.Fatalf("revocations %+v, %v", all, err)
	}
	f.mustCheck()
}

// TestRevokeNotBeforeTheBadge: a pass imported with a decided_at ahead of
// the clock (import takes up to a week, docs/formats.md) issues its badge
// then, and revoking it is refused until then: recorded at once, the badge
// list would show it revoked before it was issued.
func TestRevokeNotBeforeTheBadge(t *testing.T) {
	f := badgeFixture(t)
	f.mustImport(
		as(submission("F-1", "descriptive-feedback", 1, "2024-02-28T10:00:00Z"), "fay@example.org"),
		decision("F-1", 1, "rev-1", "2024-03-04T10:00:00Z", "meets", "meets", "meets"), // 3 days past the clock
	)
	set, err := f.Badges("lead-1")
	if err != nil {
		t.Fatal(err)
	}
	id := credentialBadge(set, "F-1").ID
	_, _, err = f.Revoke("lead-1", id, "Issued in error.")
	if want := "revoke: assertion " + id + ": the badge is dated 2024-03-04T10:00:00Z, after now: revoke it after then"; !errors.Is(err, review.ErrDatedAhead) || err.Error() != want {
		t.Fatalf("revoking a badge dated ahead: %v, want %q", err, want)
	}
	if revs, err := f.Revocations(); err != nil || len(revs) != 0 {
		t.Fatalf("after the refusal: %v, %v; want no revocation", revs, err)
	}
	f.clock.Advance(time.Date(2024, 3, 4, 10, 0, 0, 0, time.UTC).Sub(t0))
	rec, b, err := f.Revoke("lead-1", id, "Issued in error.")
	if err != nil || rec.At.Before(b.IssuedOn) {
		t.Fatalf("revoking at the badge's time: %+v of %+v, %v", rec, b, err)
	}
	f.mustCheck()
}

func TestIssuer(t *testing.T) {
	f := newFixture(t)
	if _, ok, err := f.Issuer(); ok || err != nil {
		t.Fatalf("fresh store has an issuer: %v %v", ok, err)
	}
	if err := f.SetIssuer(review.Issuer{Name: "NEA", URL: "nea.org"}); !errors.Is(err, review.ErrIssuer) {
		t.Fatalf("relative URL: %v", err)
	}
	want := review.Issuer{Name: "NEA", URL: "https://nea.org", Email: "badges@nea.org"}
	if err := f.SetIssuer(want); err != nil {
		t.Fatal(err)
	}
	if got, ok, err := f.Issuer(); !ok || err != nil || got != want {
		t.Fatalf("issuer %+v %v %v", got, ok, err)
	}
}

// TestBadgeIssuedWhenAmendedToPass: a resubmit a lead amends to a pass
// earns its badge at the amendment, not on the date the decision keeps
// for turnaround.
func TestBadgeIssuedWhenAmendedToPass(t *testing.T) {
	f := badgeFixture(t)
	f.clock.Advance(3 * time.Hour)
	if _, err := f.Amend("lead-1", key("B-2", 1), map[string]string{"C2": "meets"}, map[string]string{"C2": ""}, "appeal upheld"); err != nil {
		t.Fatal(err)
	}
	set, err := f.Badges("lead-1")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, b := range set.Badges {
		if b.Stack == "" && b.Applications[0] == "B-2" {
			found = true
			if want := t0.Add(3 * time.Hour); !b.IssuedOn.Equal(want) {
				t.Errorf("B-2 issued on %s, want the amendment's %s", b.IssuedOn, want)
			}
		}
		if b.Stack == "" && b.Applications[0] == "B-1" && !b.IssuedOn.Equal(time.Date(2024, 2, 4, 10, 0, 0, 0, time.UTC)) {
			t.Errorf("B-1, never amended, issued on %s", b.IssuedOn)
		}
	}
	if !found {
		t.Fatalf("no badge for B-2 after its amendment to a pass: %+v", set.Badges)
	}
}

// TestBadgeOfAPassAmendedAway: a pass a lead amends to a resubmit keeps its
// assertion, revoked by the amendment with who, when and why, so an export
// lists it as revoked instead of dropping it; a lead's own revocation of
// it, made before, stays the one shown. Amended back to a pass, it is
// issued again, unrevoked; amended away again, it stays revoked while the
// candidate's next attempt waits.
func TestBadgeOfAPassAmendedAway(t *testing.T) {
	f := badgeFixture(t)
	f.clock.Advance(3 * time.Hour)
	if _, err := f.Amend("lead-1", key("B-1", 1), map[string]string{"C2": "not-yet"}, map[string]string{"C2": "The sample does not show the students' revisions."}, "second look"); err != nil {
		t.Fatal(err)
	}
	b1 := func() Badge {
		t.Helper()
		set, err := f.Badges("lead-1")
		if err != nil {
			t.Fatal(err)
		}
		b := credentialBadge(set, "B-1")
		if b.ID == "" {
			t.Fatalf("no badge for B-1: %+v", set.Badges)
		}
		return b
	}
	b := b1()
	r := b.Revocation
	if r == nil || r.By != "lead-1" || !r.At.Equal(t0.Add(3*time.Hour)) || !strings.Contains(r.Reason, "amended away on") ||
		!b.IssuedOn.Equal(time.Date(2024, 2, 4, 10, 0, 0, 0, time.UTC)) || b.Recipient.Identity != review.HashedIdentity("lee@example.org", b.Recipient.Salt) {
		t.Fatalf("B-1 after its pass was amended away: %+v, revocation %+v", b, r)
	}
	if _, _, err := f.Revoke("lead-1", b.ID, "again"); !errors.Is(err, ErrRevoked) {
		t.Errorf("revoking a withdrawn badge: %v", err)
	}
	f.clock.Advance(time.Hour)
	if _, err := f.Amend("lead-1", key("B-1", 1), map[string]string{"C2": "meets"}, map[string]string{"C2": ""}, "appeal upheld"); err != nil {
		t.Fatal(err)
	}
	if b := b1(); b.Revocation != nil || !b.IssuedOn.Equal(t0.Add(4*time.Hour)) {
		t.Errorf("B-1 passed again: %+v, revocation %+v", b, b.Revocation)
	}
	// A badge a lead revoked, then amended away, keeps the lead's reason.
	set, err := f.Badges("lead-1")
	if err != nil {
		t.Fatal(err)
	}
	a1 := credentialBadge(set, "A-1").ID
	if _, _, err := f.Revoke("lead-1", a1, "Evidence was plagiarised."); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Amend("lead-1", key("A-1", 1), map[string]string{"C2": "not-yet"}, map[string]string{"C2": "Not the candidate's own work."}, "plagiarism"); err != nil {
		t.Fatal(err)
	}
	if set, err = f.Badges("lead-1"); err != nil {
		t.Fatal(err)
	}
	for _, b := range set.Badges {
		if b.ID == a1 && (b.Revocation == nil || b.Revocation.Reason != "Evidence was plagiarised.") {
			t.Errorf("A-1, revoked then amended away: %+v", b.Revocation)
		}
	}
	// Amended away once more, and sent back, the candidate submits again:
	// the withdrawn assertion stays while attempt 2 waits.
	f.clock.Advance(time.Hour)
	if _, err := f.Amend("lead-1", key("B-1", 1), map[string]string{"C2": "not-yet"}, map[string]string{"C2": "The revisions are missing."}, "appeal withdrawn"); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Hour)
	f.mustImport(submission("B-1", "descriptive-feedback", 2, t0.Add(5*time.Hour+30*time.Minute).Format(time.RFC3339)).with("candidate", nil))
	if b := b1(); b.Revocation == nil || b.Attempt != 1 || !b.Revocation.At.Equal(t0.Add(5*time.Hour)) {
		t.Errorf("B-1 with attempt 2 pending: %+v, revocation %+v", b, b.Revocation)
	}
}

// credentialBadge is the credential badge of application app in set, or
// the zero Badge.
func credentialBadge(set BadgeSet, app string) Badge {
	for _, b := range set.Badges {
		if b.Stack == "" && b.Applications[0] == app {
			return b
		}
	}
	return Badge{}
}

// TestRevokeRefusesConflictedLead: a lead who declared a conflict with a
// candidate's state or district may not withdraw the candidate's pass by
// revoking its badge, as they may not amend or adjudicate it (rule 7);
// another lead may.
func TestRevokeRefusesConflictedLead(t *testing.T) {
	f := badgeFixture(t) // A-1's candidate is in Hilo, HI
	if err := f.AddReviewer(review.Reviewer{ID: "lead-hi", Role: review.RoleLead, ConflictStates: []string{"HI"}}); err != nil {
		t.Fatal(err)
	}
	set, err := f.Badges("lead-1")
	if err != nil {
		t.Fatal(err)
	}
	id := credentialBadge(set, "A-1").ID
	_, _, err = f.Revoke("lead-hi", id, "Issued in error.")
	if want := "revoke: assertion " + id + ": you declared a conflict of interest with this candidate: another lead must revoke it"; !errors.Is(err, review.ErrConflictOfInterest) || err.Error() != want {
		t.Errorf("the lead conflicted with A-1's candidate revokes its badge: %v, want %q", err, want)
	}
	if revs, err := f.Revocations(); err != nil || len(revs) != 0 {
		t.Fatalf("after the refusal: %v, %v; want no revocation", revs, err)
	}
	if _, _, err := f.Revoke("lead-1", id, "Issued in error."); err != nil {
		t.Errorf("another lead revokes it: %v", err)
	}
}
