package review

import (
	"fmt"
	"maps"
	"testing"
)

func TestReviewerLabels(t *testing.T) {
	prior := func(n int, reviewer string) PriorAttempt {
		return PriorAttempt{Attempt: Attempt{Number: n}, Decision: Decision{Attempt: n, Reviewer: reviewer}}
	}
	tests := []struct {
		name string
		prev []PriorAttempt
		want map[string]string
	}{
		{"none", nil, map[string]string{}},
		{"one", []PriorAttempt{prior(1, "Jane Smith")}, map[string]string{"Jane Smith": "reviewer A"}},
		{"two reviewers", []PriorAttempt{prior(1, "rev-9"), prior(2, "rev-1")},
			map[string]string{"rev-9": "reviewer A", "rev-1": "reviewer B"}},
		{"same reviewer again keeps its label", []PriorAttempt{prior(1, "x"), prior(2, "y"), prior(3, "x")},
			map[string]string{"x": "reviewer A", "y": "reviewer B"}},
		{"attempt order, not slice order", []PriorAttempt{prior(2, "later"), prior(1, "first")},
			map[string]string{"first": "reviewer A", "later": "reviewer B"}},
		{"empty id gets no label", []PriorAttempt{prior(1, ""), prior(2, "z")},
			map[string]string{"z": "reviewer A"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ReviewerLabels(tt.prev); !maps.Equal(got, tt.want) {
				t.Errorf("ReviewerLabels = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestReviewerLabelsPastZ(t *testing.T) {
	var prev []PriorAttempt
	for i := 1; i <= 28; i++ {
		prev = append(prev, PriorAttempt{Attempt: Attempt{Number: i}, Decision: Decision{Reviewer: fmt.Sprint("r", i)}})
	}
	got := ReviewerLabels(prev)
	for id, want := range map[string]string{"r1": "reviewer A", "r26": "reviewer Z", "r27": "reviewer AA", "r28": "reviewer AB"} {
		if got[id] != want {
			t.Errorf("label of %s = %q, want %q", id, got[id], want)
		}
	}
}

func TestLabelLetters(t *testing.T) {
	for i, want := range map[int]string{0: "A", 1: "B", 25: "Z", 26: "AA", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA"} {
		if got := labelLetters(i); got != want {
			t.Errorf("labelLetters(%d) = %q, want %q", i, got, want)
		}
	}
}
