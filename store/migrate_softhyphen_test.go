package store

import (
	"slices"
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

// TestMigrateRedactsPartText: the step to schema 18 reads every attempt's
// text again with this release's matching. Schema 17 only flagged the user
// name of the candidate's own address made of an initial and the first
// part of a surname of two parts ("druiz@" of Dana Ruiz-Lopez), and kept a
// name a soft hyphen broke at a line's end as two words ("Halvor\nsen",
// the soft hyphen dropped at import), which redaction did not join.
func TestMigrateRedactsPartText(t *testing.T) {
	for _, tc := range []struct {
		candidate        map[string]string
		said, kept, want string
	}{
		{map[string]string{"name": "Dana Ruiz-Lopez", "email": "druiz@school.org"},
			"My login is druiz.", "My login is druiz.", "My login is [candidate email]."},
		{map[string]string{"name": "Dana Halvorsen"},
			"My mentor, Ms. Halvor\u00ad\nsen, observed.", "My mentor, Ms. Halvor\nsen, observed.", "My mentor, Ms. [candidate name], observed."},
	} {
		f := newFixture(t)
		s := submission("a1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("candidate", tc.candidate)
		s["parts"] = []map[string]any{{"title": "Part 1", "text": tc.said}}
		f.mustImport(s)
		k := review.AttemptKey{Application: "a1", Attempt: 1}
		f.upgradeFrom(17, func(tx *txn) error { return tx.unredacted(k, tc.kept) })

		if err := f.view(func(tx *txn) error {
			a, _, err := tx.attempt(k)
			if err == nil && a.Parts[0].Text != tc.want {
				t.Errorf("reviewer's copy of %q after the upgrade: %q, want %q", tc.kept, a.Parts[0].Text, tc.want)
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestReimportAfterSoftHyphenUpgradeUnchanged: re-importing the same lines
// is a no-op (docs/formats.md §2), also across the upgrade to schema 18. A
// part's text with a soft hyphen before a line break ("assess\u00ad\nment",
// as a word processor hyphenates) was stored by schema 17 without it
// ("assess\nment"), and this release reads the same line so too: an
// admin's nightly re-import of the same file is unchanged, not refused
// whole as "already imported with different content".
func TestReimportAfterSoftHyphenUpgradeUnchanged(t *testing.T) {
	f := newFixture(t)
	s := submission("a1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z")
	s["parts"] = []map[string]any{{"title": "Part 1", "text": "Students met the assess\u00ad\nment criteria."}}
	f.mustImport(s)
	k := review.AttemptKey{Application: "a1", Attempt: 1}
	f.upgradeFrom(17, func(tx *txn) error {
		a, _, err := tx.attempt(k)
		if err != nil {
			return err
		}
		a.Parts[0].Text = "Students met the assess\nment criteria." // as schema 17's Sanitize stored it
		return tx.putAttempt(a, nil)
	})
	st, err := f.Import("test.jsonl", records(t, s))
	if err != nil || st.Unchanged != 1 {
		t.Errorf("the same line again after the upgrade: %+v, %v; want it unchanged", st, err)
	}
}

// TestMigrateKeepsFileFlagsOnTheirText: a flag on an evidence file's text
// is a byte span of the text reviewers and leads read (review.FileText).
// Schema 17 read a text file's soft hyphen before a line break as nothing,
// and so does this release: after the upgrade, which reads every file
// again, each flag still covers what it flagged (here a phone number), so
// the leaks screen shows, and leaks redact cuts, that text.
func TestMigrateKeepsFileFlagsOnTheirText(t *testing.T) {
	f := newFixture(t)
	phone := "808-555-0123"
	sent := []byte("We assess\u00ad\nment weekly and re\u00ad\nflect. Call " + phone + " for help.")
	s := submission("a1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z")
	s["parts"] = []map[string]any{{"title": "Part 1", "text": "My plan.", "files": []string{"notes.txt"}}}
	if _, err := f.importFiles(Files{"notes.txt": sent}, s); err != nil {
		t.Fatal(err)
	}
	k := review.AttemptKey{Application: "a1", Attempt: 1}
	f.upgradeFrom(17, func(tx *txn) error {
		a, _, err := tx.attempt(k)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(a.Leaks, func(l review.Leak) bool { return l.Attachment }) {
			t.Fatalf("no flag on the file: %+v", a.Leaks)
		}
		return nil
	})
	if err := f.view(func(tx *txn) error {
		a, _, err := tx.attempt(k)
		if err != nil {
			return err
		}
		at := a.Parts[0].Attachments[0]
		text, err := review.FileText(at, tx.bucket(bucketBlobs).Get([]byte(at.Hash)))
		if err != nil {
			return err
		}
		for _, l := range a.Leaks {
			if l.Attachment && text[l.Start:l.End] != phone {
				t.Errorf("after the upgrade the file's %s flag covers %q of %q; want %q", l.Kind, text[l.Start:l.End], text, phone)
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}
