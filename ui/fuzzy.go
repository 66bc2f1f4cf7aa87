package ui

import (
	"slices"
	"strings"
	"unicode"
)

// The comment bank picker filters as bubbles/list does: the term's
// characters must appear in order, not necessarily together, ignoring case;
// tighter and earlier matches rank first. bubbles/list itself needs
// github.com/sahilm/fuzzy, which go.mod does not carry, hence this small
// stand-in with the same behaviour.

// fuzzyRank returns the indexes of targets matching term, best first; ties
// keep the targets' order. An empty term matches everything in order.
func fuzzyRank(term string, targets []string) []int {
	type hit struct{ i, score int }
	var hits []hit
	for i, t := range targets {
		if score, ok := fuzzyScore(term, t); ok {
			hits = append(hits, hit{i, score})
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return b.score - a.score })
	out := make([]int, len(hits))
	for k, h := range hits {
		out[k] = h.i
	}
	return out
}

// fuzzyScore reports whether every rune of term occurs in s in order
// (ignoring case) and how well: each matched rune scores, a rune right after
// the previous match or at the start of a word scores more, and runes
// skipped before the first match cost a little.
func fuzzyScore(term, s string) (int, bool) {
	want := []rune(strings.ToLower(strings.TrimSpace(term)))
	if len(want) == 0 {
		return 0, true
	}
	score, j, last, first := 0, 0, -2, -1
	prev := ' '
	for i, r := range []rune(s) {
		if j < len(want) && unicode.ToLower(r) == want[j] {
			score += 1
			if i == last+1 {
				score += 4
			}
			if !unicode.IsLetter(prev) && !unicode.IsDigit(prev) {
				score += 2
			}
			if first < 0 {
				first = i
			}
			last = i
			j++
		}
		prev = r
	}
	if j < len(want) {
		return 0, false
	}
	return score*16 - min(first, 15), true
}
