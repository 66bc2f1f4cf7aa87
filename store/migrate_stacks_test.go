package store

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

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

// TestMigrateStackNameMovesTallies: a schema 14 store holds
// family-partnerships under "Assessment\u00a0Literacy" (a no-break space,
// as earlier releases kept it) with an application decided under it. The
// upgrade to schema 15 writes the stack name in one form; the report must
// then show the stack once, and check must find the running tallies equal
// to their recomputation: the application counts under the one name.
func TestMigrateStackNameMovesTallies(t *testing.T) {
	f := stackUnderNoBreakSpace(t, func(*txn) error { return nil })
	rep := f.mustReport(time.Time{}, time.Time{})
	var stacks []string
	for _, s := range rep.ByStack {
		stacks = append(stacks, fmt.Sprintf("%q", s.Stack))
	}
	if len(stacks) != 1 {
		t.Errorf("by_stack rows after the upgrade: %v, want one", stacks)
	}
	f.mustCheck()
}

// TestMigrateStackNameMovesTalliesOfWholeSeconds: as above, but with the
// turnaround index as schema 14 wrote it, in whole seconds (fine keys
// without the nanoseconds). The upgrade takes the stack's turnarounds back
// under the old name at the keys they are stored at: taken back at keys
// of the nanoseconds, they were missing, and the upgrade failed as if the
// store were damaged.
func TestMigrateStackNameMovesTalliesOfWholeSeconds(t *testing.T) {
	f := stackUnderNoBreakSpace(t, indexBefore19)
	rep := f.mustReport(time.Time{}, time.Time{})
	if len(rep.ByStack) != 1 {
		t.Errorf("by_stack rows after the upgrade: %d, want one", len(rep.ByStack))
	}
	f.mustCheck()
}

// stackUnderNoBreakSpace is a store of schema 14, as write leaves it, with
// family-partnerships under "Assessment\u00a0Literacy" (a no-break space,
// as earlier releases kept it) and an application decided under it,
// opened again: the upgrade has run.
func stackUnderNoBreakSpace(t *testing.T, write func(*txn) error) *fixture {
	t.Helper()
	f := badgeFixture(t)
	if _, err := f.AddRubric(withStack(testRubric("family-partnerships", 1, 2), "Assessment\u00a0Literacy")); err != nil {
		t.Fatal(err)
	}
	f.mustImport(
		as(submission("F-1", "family-partnerships", 1, "2024-02-01T10:00:00Z"), "dana@example.org"),
		decision("F-1", 1, "rev-1", "2024-02-05T10:00:00Z", "meets", "meets"),
	)
	f.upgradeFrom(14, write)
	return f
}
