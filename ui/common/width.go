package common

import (
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Width is ansi.StringWidth(s), the cells a line takes on screen, counted
// without ansi's parser when the line is printable ASCII, narrow symbols
// (see narrow) and SGR styles (ESC [ … m and the like), as most of a
// review screen's lines are: the parser runs a state machine and grapheme
// segmentation over every byte, and measuring lines was a quarter of
// opening a review screen. Anything else hands the whole line to
// ansi.StringWidth.
func Width(s string) int {
	w := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x20 && c < 0x7f:
			w++
		case c == 0x1b && i+1 < len(s) && s[i+1] == '[':
			// A CSI sequence of parameter bytes and one final byte, as
			// styles are; none of it takes a cell. Intermediate bytes,
			// rare on screen, go to the parser with the rest.
			j := i + 2
			for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f {
				j++
			}
			if j == len(s) || s[j] < 0x40 || s[j] > 0x7e {
				return ansi.StringWidth(s)
			}
			i = j
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !narrow(r) {
				return ansi.StringWidth(s)
			}
			w++
			i += size - 1
		default:
			return ansi.StringWidth(s)
		}
	}
	return w
}

// narrow reports whether r takes one cell whatever comes before or after
// it: Latin-1's letters and signs, punctuation (dashes, quotes, "…"),
// arrows, and box drawing, blocks and shapes, which draw every pane's
// border, but none that joins a neighbour into one grapheme or turns
// emoji-wide (TestNarrowIsOneCell). A rune after one that would change it
// (a combining accent, a variation selector) is not narrow, so the line
// goes to the parser whole.
func narrow(r rune) bool {
	switch {
	case r >= 0xa0 && r <= 0xff:
		return r != 0xad // the soft hyphen takes no cell
	case r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205e, r >= 0x2190 && r <= 0x21ff:
		return true
	}
	return r >= 0x2500 && r <= 0x25fc // 25FD and 25FE are emoji
}
