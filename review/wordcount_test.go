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
