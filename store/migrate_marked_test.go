package store

import (
	"slices"
	"testing"

	"assessor/review"
)

// TestMigrateFlagsMarkedPlaces: a store of schema 10 holds another
// person's address at the candidate's district's domain, and a listed
// school named for the district, cut by redaction and left unflagged,
// beside a flag a lead could have numbered.
// The upgrade flags the address, in order before the flag after it in the
// text (the screens mark a text's spans in one pass), and lists the attempt for leads; an attempt with no marker beside
// an "@" is left as it was.
func TestMigrateFlagsMarkedPlaces(t *testing.T) {
	f := newFixture(t)
	if _, err := f.AddListedName("Kaimuki Christian School"); err != nil {
		t.Fatal(err)
	}
	who := map[string]string{"name": "Keala Mahoe", "district": "Kaimuki", "state": "HI"}
	cut := submission("a1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("candidate", who)
	cut["parts"] = []map[string]any{{"title": "Part 1", "text": "Ask lani.kai@kaimuki.org today, or call 808-555-0177 at Kaimuki Christian School."}}
	plain := submission("a2", "classroom-discourse", 1, "2024-02-02T10:00:00Z").with("candidate", who)
	plain["parts"] = []map[string]any{{"title": "Part 1", "text": "Ask my principal at Kaimuki."}}
	f.mustImport(cut, plain)
	k1, k2 := review.AttemptKey{Application: "a1", Attempt: 1}, review.AttemptKey{Application: "a2", Attempt: 1}

	// What schema 10 held: the address cut and not flagged, the phone
	// flagged.
	var before review.Attempt
	err := f.update(func(tx *txn) error {
		a, _, err := tx.attempt(k1)
		if err != nil {
			return err
		}
		if a.Parts[0].Text != "Ask lani.kai@[candidate district].org today, or call 808-555-0177 at [candidate district] Christian School." || len(a.Leaks) != 3 {
			t.Fatalf("imported %q with %+v", a.Parts[0].Text, a.Leaks)
		}
		a.Leaks = a.Leaks[1:2] // the phone
		if err := tx.putAttempt(a, nil); err != nil {
			return err
		}
		if before, _, err = tx.attempt(k2); err != nil {
			return err
		}
		return setSchema(tx, 10)
	})
	if err != nil {
		t.Fatal(err)
	}
	f.reopen() // upgrades

	err = f.view(func(tx *txn) error {
		a, _, err := tx.attempt(k1)
		if err != nil {
			return err
		}
		var got []string
		for _, l := range a.Leaks {
			got = append(got, l.Kind+":"+a.Parts[0].Text[l.Start:l.End])
		}
		if !slices.Equal(got, []string{"email:lani.kai@[candidate district].org", "phone:808-555-0177", "listed-name:[candidate district] Christian School"}) {
			t.Errorf("a1 flags after the upgrade: %q", got)
		}
		b, _, err := tx.attempt(k2)
		if err != nil {
			return err
		}
		if len(b.Leaks) != len(before.Leaks) || b.Parts[0].Text != before.Parts[0].Text {
			t.Errorf("a2 changed: %+v, was %+v", b, before)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	flagged, err := f.Flagged()
	if err != nil || len(flagged) != 1 || len(flagged[0].Leaks) != 3 {
		t.Errorf("leads' list after the upgrade: %+v %v", flagged, err)
	}
}
