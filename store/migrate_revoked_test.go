package store

import (
	"errors"
	"fmt"
	"testing"
)

// TestMigrateCountsStacksWithoutRevokedPasses: a store of schema 11 holds
// the revocation of dana's classroom-discourse badge, written as schema 11
// wrote it, leaving her pass in the stack counts. The upgrade counts the
// stacks again: the completion leaves the report and the stack badges
// alike, and check agrees.
func TestMigrateCountsStacksWithoutRevokedPasses(t *testing.T) {
	f := badgeFixture(t)
	f.wantCompleted(1, "before")
	f.revokeAsSchema11("A-2")
	f.reopen() // upgrades from schema 11
	f.wantCompleted(0, "after the upgrade")
}

// revokeAsSchema11 revokes the credential badge of application app as
// schema 11 did, leaving its pass in the stack counts, and marks the store
// schema 11.
func (f *fixture) revokeAsSchema11(app string) {
	f.t.Helper()
	set, err := f.Badges("lead-1")
	if err != nil {
		f.t.Fatal(err)
	}
	id := ""
	for _, b := range set.Badges {
		if b.Stack == "" && b.Applications[0] == app {
			id = b.ID
		}
	}
	err = f.update(func(tx *txn) error {
		b, err := tx.createBucket(bucketRevocations)
		if err != nil {
			return err
		}
		if err := putJSON(b, []byte(id), Revocation{Assertion: id, By: "lead-1", At: f.clock.Now(), Reason: "Not the candidate's own work."}); err != nil {
			return err
		}
		return setSchema(tx, 11)
	})
	if err != nil || id == "" {
		f.t.Fatalf("revoking %q as schema 11 did: %v", id, err)
	}
}

// TestMigrateCountsStacksPastDeadImport: a store of schema 11 holding a
// revocation it left in the stack counts, whose import in chunks died with
// passes of its own in them, is opened by this build. The upgrade leaves the counts for
// the import's rollback to take its share from, and they are built afresh
// once it is rolled back: the store opens, as it was before the import.
func TestMigrateCountsStacksPastDeadImport(t *testing.T) {
	f := badgeFixture(t)
	f.importDies(t)
	f.revokeAsSchema11("A-2") // dana's classroom-discourse: her stack goes
	f.reopen()                // upgrades, then rolls the import back
	f.wantCompleted(0, "after the upgrade and the rollback")
}

// TestMigrateCountsStacksWhenTheRollbackComesLater: as above, but the
// process ends after the upgrade's commit and before the rollback. The
// next open rolls the import back before it builds the counts: built
// first, they would count the import's passes, which the rollback does
// not take out again.
func TestMigrateCountsStacksWhenTheRollbackComesLater(t *testing.T) {
	f := badgeFixture(t)
	f.importDies(t)
	f.revokeAsSchema11("A-2")
	// The step committed as runStep commits it; then the process ends.
	if err := f.update(func(tx *txn) error {
		if err := migrateTo12(tx); err != nil {
			return err
		}
		return setSchema(tx, 12)
	}); err != nil {
		t.Fatal(err)
	}
	f.reopen()
	f.wantCompleted(0, "after the rollback")
}

// importDies imports, in chunks, passes that complete stacks (dana's and
// lee's) among 80 more applications, and dies part way, its chunks left
// for a rollback.
func (f *fixture) importDies(t *testing.T) {
	t.Helper()
	lines := []line{
		as(submission("X-1", "descriptive-feedback", 1, "2024-02-20T10:00:00Z"), "dana@example.org"),
		decision("X-1", 1, "rev-1", "2024-02-21T10:00:00Z", "meets", "meets", "meets"),
		as(submission("X-2", "classroom-discourse", 1, "2024-02-20T10:00:00Z"), "lee@example.org"),
		decision("X-2", 1, "rev-1", "2024-02-21T10:00:00Z", "meets", "meets"),
	}
	for i := range 80 {
		lines = append(lines, as(submission(fmt.Sprintf("F-%d", i), "descriptive-feedback", 1, "2024-02-20T10:00:00Z"), fmt.Sprintf("f%d@example.org", i)))
	}
	withChunks(t, 2, func(n int) error {
		if n == 38 {
			abandonChunks = true
			return errCrash
		}
		return nil
	})
	t.Cleanup(func() { abandonChunks = false })
	if _, err := f.Import("big.jsonl", records(t, lines...)); !errors.Is(err, errCrash) {
		t.Fatalf("import: %v, want the crash", err)
	}
}
