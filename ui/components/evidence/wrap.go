package evidence

import (
	"strings"

	"assessor/ui/common"
)

// Wrap is a line break that wrapping put into a text, not one the text
// had: line line goes on in the next line, after indent cells of the
// paragraph's indent. space says the break took the place of a space;
// without it a word was broken (after its hyphen, or too long for a
// line). A search reads the text across it as it was written. It is
// small: a pane keeps one for most of its lines.
type Wrap struct {
	line   int32
	indent uint8
	space  bool
}

// Wraps are the line breaks wrapping put into what was written, in order.
func (e *Builder) Wraps() []Wrap { return e.wraps }

// wrap is text wrapped to width, a line a string, noting in e.wraps the
// breaks wrapping put in; the lines are to be written next, each after
// indent cells. Each of text's own lines is wrapped alone, which wraps it
// as wrapping the whole text does, so every break inside one is a wrap.
func (e *Builder) wrap(text string, width, indent int) []string {
	var out []string
	for src := range strings.SplitSeq(text, "\n") {
		lines := strings.Split(common.WordWrap(src, width), "\n")
		e.wraps = appendWraps(e.wraps, src, lines, e.lines+len(out), indent)
		out = append(out, lines...)
	}
	return out
}

// appendWraps appends to ws the breaks between lines, what wrapping src
// gave, the first of them line first. Walking src along the lines tells
// what each break dropped: wrapping drops spaces at a break, or a line
// break src has inside a word cut to fit (a diff's), and changes nothing
// else.
func appendWraps(ws []Wrap, src string, lines []string, first, indent int) []Wrap {
	pos, aligned := 0, true
	for i, l := range lines[:len(lines)-1] {
		space := true // a guess, if the lines stop being src's
		if aligned = aligned && strings.HasPrefix(src[pos:], l); aligned {
			pos += len(l)
			n := len(src[pos:]) - len(strings.TrimLeft(src[pos:], " "))
			for n > 0 && !strings.HasPrefix(src[pos+n:], lines[i+1]) {
				n-- // the next line starts with some of them
			}
			if n == 0 && strings.HasPrefix(src[pos:], "\n") {
				pos++
			}
			pos += n
			space = n > 0 && !strings.HasSuffix(l, " ")
		}
		ws = append(ws, Wrap{line: int32(first + i), indent: uint8(min(indent, 255)), space: space})
	}
	return ws
}
