package store

import (
	"testing"

	"assessor/review"
)

// TestMigrateRedactsOkinaTypedDistricts: a store of schema 15 keeps, in
// the reviewer's copy of a candidate from "Wai'anae Complex Area", the
// district written alone, as that schema's key split the word at the
// apostrophe. The upgrade redacts it, as import now does, and leaves the
// text as submitted for leads.
func TestMigrateRedactsOkinaTypedDistricts(t *testing.T) {
	f := newFixture(t)
	said := "Our school in Waianae joined the Waiʻanae coast network."
	s := submission("o1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("candidate", map[string]string{"name": "Dana Ruiz", "district": "Wai'anae Complex Area", "state": "HI"})
	s["parts"] = []map[string]any{{"title": "Part 1", "text": said}}
	f.mustImport(s)
	k := review.AttemptKey{Application: "o1", Attempt: 1}
	var want string
	if err := f.view(func(tx *txn) error {
		a, _, err := tx.attempt(k)
		want = a.Parts[0].Text
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if want == said {
		t.Fatalf("import kept the district: %q", want)
	}
	f.upgradeFrom(15, func(tx *txn) error { return tx.unredacted(k, said) })
	err := f.view(func(tx *txn) error {
		a, _, err := tx.attempt(k)
		if err != nil {
			return err
		}
		if a.Parts[0].Text != want {
			t.Errorf("after the upgrade: %q, want %q", a.Parts[0].Text, want)
		}
		orig, ok, err := tx.submitted(k)
		if err == nil && (!ok || orig.Parts[0].Text != said) {
			t.Errorf("as submitted: %+v kept %v", orig, ok)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
