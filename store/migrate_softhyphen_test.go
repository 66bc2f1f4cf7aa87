package store

import (
	"strings"
	"testing"

	"assessor/review"
)

// TestMigrateRedactsSoftHyphenInFiles: a store of schema 17 holds, for
// reviewers, an evidence file as sent whose text breaks the candidate's
// name with a soft hyphen at a line's end, which that schema's import read
// as two words. The upgrade redacts the file's text and keeps the file as
// sent for leads.
func TestMigrateRedactsSoftHyphenInFiles(t *testing.T) {
	f := newFixture(t)
	sent := []byte("Plan by Ms. Halvor\u00ad\nsen.")
	s := submission("a1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("candidate", map[string]string{"name": "Dana Halvorsen"})
	s["parts"] = []map[string]any{{"title": "Part 1", "text": "My plan.", "files": []string{"plan.txt"}}}
	if _, err := f.importFiles(Files{"plan.txt": sent}, s); err != nil {
		t.Fatal(err)
	}
	k := review.AttemptKey{Application: "a1", Attempt: 1}
	raw := review.NewAttachment("plan.txt", sent)
	f.upgradeFrom(17, func(tx *txn) error {
		a, _, err := tx.attempt(k)
		if err != nil {
			return err
		}
		a.Parts[0].Attachments[0], a.Leaks = raw, nil // as schema 17 left it
		for _, b := range []string{bucketSubmitted, bucketLeakIndex} {
			if err := tx.bucket(b).Delete(attemptKey(k)); err != nil {
				return err
			}
		}
		return tx.putAttempt(a, nil)
	})

	err := f.view(func(tx *txn) error {
		a, _, err := tx.attempt(k)
		if err != nil {
			return err
		}
		at := a.Parts[0].Attachments[0]
		if text := string(tx.bucket(bucketBlobs).Get([]byte(at.Hash))); !at.Redacted || strings.Contains(text, "Halvor") {
			t.Errorf("reviewer's file after the upgrade: %+v %q", at, text)
		}
		orig, ok, err := tx.submitted(k)
		if err != nil {
			return err
		}
		if !ok || orig.Parts[0].Attachments[0].Hash != raw.Hash {
			t.Errorf("as submitted: %+v kept %v, want the file as sent", orig, ok)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestMigrateRedactsUserNameOfCompoundSurname: a store of schema 17 only
// flagged the user name of the candidate's own address made of an initial
// and the first part of a surname of two parts ("druiz@" of Dana
// Ruiz-Lopez). The step to schema 18 reads every attempt again with this
// release's matching, which replaces it.
func TestMigrateRedactsUserNameOfCompoundSurname(t *testing.T) {
	f := newFixture(t)
	said := "My login is druiz."
	s := submission("a1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("candidate", map[string]string{"name": "Dana Ruiz-Lopez", "email": "druiz@school.org"})
	s["parts"] = []map[string]any{{"title": "Part 1", "text": said}}
	f.mustImport(s)
	k := review.AttemptKey{Application: "a1", Attempt: 1}
	f.upgradeFrom(17, func(tx *txn) error { return tx.unredacted(k, said) })

	if err := f.view(func(tx *txn) error {
		a, _, err := tx.attempt(k)
		if err == nil && a.Parts[0].Text != "My login is [candidate email]." {
			t.Errorf("reviewer's copy after the upgrade: %q", a.Parts[0].Text)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
}
