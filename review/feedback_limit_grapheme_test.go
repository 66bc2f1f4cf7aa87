package review

import (
	"strings"
	"testing"

	"github.com/rivo/uniseg"
)

// TestCutFeedbackKeepsWholeCharacters: text past the limit is cut where
// one character a reader sees ends, never between a letter and its
// accent (decomposed, as macOS and many PDFs give "é"), between the two
// halves of a flag, or inside a Devanagari or Thai syllable: the cut
// must not change the last character that is kept.
func TestCutFeedbackKeepsWholeCharacters(t *testing.T) {
	for name, tail := range map[string]string{
		"decomposed é":  "e\u0301 ",
		"flag of Spain": "\U0001F1EA\U0001F1F8 ",
		"Hindi कि":      "\u0915\u093f ",
		"Thai นี้":      "\u0e19\u0e35\u0e49 ",
	} {
		// The limit falls just after the tail's first rune, inside its first character.
		head := strings.Repeat("a", MaxFeedback-1)
		text := head + tail
		got, cut := CutFeedback(text)
		if !cut {
			t.Fatalf("%s: not cut", name)
		}
		// What is kept must be a run of whole graphemes of the text.
		kept := ""
		g := uniseg.NewGraphemes(text)
		for g.Next() {
			if len(kept)+len(g.Str()) > len(got) {
				break
			}
			kept += g.Str()
		}
		if got != kept {
			t.Errorf("%s: cut ends %q, splitting a character (whole characters end %q)", name, got[len(got)-8:], kept[max(0, len(kept)-8):])
		}
	}
}
