package store

import (
	"strings"
	"testing"

	"assessor/review"
)

// TestImportNormalizesStates: states go into the vault as postal codes, an
// unknown one fails its line naming the field, and a reviewer's conflict
// for HI and Hilo holds against "Hawaii", "Hilo District" and "Hilo
// Complex Area".
func TestImportNormalizesStates(t *testing.T) {
	f := newFixture(t)
	cand := func(district, state string) map[string]string {
		return map[string]string{"name": "Kim Ota", "email": "kim@example.org", "district": district, "state": state}
	}
	_, err := f.Import("new.jsonl", records(t,
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		submission("A-2", "descriptive-feedback", 1, "2024-02-01T11:00:00Z").with("candidate", cand("Kona", "Atlantis"))))
	if err == nil || !strings.Contains(err.Error(), "new.jsonl:2: candidate.state:") || !strings.Contains(err.Error(), `"Atlantis"`) {
		t.Fatalf("error %v, want new.jsonl:2: candidate.state naming the value", err)
	}
	if c := f.counts(); c.Attempts != 0 {
		t.Fatalf("a refused import stored %+v", c)
	}
	f.mustImport(
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("candidate", cand("Hilo District", "Hawaii")),
		submission("A-2", "descriptive-feedback", 1, "2024-02-01T11:00:00Z").with("candidate", cand("Hilo Complex Area", "hi")),
		submission("A-3", "descriptive-feedback", 1, "2024-02-01T12:00:00Z").with("candidate", cand("Kona", "Oregon")),
		// Attempt 2 may repeat the identity in another spelling.
		decision("A-1", 1, "rev-0", "2024-02-02T10:00:00Z", "meets", "not-yet", "meets"),
		submission("A-1", "descriptive-feedback", 2, "2024-02-10T10:00:00Z").with("candidate", cand("Hilo District", "HAWAII")),
	)
	if err := f.AddReviewer(review.Reviewer{ID: "lead", Role: review.RoleLead}); err != nil {
		t.Fatal(err)
	}
	for app, want := range map[string]string{"A-1": "HI", "A-2": "HI", "A-3": "OR"} {
		if c, err := f.Reveal("lead", app, "test"); err != nil || c.State != want {
			t.Errorf("%s state %q, %v; want %s", app, c.State, err, want)
		}
	}
	for _, r := range []review.Reviewer{{ID: "by-state", ConflictStates: []string{"HI"}}, {ID: "by-district", ConflictDistricts: []string{"Hilo"}}} {
		if err := f.AddReviewer(r); err != nil {
			t.Fatal(err)
		}
		for _, k := range []review.AttemptKey{key("A-1", 2), key("A-2", 1)} {
			if _, err := f.Claim(r.ID, k); err == nil {
				t.Errorf("%s claimed %s despite the conflict", r.ID, k)
			}
		}
		if _, err := f.Claim(r.ID, key("A-3", 1)); err != nil {
			t.Errorf("%s: %v", r.ID, err)
		} else if err := f.Release(r.ID, key("A-3", 1)); err != nil {
			t.Fatal(err)
		}
	}
}
