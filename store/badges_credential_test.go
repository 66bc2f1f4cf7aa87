package store

import (
	"slices"
	"testing"
	"time"

	"assessor/review"
)

// credentialBadges are the credential badges of application app in dana's
// and lee's badge set, and the valid ones.
func credentialBadges(t *testing.T, f *fixture, app string) (all []Badge, valid []Badge) {
	t.Helper()
	set, err := f.Badges("lead-1")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range set.Badges {
		if b.Stack == "" && b.Applications[0] == app {
			all = append(all, b)
			if b.Revocation == nil {
				valid = append(valid, b)
			}
		}
	}
	return all, valid
}

// TestCredentialPublishedRevokedStaysRevoked: once an export published
// B-1's credential badge revoked (its pass amended away), the pass amended
// back does not make that assertion valid again, re-dated, and drop it
// from the revocation list: verifiers saw it revoked. The pass is an
// assertion of its own, dated at the amendment; amended away and back
// with no export between, that one keeps its id.
func TestCredentialPublishedRevokedStaysRevoked(t *testing.T) {
	f := badgeFixture(t)
	exported(t, f)
	_, v := credentialBadges(t, f, "B-1")
	first := v[0].ID
	amendC2(t, f, "B-1", "not-yet")
	exported(t, f) // publishes it revoked
	all, _ := credentialBadges(t, f, "B-1")
	if len(all) != 1 || all[0].Revocation == nil {
		t.Fatalf("B-1 amended away: %+v", all)
	}
	published := *all[0].Revocation
	amendC2(t, f, "B-1", "meets")
	back := f.clock.Now()
	all, v = credentialBadges(t, f, "B-1")
	i := slices.IndexFunc(all, func(b Badge) bool { return b.ID == first })
	if i < 0 || all[i].Revocation == nil || *all[i].Revocation != published {
		t.Fatalf("B-1 amended back: %s, published revoked, is %+v", first, all)
	}
	if len(all) != 2 || len(v) != 1 || v[0].ID == first || !v[0].IssuedOn.Equal(back) || v[0].Attempt != 1 {
		t.Fatalf("B-1 amended back: %+v, want one valid assertion of its own issued %s", all, back.Format(time.RFC3339))
	}
	again := v[0].ID
	amendC2(t, f, "B-1", "not-yet")
	amendC2(t, f, "B-1", "meets")
	if all, v = credentialBadges(t, f, "B-1"); len(all) != 2 || len(v) != 1 || v[0].ID != again {
		t.Errorf("B-1 amended away and back, unpublished: %+v, want %s valid", all, again)
	}
	f.mustCheck()
}

// TestCredentialPassedAgainAfterPublishedRevoked: B-1's pass amended away
// and published revoked, lee submits again and passes attempt 2: that
// pass is a new assertion, and the first stays as published.
func TestCredentialPassedAgainAfterPublishedRevoked(t *testing.T) {
	f := badgeFixture(t)
	amendC2(t, f, "B-1", "not-yet")
	exported(t, f)
	all, _ := credentialBadges(t, f, "B-1")
	if len(all) != 1 || all[0].Revocation == nil {
		t.Fatalf("B-1 amended away: %+v", all)
	}
	first := all[0]
	f.mustImport(
		submission("B-1", "descriptive-feedback", 2, "2024-03-02T10:00:00Z").with("candidate", nil),
		decision("B-1", 2, "rev-1", "2024-03-04T10:00:00Z", "meets", "meets", "meets"),
	)
	all, v := credentialBadges(t, f, "B-1")
	if len(all) != 2 || len(v) != 1 || v[0].ID == first.ID || v[0].Attempt != 2 {
		t.Fatalf("B-1 passed on attempt 2: %+v", all)
	}
	for _, b := range all {
		if b.ID == first.ID && (b.Attempt != 1 || !b.IssuedOn.Equal(first.IssuedOn) || *b.Revocation != *first.Revocation) {
			t.Errorf("published %+v changed: %+v", first, b)
		}
	}
	f.mustCheck()
}

