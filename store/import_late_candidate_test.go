package store

import (
	"errors"
	"strings"
	"testing"

	"assessor/review"
)

// TestCandidateNamedEarlier: a candidate first given on attempt 2 is
// refused when attempt 1, imported without one, names them (its reviewer
// would read the name in attempt 1's text), and nothing of the line is
// stored; when attempt 1 does not, it goes into the vault.
func TestCandidateNamedEarlier(t *testing.T) {
	f := newFixture(t)
	named := submission("N-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("candidate", nil).
		with("parts", []map[string]any{{"title": "Part 1", "text": "I am Dana Ruiz; my students set goals."}})
	plain := submission("P-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("candidate", nil)
	f.mustImport(named, plain,
		decision("N-1", 1, "rev-9", "2024-02-03T10:00:00Z", "meets", "not-yet", "meets"),
		decision("P-1", 1, "rev-9", "2024-02-03T10:00:00Z", "meets", "not-yet", "meets"))

	_, err := f.Import("late.jsonl", records(t, submission("N-1", "descriptive-feedback", 2, "2024-02-05T10:00:00Z")))
	if !errors.Is(err, review.ErrCandidateNamedEarlier) || !strings.Contains(err.Error(), "late.jsonl:1: candidate: ") || !strings.Contains(err.Error(), "(attempt 1, parts[0].text)") {
		t.Fatalf("candidate on attempt 2 named in attempt 1: %v", err)
	}
	if _, err := f.Candidate("N-1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("the refused line's candidate is in the vault: %v", err)
	}
	if c := f.counts(); c.Attempts != 2 {
		t.Errorf("%d attempts stored, want the 2 of before", c.Attempts)
	}
	f.mustImport(submission("P-1", "descriptive-feedback", 2, "2024-02-05T10:00:00Z"))
	if c, err := f.Candidate("P-1"); err != nil || c.Name != "Dana Ruiz" {
		t.Errorf("P-1's candidate, given on attempt 2: %+v %v", c, err)
	}
}
