package common

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// wrapSeeds are texts evidence holds: words, runs of spaces, hyphens,
// blank lines, words longer than a line, and text that is not plain ASCII.
var wrapSeeds = []string{
	"", "a", "The plan names the goal and one next step.", "  leading and trailing  ",
	"well-known co-teaching - a dash", "line one\nline two\n\nafter a blank\n", "supercalifragilistic",
	"a - - b --- c", "   \n   \n", "ends with a space ", "x-", "-x", "café au lait", "tab\there", "\x1b[1mbold\x1b[0m",
}

// TestWordWrapIsAnsiWrap: over random texts of words, spaces, hyphens and
// newlines and every limit, WordWrap is ansi.Wrap, and the ASCII path ran.
func TestWordWrapIsAnsiWrap(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	parts := []string{"a", "to", "plan", "assessment", "supercalifragilistic", " ", "  ", "-", "--", "\n", "\n\n", ".", "e-mail"}
	texts := append([]string(nil), wrapSeeds...)
	for range 3000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		texts = append(texts, b.String())
	}
	ascii := 0
	for _, s := range texts {
		if plainASCII(s) {
			ascii++
		}
		for limit := 0; limit <= 24; limit++ {
			if got, want := WordWrap(s, limit), ansi.Wrap(s, limit, ""); got != want {
				t.Fatalf("WordWrap(%q, %d) = %q, ansi.Wrap %q", s, limit, got, want)
			}
		}
	}
	if ascii < 3000 {
		t.Fatalf("only %d texts took the ASCII path", ascii)
	}
}

func FuzzWordWrap(f *testing.F) {
	for _, s := range wrapSeeds {
		f.Add(s, 10)
	}
	f.Fuzz(func(t *testing.T, s string, limit int) {
		limit %= 200
		if got, want := WordWrap(s, limit), ansi.Wrap(s, limit, ""); got != want {
			t.Errorf("WordWrap(%q, %d) = %q, ansi.Wrap %q", s, limit, got, want)
		}
	})
}
