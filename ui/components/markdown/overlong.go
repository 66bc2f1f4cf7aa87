package markdown

import (
	"regexp"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// fitLines breaks each line of a rendering wider than width onto the
// lines below it. Glamour wraps at spaces only, so a run without one (a
// long link, a paragraph of Japanese or Chinese, which are written without
// spaces) comes back wider than the pane; cut there, the rest of it was
// lost to the reviewer. Each piece but the last ends in a reset, and the
// next begins in the style the cut left in force, so no style reaches the
// pane's border.
func fitLines(lines []string, width int) []string {
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		if ansi.StringWidth(l) <= width {
			out = append(out, l)
			continue
		}
		style := ""
		for _, piece := range strings.Split(ansi.Hardwrap(l, width, true), "\n") {
			next := styleAtEnd(style, piece)
			if next != "" {
				piece += "\x1b[0m"
			}
			out = append(out, style+piece)
			style = next
		}
	}
	return out
}

// sgr is a Select Graphic Rendition sequence: a style.
var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// styleAtEnd is the style sequences in force at the end of s, which began
// in style: those written since the last reset.
func styleAtEnd(style, s string) string {
	for _, q := range sgr.FindAllString(s, -1) {
		if q == "\x1b[0m" || q == "\x1b[m" {
			style = ""
		} else {
			style += q
		}
	}
	return style
}
