package store

import (
	"slices"
	"strings"
	"testing"

	"assessor/review"
)

// TestMigrateRedactsTitles: a store written before titles were redacted
// (schema 6, a title naming its candidate stored as submitted) upgrades to
// one whose reviewer copies name no one in a title. The title as submitted
// joins the evidence as submitted, beside the spans import replaced in a
// text, or in a new record when import replaced nothing; check finds
// nothing wrong.
func TestMigrateRedactsTitles(t *testing.T) {
	f := newFixture(t)
	both := submission("a1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z")
	both["parts"] = []map[string]any{{"title": "Part 1: Ruiz overview", "text": "By Dana Ruiz."}}
	titleOnly := submission("a2", "classroom-discourse", 1, "2024-02-02T10:00:00Z")
	titleOnly["parts"] = []map[string]any{{"title": "Part 1: Dana Ruiz's class", "text": "My students set goals."}}
	clean := submission("a3", "classroom-discourse", 1, "2024-02-03T10:00:00Z")
	f.mustImport(both, titleOnly, clean)
	keys := []review.AttemptKey{{Application: "a1", Attempt: 1}, {Application: "a2", Attempt: 1}, {Application: "a3", Attempt: 1}}
	titles := func() (out []string) {
		for _, k := range keys {
			a, err := f.Attempt(k)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, a.Parts[0].Title)
		}
		return out
	}
	redacted := []string{"Part 1: [candidate name] overview", "Part 1: [candidate name]'s class", "Part 1: Overview questions"}
	if got := titles(); !slices.Equal(got, redacted) {
		t.Fatalf("titles after import: %q, want %q", got, redacted)
	}

	// Write back what schema 6 stored: titles as submitted, no title spans.
	err := f.update(func(tx *txn) error {
		for _, k := range keys {
			a, _, err := tx.attempt(k)
			if err != nil {
				return err
			}
			orig, ok, err := tx.submitted(k)
			if err != nil || !ok {
				continue
			}
			for i := range a.Parts {
				a.Parts[i].Title = orig.Parts[i].Title
			}
			orig.Redacted = slices.DeleteFunc(orig.Redacted, func(l review.Leak) bool { return l.Title })
			if len(orig.Redacted) == 0 {
				err = tx.bucket(bucketSubmitted).Delete(attemptKey(k))
			} else {
				err = tx.putSubmitted(k, orig)
			}
			if err == nil {
				err = tx.putAttempt(a, nil)
			}
			if err != nil {
				return err
			}
		}
		return setSchema(tx, 6)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := titles(); slices.Equal(got, redacted) {
		t.Fatal("the store was not written back as schema 6 had it")
	}
	f.reopen() // upgrades

	want := map[string]struct {
		title string
		spans []review.Leak // in the evidence as submitted
	}{
		"a1": {redacted[0], []review.Leak{
			{Part: 0, Start: 3, End: 12, Kind: review.LeakCandidateName},
			{Part: 0, Title: true, Start: 8, End: 12, Kind: review.LeakCandidateName}}},
		"a2": {redacted[1], []review.Leak{
			{Part: 0, Title: true, Start: 8, End: 17, Kind: review.LeakCandidateName}}},
		"a3": {redacted[2], nil},
	}
	err = f.view(func(tx *txn) error {
		for _, k := range keys {
			a, _, err := tx.attempt(k)
			if err != nil {
				return err
			}
			w := want[k.Application]
			if a.Parts[0].Title != w.title {
				t.Errorf("%s: title %q after the upgrade, want %q", k.Application, a.Parts[0].Title, w.title)
			}
			orig, ok, err := tx.submitted(k)
			if err != nil {
				return err
			}
			if ok != (w.spans != nil) || !slices.Equal(orig.Redacted, w.spans) {
				t.Errorf("%s: evidence as submitted kept %v with spans %+v, want %+v", k.Application, ok, orig.Redacted, w.spans)
			}
			if ok && !strings.Contains(orig.Parts[0].Title, "Ruiz") {
				t.Errorf("%s: the title as submitted is lost: %q", k.Application, orig.Parts[0].Title)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if problems, err := f.Check(); err != nil || len(problems) > 0 {
		t.Errorf("check after the upgrade: %v %v", problems, err)
	}
}
