package ui

import (
	"slices"
	"testing"
)

func TestFuzzyRank(t *testing.T) {
	targets := []string{
		"Use the rubric's words: one strength, then one priority.",
		"Name the learning target in every comment.",
		"Rubric language helps students.",
		"Be specific.",
	}
	for _, tc := range []struct {
		term string
		want []int
	}{
		{"", []int{0, 1, 2, 3}},
		{"  ", []int{0, 1, 2, 3}},
		{"rubric", []int{2, 0}}, // a word start, earlier in the text, ranks first
		{"RUBRIC", []int{2, 0}}, // case is ignored
		{"lrn trgt", []int{1}},  // in order, not necessarily together
		{"tgrat", nil},          // order matters
		{"spec", []int{3}},      // "specific", not s…p…e…c scattered
		{"zzz", nil},
	} {
		if got := fuzzyRank(tc.term, targets); !slices.Equal(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
			t.Errorf("fuzzyRank(%q) = %v, want %v", tc.term, got, tc.want)
		}
	}
}
