package store

import (
	"testing"

	"assessor/review"
)

// TestMigrateRedactsJoinedNames: a store of schema 13 holds, in the
// reviewer's copy, what that schema's matching missed: a Hebrew name after
// the letters joined to it, a name before an ʻokina typed for an
// apostrophe, and one hyphenated at a line's end. The upgrade redacts them
// and keeps the text as submitted for leads; an attempt with nothing to
// redact is left as it was.
func TestMigrateRedactsJoinedNames(t *testing.T) {
	f := newFixture(t)
	cases := map[string]struct{ name, said, want string }{
		"a1": {"מיכל לוי", "ומיכל הציגה, ולמיכל יש כיתה.", "ו[candidate name] הציגה, ול[candidate name] יש כיתה."},
		"a2": {"Dana Halvorsen", "Ms. Halvorsenʻs class, taught by Halvor-\nsen.", "Ms. [candidate name]ʻs class, taught by [candidate name]."},
		"a3": {"Dana Ruiz", "Students wrote every day.", "Students wrote every day."},
	}
	var subs []line
	for _, app := range []string{"a1", "a2", "a3"} {
		s := submission(app, "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("candidate", map[string]string{"name": cases[app].name})
		s["parts"] = []map[string]any{{"title": "Part 1", "text": cases[app].said}}
		subs = append(subs, s)
	}
	f.mustImport(subs...)
	f.upgradeFrom(13, func(tx *txn) error {
		for app, c := range cases {
			if err := tx.unredacted(review.AttemptKey{Application: app, Attempt: 1}, c.said); err != nil {
				return err
			}
		}
		return nil
	})

	err := f.view(func(tx *txn) error {
		for app, c := range cases {
			k := review.AttemptKey{Application: app, Attempt: 1}
			a, _, err := tx.attempt(k)
			if err != nil {
				return err
			}
			if a.Parts[0].Text != c.want {
				t.Errorf("%s after the upgrade: %q, want %q", app, a.Parts[0].Text, c.want)
			}
			orig, ok, err := tx.submitted(k)
			if err != nil {
				return err
			}
			if changed := c.want != c.said; ok != changed || changed && orig.Parts[0].Text != c.said {
				t.Errorf("%s as submitted: %+v kept %v", app, orig, ok)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestMigrateRecordsJoinedNameAsSubmitted: a store of schema 13 redacted
// the first name of "Dana Halvor-\nsen" and left the surname broken at
// the line's end. The upgrade redacts the surname for reviewers, and the
// evidence as submitted, which leaks show lists for leads, records the
// name's span whole in place of the first name's.
func TestMigrateRecordsJoinedNameAsSubmitted(t *testing.T) {
	f := newFixture(t)
	said := "Dana Halvor-\nsen taught."
	s := submission("a1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("candidate", map[string]string{"name": "Dana Halvorsen"})
	s["parts"] = []map[string]any{{"title": "Part 1", "text": said}}
	f.mustImport(s)
	k := review.AttemptKey{Application: "a1", Attempt: 1}
	f.upgradeFrom(13, func(tx *txn) error {
		a, _, err := tx.attempt(k)
		if err != nil {
			return err
		}
		orig := submittedEvidence{Parts: review.CloneParts(a.Parts)}
		orig.Parts[0].Text = said
		orig.Redacted = []review.Leak{{Part: 0, Start: 0, End: 4, Kind: review.LeakCandidateName}}
		a.Parts[0].Text, a.Leaks = "[candidate name] Halvor-\nsen taught.", nil // as schema 13 left it
		if err := tx.putSubmitted(k, orig); err != nil {
			return err
		}
		return tx.putAttempt(a, nil)
	})

	err := f.view(func(tx *txn) error {
		a, _, err := tx.attempt(k)
		if err != nil {
			return err
		}
		if want := "[candidate name] [candidate name] taught."; a.Parts[0].Text != want {
			t.Errorf("reviewer copy %q, want %q", a.Parts[0].Text, want)
		}
		orig, _, err := tx.submitted(k)
		if err != nil {
			return err
		}
		surname := len("Dana ")
		for _, l := range orig.Redacted {
			if l.Start <= surname && l.End > surname {
				return nil
			}
		}
		var got []string
		for _, l := range orig.Redacted {
			got = append(got, said[l.Start:l.End])
		}
		t.Errorf("as submitted, redacted spans %q: the surname redacted for reviewers is not among them", got)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
