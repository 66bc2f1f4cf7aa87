package store

import (
	"errors"
	"fmt"
	"testing"
)

const literacy = "Assessment Literacy"

// revokeBadge revokes the credential badge of application app, or the
// stack badge when app is "".
func (f *fixture) revokeBadge(app string) error {
	f.t.Helper()
	set, err := f.Badges("lead-1")
	if err != nil {
		f.t.Fatal(err)
	}
	for _, b := range set.Badges {
		if app == "" && b.Stack != "" || app != "" && b.Stack == "" && b.Applications[0] == app {
			_, _, err := f.Revoke("lead-1", b.ID, "Not the candidate's own work.")
			return err
		}
	}
	f.t.Fatalf("no badge of %q in %+v", app, set.Badges)
	return nil
}

// wantCompleted checks the stack's completions, in the report (running
// and recomputed alike) and as the valid stack badges, and then Check.
func (f *fixture) wantCompleted(want int64, when string) {
	f.t.Helper()
	if got := f.stacksCompleted(literacy); got != want {
		f.t.Errorf("%s: report stacks_completed %d, want %d", when, got, want)
	}
	set, err := f.Badges("lead-1")
	if err != nil {
		f.t.Fatal(err)
	}
	var valid int64
	for _, b := range set.Badges {
		if b.Stack != "" && b.Revocation == nil {
			valid++
		}
	}
	if valid != want {
		f.t.Errorf("%s: %d valid stack badges, want %d", when, valid, want)
	}
	f.mustCheck()
}

// amendA2 amends dana's classroom-discourse decision to level l on C2.
func (f *fixture) amendA2(l string) {
	f.t.Helper()
	fb := map[string]string{"C2": ""}
	if l != "meets" {
		fb["C2"] = "The transcript shows no student building on another's idea."
	}
	if _, err := f.Amend("lead-1", key("A-2", 1), map[string]string{"C2": l}, fb, "second look"); err != nil {
		f.t.Fatal(err)
	}
}

// TestRevokedPassLeavesStackCounts: a revoked pass completes no stack
// (formats.md §5), so revoking dana's classroom-discourse badge takes her
// completion out of the report's stacks_completed, which counts the stack
// badges, and out of the dashboard's stack progress; Check agrees.
func TestRevokedPassLeavesStackCounts(t *testing.T) {
	f := badgeFixture(t)
	f.wantCompleted(1, "before")
	if err := f.revokeBadge("A-2"); err != nil {
		t.Fatal(err)
	}
	f.wantCompleted(0, "A-2 revoked")
	ps, err := f.StackProgress()
	if err != nil || len(ps) != 1 || fmt.Sprint(ps[0].Earned) != "[2 0]" {
		t.Errorf("stack progress after the revocation: %+v, %v (want dana and lee holding 1 of 2)", ps, err)
	}
}

// TestRevokedPassIndexBuilt: a store without the stack index yet builds
// it at the revocation with the pass in it, then takes it out; built
// afresh after the revocation (an upgrade does), it leaves the pass out.
func TestRevokedPassIndexBuilt(t *testing.T) {
	f := badgeFixture(t)
	unbuild := func() {
		t.Helper()
		if err := f.update(func(tx *txn) error { return tx.bucket(bucketStackMembers).Delete([]byte(keyStacksIndexed)) }); err != nil {
			t.Fatal(err)
		}
	}
	unbuild()
	if err := f.revokeBadge("A-2"); err != nil {
		t.Fatal(err)
	}
	f.wantCompleted(0, "A-2 revoked while the index was unbuilt")
	unbuild()
	if err := f.update(func(tx *txn) error { _, _, _, err := tx.stackIndex(); return err }); err != nil {
		t.Fatal(err)
	}
	f.wantCompleted(0, "the index built after A-2 was revoked")
}

// TestRevokedPassAmendedCountsOnce: a revoked pass is out of the stack
// counts once, whatever amendments and attempts follow. Revoked, then
// amended to a resubmit, back to a pass, and (sent back again) passed on
// a new attempt: never counted. Amended away first, the badge cannot be
// revoked (the amendment withdrew it); passed again, it counts, and
// revoked then, it stops.
func TestRevokedPassAmendedCountsOnce(t *testing.T) {
	f := badgeFixture(t)
	if err := f.revokeBadge("A-2"); err != nil {
		t.Fatal(err)
	}
	f.amendA2("not-yet")
	f.wantCompleted(0, "revoked, then amended away")
	f.amendA2("meets")
	f.wantCompleted(0, "revoked, amended away and back")
	f.amendA2("not-yet")
	f.mustImport(submission("A-2", "classroom-discourse", 2, "2024-02-20T10:00:00Z").with("candidate", nil),
		decision("A-2", 2, "rev-1", "2024-02-22T10:00:00Z", "meets", "meets"))
	f.wantCompleted(0, "revoked, then passed on attempt 2")

	f = badgeFixture(t)
	f.amendA2("not-yet")
	f.wantCompleted(0, "amended away")
	if err := f.revokeBadge("A-2"); !errors.Is(err, ErrRevoked) {
		t.Fatalf("revoking a pass amended away: %v", err)
	}
	f.amendA2("meets")
	f.wantCompleted(1, "amended away and back")
	if err := f.revokeBadge("A-2"); err != nil {
		t.Fatal(err)
	}
	f.wantCompleted(0, "amended away and back, then revoked")
}

// TestRevokedStackBadgeKeepsCount: a lead revoking the stack badge itself
// leaves its passes standing, and the badge set still finds the
// completion (revoked), so stacks_completed keeps it.
func TestRevokedStackBadgeKeepsCount(t *testing.T) {
	f := badgeFixture(t)
	if err := f.revokeBadge(""); err != nil {
		t.Fatal(err)
	}
	if got := f.stacksCompleted(literacy); got != 1 {
		t.Errorf("stacks_completed after the stack badge's revocation: %d, want 1", got)
	}
	set, err := f.Badges("lead-1")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range set.Badges {
		if b.Stack != "" && (b.Revocation == nil || b.Revocation.By != "lead-1") {
			t.Errorf("the revoked stack badge: %+v", b)
		}
	}
	f.mustCheck()
}
