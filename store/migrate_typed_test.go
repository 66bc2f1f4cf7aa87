package store

import (
	"testing"

	"assessor/review"
)

// TestMigrateRedactsTypedLetters: a store of schema 12 holds, in the
// reviewer's copy, what that schema's matching missed of Đặng Thị Lan from
// Ewa with a London phone: her name typed without its marks, her phone
// written at home, her district of three letters. The upgrade redacts
// them and keeps the text as submitted for leads; an attempt with nothing
// to redact is left as it was.
func TestMigrateRedactsTypedLetters(t *testing.T) {
	f := newFixture(t)
	who := map[string]string{"name": "Đặng Thị Lan", "district": "Ewa", "state": "HI", "phone": "+44 20 7946 0958"}
	const missed = "Mr. Dang said Ewa families call 020 7946 0958 first."
	a1 := submission("a1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("candidate", who)
	a1["parts"] = []map[string]any{{"title": "Part 1", "text": missed}}
	a2 := submission("a2", "classroom-discourse", 1, "2024-02-02T10:00:00Z").with("candidate", who)
	a2["parts"] = []map[string]any{{"title": "Part 1", "text": "Students wrote every day."}}
	f.mustImport(a1, a2)
	k1, k2 := review.AttemptKey{Application: "a1", Attempt: 1}, review.AttemptKey{Application: "a2", Attempt: 1}

	var redacted string
	var before review.Attempt
	err := f.update(func(tx *txn) error {
		a, _, err := tx.attempt(k1)
		if err != nil {
			return err
		}
		redacted = a.Parts[0].Text
		// As schema 12 stored it: nothing found, nothing kept as submitted.
		a.Parts[0].Text = missed
		if err := tx.putAttempt(a, nil); err != nil {
			return err
		}
		if err := tx.bucket(bucketSubmitted).Delete(attemptKey(k1)); err != nil {
			return err
		}
		if before, _, err = tx.attempt(k2); err != nil {
			return err
		}
		return setSchema(tx, 12)
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Mr. [candidate name] said [candidate district] families call [candidate phone] first."; redacted != want {
		t.Fatalf("this build's import: %q, want %q", redacted, want)
	}
	f.reopen() // upgrades

	err = f.view(func(tx *txn) error {
		a, _, err := tx.attempt(k1)
		if err != nil {
			return err
		}
		if a.Parts[0].Text != redacted {
			t.Errorf("a1 after the upgrade: %q, want %q as import redacts it", a.Parts[0].Text, redacted)
		}
		if orig, ok, err := tx.submitted(k1); err != nil || !ok || orig.Parts[0].Text != missed {
			t.Errorf("a1 as submitted: %+v %v %v", orig, ok, err)
		}
		b, _, err := tx.attempt(k2)
		if err != nil {
			return err
		}
		if b.Parts[0].Text != before.Parts[0].Text || len(b.Leaks) != len(before.Leaks) {
			t.Errorf("a2 changed: %+v, was %+v", b, before)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
