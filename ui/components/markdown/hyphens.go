package markdown

import (
	"strings"
	"unicode"
)

// nbHyphen stands in for a hyphen inside a word while glamour wraps.
const nbHyphen = '\u2011'

// keepHyphens turns each hyphen between two letters or digits into a
// non-breaking one. Glamour wraps paragraphs with reflow's word wrap, which
// may break after such a hyphen but counts the line one cell short for
// each, so a line overflows and glamour's margin moves its last word onto
// a line of its own ("a real say" / "in" / "decisions …"). The hyphens come
// back after rendering (giveHyphens): a hyphenated word then wraps whole.
func keepHyphens(md string) string {
	if !strings.Contains(md, "-") {
		return md
	}
	rs := []rune(md)
	for i := 1; i+1 < len(rs); i++ {
		if rs[i] == '-' && wordRune(rs[i-1]) && wordRune(rs[i+1]) {
			rs[i] = nbHyphen
		}
	}
	return string(rs)
}

// giveHyphens undoes keepHyphens on glamour's output.
func giveHyphens(s string) string { return strings.ReplaceAll(s, string(nbHyphen), "-") }

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
