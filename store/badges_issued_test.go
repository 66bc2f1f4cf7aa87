package store

import (
	"strings"
	"testing"
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
