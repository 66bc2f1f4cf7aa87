package store

import (
	"testing"

	"assessor/review"
)

func TestIdentityFlags(t *testing.T) {
	who := &review.Candidate{Name: "Dana Ruiz", Email: "dana@example.org", District: "Hilo"}
	tests := []struct {
		text string
		want int
	}{
		{"My students set goals.", 0},
		{"Ms. dana ruiz, room 4", 1},
		{"Teaching at HILO Elementary", 1},
		{"write to me at someone@school.k12.us", 1},
		{"call (808) 555-0199 any time", 1},
		{"school years 2023-2024 and 2024-2025", 0},
	}
	for _, tt := range tests {
		a := review.Attempt{Parts: []review.EvidencePart{{Title: "Part 1", Text: tt.text}}}
		if got := identityFlags(a, who); got != tt.want {
			t.Errorf("identityFlags(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
	a := review.Attempt{Parts: []review.EvidencePart{{Title: "Part 1", Text: "clean"}}, Note: "Dana Ruiz"}
	if got := identityFlags(a, nil); got != 0 {
		t.Errorf("without a candidate the name is not known: got %d", got)
	}
	if got := identityFlags(a, who); got != 1 {
		t.Errorf("note with the name: got %d, want 1", got)
	}
}

func TestImportFlagsIdentifyingDetails(t *testing.T) {
	f := newFixture(t)
	f.mustImport(
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("parts", []map[string]any{
			{"title": "Part 1", "text": "Ms. Dana Ruiz, room 4"},
			{"title": "Part 2", "text": "call 808-555-0199"},
			{"title": "Part 3", "text": "clean"},
		}),
		submission("A-2", "descriptive-feedback", 1, "2024-02-01T11:00:00Z"),
	)
	q, err := f.Queue("rev-1", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(q) != 2 || q[0].Flags != 2 || q[1].Flags != 0 {
		t.Errorf("flags %+v", q)
	}
}
