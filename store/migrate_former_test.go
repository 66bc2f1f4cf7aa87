package store

import (
	"slices"
	"testing"

	"assessor/review"
)

// TestMigrateRecordsFormerReviewers: a store of schema 16 removed rev-z9,
// whose only decision a lead then amended (so no tally names rev-z9), and
// kept only the audit record of the removal. The upgrade reads the log:
// rev-z9 is among the ids candidates' texts withhold.
func TestMigrateRecordsFormerReviewers(t *testing.T) {
	f := newFixture(t)
	if err := f.AddReviewer(review.Reviewer{ID: "rev-z9"}); err != nil {
		t.Fatal(err)
	}
	if err := f.AddReviewer(review.Reviewer{ID: "admin-1", Role: review.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.RemoveReviewer("admin-1", "rev-z9", "left the program"); err != nil {
		t.Fatal(err)
	}
	f.upgradeFrom(16, func(tx *txn) error { // as schema 16 kept it: no record of rev-z9
		return tx.bucket(bucketMeta).Delete([]byte(keyFormerReviewer + "rev-z9"))
	})
	ids, err := f.ReviewerIDs()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(ids, "rev-z9") {
		t.Errorf("ids withheld after the upgrade: %v, want rev-z9 among them", ids)
	}
}
