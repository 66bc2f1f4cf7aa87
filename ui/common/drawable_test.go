package common

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestDrawable: tabs become spaces; emoji joined by a zero-width joiner,
// or with a skin tone or the emoji variation selector, are set apart, so
// the width measured is the width every terminal draws (each emoji two
// cells); joiners between letters stay.
func TestDrawable(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a\tb", "a    b"},
		{"plain text", "plain text"},
		{"👩\u200d🏫 teacher", "👩🏫 teacher"},
		{"👨\u200d👩\u200d👧\u200d👦", "👨👩👧👦"},
		{"🧑🏽\u200d🔬 lab", "🧑🔬 lab"},
		{"I ❤\ufe0f it", "I ❤ it"},
		{"👍🏿", "👍"},
		{"می\u200cخواهم", "می\u200cخواهم"}, // a non-joiner in Persian stays
		{"क्\u200dष", "क्\u200dष"},         // a joiner between Devanagari letters stays
	} {
		got := Drawable(tc.in)
		if got != tc.want {
			t.Errorf("Drawable(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// Measured apart: four emoji are eight cells, as a terminal that
	// joins none of them draws them.
	if w := ansi.StringWidth(Drawable("👨\u200d👩\u200d👧\u200d👦")); w != 8 {
		t.Errorf("the family is %d cells wide, want 8", w)
	}
}
