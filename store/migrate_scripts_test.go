package store

import (
	"testing"

	"assessor/review"
)

// TestMigrateRedactsUnspacedNames: a store of schema 9 holds a Chinese
// name run into its sentence, and a Latin-named candidate's text as it
// was stored. The step to 10 redacts the first in the reviewer's copy, keeps
// the evidence as submitted, and leaves the other attempt as it was (its
// candidate's matching did not change, so it is not read).
func TestMigrateRedactsUnspacedNames(t *testing.T) {
	f := newFixture(t)
	const said = "我是李小龍老师。"
	li := submission("a1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("candidate", map[string]string{"name": "李 小龍"})
	li["parts"] = []map[string]any{{"title": "Part 1", "text": said}}
	dana := submission("a2", "classroom-discourse", 1, "2024-02-02T10:00:00Z").with("candidate", map[string]string{"name": "Dana Ruiz"})
	f.mustImport(li, dana)
	k1, k2 := review.AttemptKey{Application: "a1", Attempt: 1}, review.AttemptKey{Application: "a2", Attempt: 1}

	// Write back what schema 9 held: a1 as submitted, nothing redacted;
	// a2 with a text the new matching would change, to show it is not read.
	const untouched = "Dana Ruiz wrote this before the upgrade."
	err := f.update(func(tx *txn) error {
		for k, text := range map[review.AttemptKey]string{k1: said, k2: untouched} {
			if err := tx.unredacted(k, text); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The step alone: the next one reads every attempt again.
	if err := f.update(to10.inOne); err != nil {
		t.Fatal(err)
	}

	err = f.view(func(tx *txn) error {
		a, _, err := tx.attempt(k1)
		if err != nil {
			return err
		}
		if text := a.Parts[0].Text; text != "我是[candidate name]老师。" {
			t.Errorf("a1 text %q, want the name redacted", text)
		}
		orig, ok, err := tx.submitted(k1)
		if err != nil || !ok || orig.Parts[0].Text != said || len(orig.Redacted) != 1 {
			t.Errorf("a1 evidence as submitted %+v %v %v", orig, ok, err)
		}
		b, _, err := tx.attempt(k2)
		if err != nil {
			return err
		}
		if text := b.Parts[0].Text; text != untouched {
			t.Errorf("a2 text %q: a Latin-named candidate's attempt was read again", text)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// unredacted writes back attempt k as an older release could hold it: its
// first part's text as given, nothing redacted, flagged or kept as
// submitted.
func (t *txn) unredacted(k review.AttemptKey, text string) error {
	a, _, err := t.attempt(k)
	if err != nil {
		return err
	}
	a.Parts[0].Text, a.Leaks = text, nil
	for _, b := range []string{bucketSubmitted, bucketLeakIndex} {
		if err := t.bucket(b).Delete(attemptKey(k)); err != nil {
			return err
		}
	}
	return t.putAttempt(a, nil)
}

// inOne runs the step in the caller's transaction, for a test of one step
// on a store that is at the newest schema.
func (st attemptStep) inOne(t *txn) error {
	keys, err := st.which(t)
	if err != nil {
		return err
	}
	sc, _, err := t.leakScanner()
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := st.each(t, k, sc); err != nil {
			return err
		}
	}
	return nil
}
