package uitest

import (
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
)

// DrawnWidth is how wide a terminal that draws each character alone
// (tmux, xterm: wcwidth per character, emoji not joined) draws l, which
// the screens' width (ansi.StringWidth, one grapheme at a time) must
// match: combining marks, format characters (Mn, Me, Cf) and Hangul's
// vowel and final jamo take no cell, drawn in the cell before them; a
// spacing mark (Mc: ि, ா) takes one. "का" is two cells there, "मुँ"
// one, "👩‍🏫" four. Checked against tmux 3.3a.
func DrawnWidth(l string) int {
	w := 0
	for _, r := range ansi.Strip(l) {
		if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) || (r >= 0x1160 && r <= 0x11ff) || (r >= 0xd7b0 && r <= 0xd7ff) {
			continue
		}
		w += runewidth.RuneWidth(r)
	}
	return w
}

// RequireDrawnFits fails for each line of view that such a terminal
// draws wider than w cells.
func RequireDrawnFits(t *testing.T, view string, w int) {
	t.Helper()
	for i, l := range strings.Split(view, "\n") {
		if got := DrawnWidth(l); got > w {
			t.Errorf("line %d drawn %d cells wide by tmux/xterm, the screen is %d: %q", i, got, w, ansi.Strip(l))
		}
	}
}