// TestCredentialAgainRevokedByLead: dana's A-1, published revoked and
// amended back, is issued again; a lead revoking that new assertion takes
// the pass out of the stack, as revoking the first does, so no valid
// stack assertion stands on it and check finds the stack counts right.
func TestCredentialAgainRevokedByLead(t *testing.T) {
	f := badgeFixture(t)
	amendC2(t, f, "A-1", "not-yet")
	exported(t, f)
	amendC2(t, f, "A-1", "meets")
	_, v := credentialBadges(t, f, "A-1")
	if len(v) != 1 {
		t.Fatalf("A-1 amended back: %+v", v)
	}
	if _, _, err := f.Revoke("lead-1", v[0].ID, "Plagiarised."); err != nil {
		t.Fatal(err)
	}
	if _, valid := stackBadges(t, f); len(valid) != 0 {
		t.Errorf("a stack stands on a revoked pass: %+v", valid)
	}
	if _, v = credentialBadges(t, f, "A-1"); len(v) != 0 {
		t.Errorf("A-1 revoked by a lead: %+v valid", v)
	}
	f.mustCheck()
}

// TestAdjudicatedResubmitIssuesNoBadge: S-1's first review passes,
// the second sends it back, and a lead adjudicates resubmit: the attempt
// was never passed of record, so no credential assertion may be
// published for it, not even a revoked one ("the pass was amended away").
func TestAdjudicatedResubmitIssuesNoBadge(t *testing.T) {
	f := secondFixture(t, 1)
	k := key("S-1", 1)
	f.review("rev-1", k, allMeets)
	f.review("rev-2", k, oneNotYet)
	f.clock.Advance(24 * time.Hour)
	if _, err := f.Adjudicate("lead-1", k, oneNotYet, map[string]string{"C2": fbC2}); err != nil {
		t.Fatal(err)
	}
	set, err := f.Badges("lead-1")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range set.Badges {
		t.Errorf("S-1 never passed, yet the set holds %s (attempt %d, revoked: %+v)", b.ID, b.Attempt, b.Revocation)
	}
}

// TestAdjudicatedPassAmendedAwayKeepsDate: S-1's reviews disagree
// (resubmit, then pass) and a lead adjudicates pass: the assertion is
// issued on the adjudication's date. Amended away, the same assertion is
// listed revoked, and must keep the date it was issued on, not take the
// second reviewer's date.
func TestAdjudicatedPassAmendedAwayKeepsDate(t *testing.T) {
	f := secondFixture(t, 1)
	if err := f.AddReviewer(review.Reviewer{ID: "lead-2", Role: review.RoleLead}); err != nil {
		t.Fatal(err)
	}
	k := key("S-1", 1)
	f.review("rev-1", k, oneNotYet)
	f.review("rev-2", k, allMeets)
	f.clock.Advance(24 * time.Hour)
	if _, err := f.Adjudicate("lead-1", k, allMeets, nil); err != nil {
		t.Fatal(err)
	}
	set, err := f.Badges("lead-1")
	if err != nil || len(set.Badges) != 1 {
		t.Fatalf("%+v, %v", set.Badges, err)
	}
	issued := set.Badges[0]
	f.clock.Advance(time.Hour)
	if _, err := f.Amend("lead-2", k, oneNotYet, map[string]string{"C2": fbC2}, "second look"); err != nil {
		t.Fatal(err)
	}
	set, err = f.Badges("lead-1")
	if err != nil || len(set.Badges) != 1 {
		t.Fatalf("%+v, %v", set.Badges, err)
	}
	if b := set.Badges[0]; b.ID != issued.ID || !b.IssuedOn.Equal(issued.IssuedOn) {
		t.Errorf("amended away: %s issued %s, was published issued %s", b.ID, b.IssuedOn.Format(time.RFC3339), issued.IssuedOn.Format(time.RFC3339))
	}
}
