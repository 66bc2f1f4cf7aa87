package common

import (
	"io"
	"strings"
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

// TestRubricDrawnAsEvidence: the rubric as the screens render it (and
// `rubrics show` prints it) sets apart emoji some terminals join, as
// evidence does, so glamour's lines measure what the terminal draws.
func TestRubricDrawnAsEvidence(t *testing.T) {
	md := "## Part 1: Groups\n\n### C1. Groups 👩\u200d🏫 follow ✅ evidence\n\nSkin 👍🏽 tone and I ❤\ufe0f it.\n"
	for name, out := range map[string]string{
		"screens":      NewMarkdown(Options{NoColor: true}, NewStyles(Options{NoColor: true})).Glamour(md, 60),
		"rubrics show": RenderRubric(md, 60, io.Discard, true),
	} {
		plain := ansi.Strip(out)
		if strings.ContainsAny(plain, "\u200d\U0001F3FD\ufe0f") || !strings.Contains(plain, "Groups 👩🏫 follow") {
			t.Errorf("%s: the rubric keeps what some terminals join:\n%s", name, plain)
		}
	}
}
