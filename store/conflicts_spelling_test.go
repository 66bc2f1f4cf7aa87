package store

import (
	"testing"

	"assessor/review"
)

// TestConflictDistrictApostropheSpellings: a district's ʻokina is typed
// as an apostrophe on most keyboards ("Wai'anae", "Wai‘anae"), or left
// out ("Waianae"); rule 7 compares districts without case, accents or
// punctuation, so a reviewer who declared one spelling is never offered
// a candidate who wrote another.
func TestConflictDistrictApostropheSpellings(t *testing.T) {
	f := newFixture(t)
	f.mustImport(
		submission("W-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").
			with("candidate", map[string]string{"name": "Kai Akana", "district": "Wai'anae", "state": "HI"}),
		submission("W-2", "descriptive-feedback", 1, "2024-02-02T10:00:00Z").
			with("candidate", map[string]string{"name": "Lei Kahale", "district": "Wai‘anae Complex Area", "state": "HI"}),
	)
	for id, declared := range map[string]string{"rev-okina": "Waiʻanae", "rev-plain": "Waianae"} {
		if err := f.AddReviewer(review.Reviewer{ID: id, ConflictDistricts: []string{declared}}); err != nil {
			t.Fatal(err)
		}
		q, err := f.Queue(id, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := handles(q); len(got) != 0 {
			t.Errorf("reviewer with conflict district %q is offered %v (candidates in \"Wai'anae\" and \"Wai‘anae Complex Area\")", declared, got)
		}
	}
}
