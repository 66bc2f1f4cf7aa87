package review

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// TestWordCountIsFields holds WordCount to the words strings.Fields
// finds, over every kind of space, invalid bytes and random mixtures.
func TestWordCountIsFields(t *testing.T) {
	pieces := []string{"a", "word", "é", "漢字", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u2028", "\u200b", "\xff", "\xe2\x80", "-", "."}
	cases := []string{"", " ", "one", " one ", "one two", "one\u00a0two", "\u3000x\u3000", "\xff \xff"}
	rng := rand.New(rand.NewPCG(70, 1))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		if got, want := WordCount(s), len(strings.FieldsFunc(s, unicode.IsSpace)); got != want {
			t.Fatalf("WordCount(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestEvidenceWordCount: a marker of the candidate's values counts as one
// word, the candidate's e-mail or district having been one; other
// bracketed text counts as written.
func TestEvidenceWordCount(t *testing.T) {
	for _, c := range []struct {
		text string
		want int
	}{
		{"I am [candidate name] of [candidate district], [candidate state].", 6},
		{"Write to ([candidate email]) or [candidate phone]!", 5},
		{"[redacted] and [candidate reasons] stay as written", 7},
		{"no markers here", 3},
	} {
		if got := EvidenceWordCount(c.text); got != c.want {
			t.Errorf("EvidenceWordCount(%q) = %d, want %d", c.text, got, c.want)
		}
	}
}
