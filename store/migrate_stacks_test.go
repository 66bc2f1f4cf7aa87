package store

import (
	"encoding/json"
	"testing"

	"assessor/review"
)

// TestMigrateWritesStackNamesInOneForm: a store of schema 14 holds a
// third rubric of dana's stack whose name an earlier release kept with a
// no-break space, so it named a stack of its own and dana, with two of
// the three credentials, completed "Assessment Literacy". The upgrade
// writes the name in one form and counts the stacks again: she has not
// completed it, and check agrees.
func TestMigrateWritesStackNamesInOneForm(t *testing.T) {
	f := badgeFixture(t)
	f.upgradeFrom(14, func(tx *txn) error {
		r := testRubric("family-partnerships", 1, 2)
		r.Stack = "Assessment\u00a0Literacy"
		data, err := json.Marshal(r)
		if err != nil {
			return err
		}
		if err := tx.bucket(bucketRubrics).Put(rubricKey(r.ID, r.Version), data); err != nil {
			return err
		}
		return tx.rubricAdded(r)
	})
	f.wantCompleted(0, "after the upgrade")
	r, err := f.Rubric("family-partnerships", 1)
	if err != nil {
		t.Fatal(err)
	}
	if r.Stack != literacy {
		t.Errorf("stack %q after the upgrade, want %q", r.Stack, literacy)
	}
	if added, err := f.AddRubric(withStack(testRubric("family-partnerships", 1, 2), review.StackName("Assessment\u00a0Literacy"))); err != nil || added {
		t.Errorf("the same rubric added again: added %v, %v", added, err)
	}
}

func withStack(r review.Rubric, stack string) review.Rubric {
	r.Stack = stack
	return r
}
