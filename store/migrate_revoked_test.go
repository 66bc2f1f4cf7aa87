package store

import "testing"

// TestMigrateCountsStacksWithoutRevokedPasses: a store of schema 11 holds
// the revocation of dana's classroom-discourse badge, written as schema 11
// wrote it, leaving her pass in the stack counts. The upgrade counts the
// stacks again: the completion leaves the report and the stack badges
// alike, and check agrees.
func TestMigrateCountsStacksWithoutRevokedPasses(t *testing.T) {
	f := badgeFixture(t)
	f.wantCompleted(1, "before")
	set, err := f.Badges("lead-1")
	if err != nil {
		t.Fatal(err)
	}
	id := ""
	for _, b := range set.Badges {
		if b.Stack == "" && b.Applications[0] == "A-2" {
			id = b.ID
		}
	}
	err = f.update(func(tx *txn) error {
		b, err := tx.createBucket(bucketRevocations)
		if err != nil {
			return err
		}
		if err := putJSON(b, []byte(id), Revocation{Assertion: id, By: "lead-1", At: f.clock.Now(), Reason: "Not her own work."}); err != nil {
			return err
		}
		return setSchema(tx, 11)
	})
	if err != nil || id == "" {
		t.Fatalf("revoking %q as schema 11 did: %v", id, err)
	}
	f.reopen() // upgrades from schema 11
	f.wantCompleted(0, "after the upgrade")
}
