package store

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// stackBadge is dana's Assessment Literacy badge in set, or fails.
func stackBadge(t *testing.T, f *fixture) Badge {
	t.Helper()
	set, err := f.Badges("lead-1")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range set.Badges {
		if b.Stack == "Assessment Literacy" {
			return b
		}
	}
	t.Fatalf("no stack badge in %+v", set.Badges)
	return Badge{}
}

// TestPublishedStackBadgeStays: once an export published dana's stack
// badge, a third credential added to the stack does not take it back (it
// stays as published); a pass it was earned with, revoked, does, saying
// which. Unpublished, the same stack badge goes with the new credential.
func TestPublishedStackBadgeStays(t *testing.T) {
	for _, published := range []bool{true, false} {
		f := badgeFixture(t)
		before := stackBadge(t, f)
		if published {
			set, err := f.Badges("lead-1")
			if err != nil {
				t.Fatal(err)
			}
			if err := f.RecordIssued(set); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := f.AddRubric(testRubric("family-partnerships", 1, 2)); err != nil { // in Assessment Literacy too
			t.Fatal(err)
		}
		set, err := f.Badges("lead-1")
		if err != nil {
			t.Fatal(err)
		}
		var stacks []Badge
		for _, b := range set.Badges {
			if b.Stack != "" {
				stacks = append(stacks, b)
			}
		}
		if !published {
			if len(stacks) != 0 {
				t.Errorf("an unpublished stack badge outlived its stack's new credential: %+v", stacks)
			}
			continue
		}
		if len(stacks) != 1 || stacks[0].ID != before.ID || stacks[0].Revocation != nil || !stacks[0].IssuedOn.Equal(before.IssuedOn) ||
			strings.Join(stacks[0].Applications, ",") != "A-2,A-1" || stacks[0].Recipient != before.Recipient {
			t.Fatalf("published, then the stack grew: %+v, want %+v", stacks, before)
		}
		if _, _, err := f.Revoke("lead-1", credentialBadge(set, "A-1").ID, "Evidence was plagiarised."); err != nil {
			t.Fatal(err)
		}
		r := stackBadge(t, f).Revocation
		if r == nil || r.By != "lead-1" || r.Reason != "the pass of descriptive-feedback it was earned with was withdrawn (Evidence was plagiarised.)" {
			t.Errorf("a pass behind the stack badge revoked: %+v", r)
		}
		f.mustCheck()
	}
}

// TestRevokedPassCompletesNoStack: a revoked credential badge does not
// count towards a stack, published or not.
func TestRevokedPassCompletesNoStack(t *testing.T) {
	f := badgeFixture(t)
	set, err := f.Badges("lead-1")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.Revoke("lead-1", credentialBadge(set, "A-2").ID, "Not the candidate's own work."); err != nil {
		t.Fatal(err)
	}
	if set, err = f.Badges("lead-1"); err != nil {
		t.Fatal(err)
	}
	for _, b := range set.Badges {
		if b.Stack != "" {
			t.Errorf("a stack completed with a revoked pass: %+v", b)
		}
	}
}

// TestPublishedStackBadgeRevokedDespiteRepass: dana's Assessment Literacy
// badge was exported (earned with ). Dana later passes
// descriptive-feedback again, and a lead revokes A-1's badge. The
// published assertion stays as it was, revoked, with its date; the stack
// earned again with A-3 is an assertion of its own, dated by A-3.
func TestPublishedStackBadgeRevokedDespiteRepass(t *testing.T) {
	f := badgeFixture(t)
	before := stackBadge(t, f)
	set, err := f.Badges("lead-1")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.RecordIssued(set); err != nil { // exported
		t.Fatal(err)
	}
	f.mustImport(
		as(submission("A-3", "descriptive-feedback", 1, "2024-05-01T10:00:00Z"), "dana@example.org"),
		decision("A-3", 1, "rev-1", "2024-05-20T10:00:00Z", "meets", "meets", "meets"),
	)
	if _, _, err := f.Revoke("lead-1", credentialBadge(set, "A-1").ID, "Evidence was plagiarised."); err != nil {
		t.Fatal(err)
	}
	set, err = f.Badges("lead-1")
	if err != nil {
		t.Fatal(err)
	}
	var after, again Badge
	for _, b := range set.Badges {
		switch {
		case b.ID == before.ID:
			after = b
		case b.Stack != "":
			again = b
		}
	}
	if after.ID == "" {
		t.Fatalf("published stack assertion %s is gone: %+v", before.ID, set.Badges)
	}
	if after.Revocation == nil {
		t.Errorf("published stack assertion %s, earned with revoked A-1, is valid again: applications %v, issuedOn %s (published as %s)",
			after.ID, after.Applications, after.IssuedOn.Format("2006-01-02"), before.IssuedOn.Format("2006-01-02"))
	}
	if !after.IssuedOn.Equal(before.IssuedOn) {
		t.Errorf("issuedOn of a published assertion rewritten: %s, published %s", after.IssuedOn.Format("2006-01-02"), before.IssuedOn.Format("2006-01-02"))
	}
	if again.Revocation != nil || !slices.Contains(again.Applications, "A-3") || again.IssuedOn.Format("2006-01-02") != "2024-05-20" {
		t.Errorf("the stack earned again: %+v, want a valid assertion of its own with A-3, issued 2024-05-20", again)
	}
}

// TestStackRevocationReasonStays: a published stack badge revoked with
// the first pass withdrawn keeps that reason when a second pass
// is revoked a day later, whatever the passes' order.
func TestStackRevocationReasonStays(t *testing.T) {
	f := badgeFixture(t)
	set, err := f.Badges("lead-1")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.RecordIssued(set); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.Revoke("lead-1", credentialBadge(set, "A-1").ID, "First: plagiarised."); err != nil {
		t.Fatal(err)
	}
	first := stackBadge(t, f).Revocation
	f.clock.Advance(24 * time.Hour)
	if _, _, err := f.Revoke("lead-1", credentialBadge(set, "A-2").ID, "Second: identity mix-up."); err != nil {
		t.Fatal(err)
	}
	later := stackBadge(t, f).Revocation
	if first == nil || later == nil || later.Reason != first.Reason {
		t.Errorf("published stack revocation changed:\n first export: %+v\n next export:  %+v", first, later)
	}
}

// TestExportIssuerRefusesStoredBadName: an issuer name of invisible
// characters, which earlier releases stored, is refused at export (as
// config issuer now refuses it) rather than published empty.
func TestExportIssuerRefusesStoredBadName(t *testing.T) {
	f := newFixture(t)
	if _, err := f.ExportIssuer(); !errors.Is(err, ErrNoIssuer) {
		t.Errorf("no profile: %v, want %v", err, ErrNoIssuer)
	}
	err := f.update(func(tx *txn) error {
		b, err := tx.createBucket(bucketIssuer)
		if err != nil {
			return err
		}
		return putJSON(b, []byte(keyIssuerProfile), review.Issuer{Name: "\u200b\u00ad", URL: "https://x.org"})
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.ExportIssuer(); !errors.Is(err, review.ErrIssuer) {
		t.Errorf("a name of invisible characters: %v, want %v", err, review.ErrIssuer)
	}
}

// stackBadges are the stack badges of dana's badge set, and the valid ones.
func stackBadges(t *testing.T, f *fixture) (all []Badge, valid []Badge) {
	t.Helper()
	set, err := f.Badges("lead-1")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range set.Badges {
		if b.Stack != "" {
			all = append(all, b)
			if b.Revocation == nil {
				valid = append(valid, b)
			}
		}
	}
	return all, valid
}

// exported records dana's badge set as an export does.
func exported(t *testing.T, f *fixture) {
	t.Helper()
	set, err := f.Badges("lead-1")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.RecordIssued(set); err != nil {
		t.Fatal(err)
	}
}

// TestStackAmendBackAfterEarnedAgain: dana's stack is
// exported; A-1 is amended away; dana passes descriptive-feedback again
// and an export publishes the stack earned again, with the first one
// revoked. A-1 amended back, the first stays revoked, as it was published:
// dana holds one valid assertion of the stack.
func TestStackAmendBackAfterEarnedAgain(t *testing.T) {
	f := badgeFixture(t)
	exported(t, f)
	_, v := stackBadges(t, f)
	first := v[0].ID
	amendC2(t, f, "A-1", "not-yet")
	f.mustImport(
		as(submission("A-3", "descriptive-feedback", 1, "2024-02-15T10:00:00Z"), "dana@example.org"),
		decision("A-3", 1, "rev-1", "2024-02-20T10:00:00Z", "meets", "meets", "meets"),
	)
	exported(t, f) // publishes the stack earned again, and the first revoked
	all, v := stackBadges(t, f)
	if len(all) != 2 || len(v) != 1 || v[0].ID == first {
		t.Fatalf("after re-pass: %+v", all)
	}
	amendC2(t, f, "A-1", "meets")
	all, v = stackBadges(t, f)
	if len(v) != 1 {
		for _, b := range all {
			t.Logf("stack assertion %s apps %v issued %s revoked=%v", b.ID, b.Applications, b.IssuedOn.Format("2006-01-02"), b.Revocation != nil)
		}
		t.Errorf("dana holds %d valid assertions of one stack; %s was published revoked and is valid again", len(v), first)
	}
	f.mustCheck()
}

// TestStackAgainKeepsDate: a stack earned again, once
// published, keeps its date when A-2 is amended away and back with no
// export between, as the first assertion does.
func TestStackAgainKeepsDate(t *testing.T) {
	f := badgeFixture(t)
	exported(t, f)
	set, _ := f.Badges("lead-1")
	if _, _, err := f.Revoke("lead-1", credentialBadge(set, "A-1").ID, "Plagiarised."); err != nil {
		t.Fatal(err)
	}
	f.mustImport(
		as(submission("A-3", "descriptive-feedback", 1, "2024-02-15T10:00:00Z"), "dana@example.org"),
		decision("A-3", 1, "rev-1", "2024-02-20T10:00:00Z", "meets", "meets", "meets"),
	)
	exported(t, f)
	var again Badge
	_, v := stackBadges(t, f)
	if len(v) != 1 {
		t.Fatalf("valid stacks %+v", v)
	}
	again = v[0]
	amendC2(t, f, "A-2", "not-yet")
	amendC2(t, f, "A-2", "meets")
	all, _ := stackBadges(t, f)
	for _, b := range all {
		if b.ID == again.ID {
			if !b.IssuedOn.Equal(again.IssuedOn) {
				t.Errorf("published assertion %s re-dated: %s, published %s", b.ID, b.IssuedOn.Format(time.RFC3339), again.IssuedOn.Format(time.RFC3339))
			}
			return
		}
	}
	t.Errorf("published %s gone: %+v", again.ID, all)
}

// TestStackPublishedRevokedStaysRevoked: once an export published dana's
// stack revoked (A-1 amended away), A-1 amended back does not make that
// assertion valid again, as verifiers saw it revoked; the stack, earned
// again with the same passes, is an assertion of its own.
func TestStackPublishedRevokedStaysRevoked(t *testing.T) {
	f := badgeFixture(t)
	exported(t, f)
	_, v := stackBadges(t, f)
	first := v[0].ID
	amendC2(t, f, "A-1", "not-yet")
	exported(t, f) // publishes it revoked
	amendC2(t, f, "A-1", "meets")
	all, v := stackBadges(t, f)
	if len(all) != 2 || len(v) != 1 || v[0].ID == first {
		t.Errorf("after the pass came back: %+v, want %s revoked and one valid assertion of its own", all, first)
	}
	f.mustCheck()
}

// amendC2 has a lead amend the first attempt of app an hour later, its C2
// to level: "not-yet" takes the pass away, "meets" gives it back.
func amendC2(t *testing.T, f *fixture, app, level string) {
	t.Helper()
	f.clock.Advance(time.Hour)
	fb := map[string]string{"C2": ""}
	if level != "meets" {
		fb["C2"] = "Missing."
	}
	if _, err := f.Amend("lead-1", key(app, 1), map[string]string{"C2": level}, fb, "second look"); err != nil {
		t.Fatal(err)
	}
}
