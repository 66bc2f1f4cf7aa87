package common

import "github.com/charmbracelet/x/ansi"

// Width is ansi.StringWidth(s), the cells a line takes on screen, counted
// without ansi's parser when the line is printable ASCII and SGR styles
// (ESC [ … m and the like), as most of a review screen's lines are: the
// parser runs a state machine and grapheme segmentation over every byte,
// and measuring lines was a quarter of opening a review screen. Any other
// byte hands the whole line to ansi.StringWidth.
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
		default:
			return ansi.StringWidth(s)
		}
	}
	return w
}
