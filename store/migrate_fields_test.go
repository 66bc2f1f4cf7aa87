package store

import (
	"fmt"
	"maps"
	"testing"

	"assessor/review"
)

// TestMigrateMovesCandidateFields: a store of schema 8 holds candidates
// whose fields an earlier import kept under their own case ("Name" as an
// extra attribute), so the reviewer's copy names the candidate and the
// stack index never saw the email. The upgrade moves each into its field
// (one that names a field already holding the same value goes, one that
// differs stays an attribute), redacts the reviewer's copy, counts the
// completed stack, and a re-import of the same line is unchanged, not
// refused as another candidate.
func TestMigrateMovesCandidateFields(t *testing.T) {
	f := newFixture(t)
	capital := map[string]string{"Name": "Dana Ruiz", "Email": "dana@example.org", "District": "Hilo", "State": "HI"}
	df := submission("a1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("candidate", capital)
	df["parts"] = []map[string]any{{"title": "Part 1", "text": "I am Dana Ruiz of Hilo."}}
	cd := submission("a2", "classroom-discourse", 1, "2024-02-02T10:00:00Z").with("candidate", capital)
	other := submission("a3", "classroom-discourse", 1, "2024-02-03T10:00:00Z").with("candidate", map[string]string{"name": "Kim Ota"})
	f.mustImport(df, cd, other,
		decision("a1", 1, "rev-01", "2024-02-10T10:00:00Z", "meets", "meets", "meets"),
		decision("a2", 1, "rev-01", "2024-02-11T10:00:00Z", "meets", "meets"))
	k1 := review.AttemptKey{Application: "a1", Attempt: 1}
	if got := f.stacksCompleted("Assessment Literacy"); got != 1 {
		t.Fatalf("stacks completed after import: %d, want 1", got)
	}

	// Write back what schema 8 held: the fields as attributes, the text as
	// submitted, no stack counted for want of an email.
	err := f.update(func(tx *txn) error {
		for _, id := range []string{"a1", "a2"} {
			if err := tx.put(bucketVault, []byte(id), review.Candidate{Extra: maps.Clone(capital)}); err != nil {
				return err
			}
		}
		if err := tx.put(bucketVault, []byte("a3"), review.Candidate{Name: "Kim Ota", Extra: map[string]string{"NAME": "kim ota", "Name": "K. Ota"}}); err != nil {
			return err
		}
		if err := tx.unredacted(k1, "I am Dana Ruiz of Hilo."); err != nil {
			return err
		}
		if err := tx.bucket(bucketStackMembers).Delete([]byte(keyStacksIndexed)); err != nil {
			return err
		}
		if _, _, _, err := tx.stackIndex(); err != nil {
			return err
		}
		return setSchema(tx, 8)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := f.stacksCompleted("Assessment Literacy"); got != 0 {
		t.Fatalf("stacks completed as schema 8 held it: %d, want 0", got)
	}
	f.reopen() // upgrades

	err = f.view(func(tx *txn) error {
		for _, id := range []string{"a1", "a2"} {
			c, _, err := tx.candidate(id)
			if err != nil {
				return err
			}
			if want := (review.Candidate{Name: "Dana Ruiz", Email: "dana@example.org", District: "Hilo", State: "HI"}); c.Name != want.Name || c.Email != want.Email || c.District != want.District || c.State != want.State || c.Extra != nil {
				t.Errorf("%s vault %+v, want %+v", id, c, want)
			}
		}
		c, _, err := tx.candidate("a3")
		if err != nil {
			return err
		}
		if c.Name != "Kim Ota" || !maps.Equal(c.Extra, map[string]string{"Name": "K. Ota"}) {
			t.Errorf("a3 vault %+v, want the name kept, the same value dropped, the other kept", c)
		}
		a, _, err := tx.attempt(k1)
		if err != nil {
			return err
		}
		if text := a.Parts[0].Text; text != "I am [candidate name] of [candidate district]." {
			t.Errorf("a1 text %q, want the name and district redacted", text)
		}
		orig, ok, err := tx.submitted(k1)
		if err != nil || !ok || orig.Parts[0].Text != "I am Dana Ruiz of Hilo." || len(orig.Redacted) != 2 {
			t.Errorf("a1 evidence as submitted %+v %v %v", orig, ok, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := f.stacksCompleted("Assessment Literacy"); got != 1 {
		t.Errorf("stacks completed after the upgrade: %d, want 1", got)
	}
	if st := f.mustImport(df); st.Unchanged != 1 {
		t.Errorf("re-import of a1 after the upgrade: %+v, want it unchanged", st)
	}
	f.mustCheck()
}

// TestMigrateMovesCandidateFieldsPastDeadImport: a store of schema 8 that
// kept lee's e-mail under "Email", and whose import in chunks died with
// passes that complete stacks, is opened by this build. The step to 9
// moves the e-mail while the import's chunks are still in the store, and
// leaves the stack counts for the rollback to take the import's share
// from: the store opens, then and later, as it was before the import.
func TestMigrateMovesCandidateFieldsPastDeadImport(t *testing.T) {
	f := badgeFixture(t)
	f.importDies(t)
	err := f.update(func(tx *txn) error {
		c, ok, err := tx.candidate("B-1")
		if err != nil || !ok {
			return fmt.Errorf("vault B-1: %v %v", ok, err)
		}
		c.Extra, c.Email = map[string]string{"Email": c.Email}, ""
		if err := tx.put(bucketVault, []byte("B-1"), c); err != nil {
			return err
		}
		return setSchema(tx, 8)
	})
	if err != nil {
		t.Fatal(err)
	}
	f.reopen() // upgrades from schema 8, then rolls the import back
	f.wantCompleted(1, "after the upgrade and the rollback")
	f.reopen()
	f.wantCompleted(1, "opened again")
}
