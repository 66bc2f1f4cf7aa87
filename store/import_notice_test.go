package store

import (
	"slices"
	"sync"
	"testing"

	"assessor/review"
)

// TestImportTellsTheHolder: an import that decides an attempt a reviewer
// holds tells them once it is stored (their screen has the attempt open,
// their draft is gone); an attempt nobody held, or an import that fails,
// tells nobody.
func TestImportTellsTheHolder(t *testing.T) {
	f := newFixture(t)
	f.mustImport(
		submission("a1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		submission("a2", "descriptive-feedback", 1, "2024-02-02T10:00:00Z"),
		submission("a3", "descriptive-feedback", 1, "2024-02-03T10:00:00Z"))
	f.claimWithDraft("rev-01", key("a1", 1))
	f.claimWithDraft("rev-02", key("a3", 1))
	var mu sync.Mutex
	var got []review.AttemptNotice
	f.OnNotice(func(n review.AttemptNotice) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, n)
	})

	// A failing import (a3's decision, then a line naming no rubric) stores
	// nothing and tells nobody.
	bad := submission("a4", "no-such-credential", 1, "2024-02-04T10:00:00Z")
	if _, err := f.Import("bad.jsonl", records(t, decision("a3", 1, "rev-09", "2024-02-10T10:00:00Z", "meets", "meets", "meets"), bad)); err == nil {
		t.Fatal("the bad import was stored")
	}
	f.mustImport(
		decision("a1", 1, "rev-09", "2024-02-10T10:00:00Z", "meets", "meets", "meets"),
		decision("a2", 1, "rev-09", "2024-02-10T10:00:00Z", "meets", "meets", "meets"))
	mu.Lock()
	defer mu.Unlock()
	want := []review.AttemptNotice{{Key: key("a1", 1), Decided: true, Holder: "rev-01"}}
	if !slices.Equal(got, want) {
		t.Errorf("notices %+v, want %+v", got, want)
	}
}
