package rubrics

import (
	"strings"
	"unicode"

	"assessor/review"
)

// line is one line of a rubric file.
type line struct {
	text  string // without the line ending ("\n" or "\r\n")
	num   int    // 1-based
	start int    // byte offset of the line in the file
}

// splitLines cuts src into lines. A final line ending does not start another
// (empty) line, so the last line is the last one an editor shows.
func splitLines(src string) []line {
	var lines []line
	for start, num := 0, 1; start < len(src); num++ {
		end := strings.IndexByte(src[start:], '\n')
		next := start + end + 1
		if end < 0 {
			end, next = len(src)-start, len(src)
		}
		text := strings.TrimSuffix(src[start:start+end], "\r")
		lines = append(lines, line{text: text, num: num, start: start})
		start = next
	}
	return lines
}

// atxHeading reports whether text is a Markdown ATX heading ("## Title") and
// returns its level and its text without the markers, as CommonMark reads
// it: up to three spaces of indent, 1-6 '#', then a space or the end, and an
// optional closing run of '#'. Matching CommonMark keeps the parser in step
// with what the reviewer sees rendered.
func atxHeading(text string) (level int, title string, ok bool) {
	s, ok := review.TrimIndent(text)
	if !ok {
		return 0, "", false
	}
	for level < len(s) && s[level] == '#' {
		level++
	}
	if level == 0 || level > 6 {
		return 0, "", false
	}
	rest := s[level:]
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return 0, "", false
	}
	rest = strings.TrimSpace(rest)
	// A closing run of '#' counts only when it stands alone or after a space.
	if closed := strings.TrimRight(rest, "#"); closed == "" {
		rest = ""
	} else if last := closed[len(closed)-1]; last == ' ' || last == '\t' {
		rest = strings.TrimSpace(closed)
	}
	return level, rest, true
}

// plainHeading is a heading's title without the emphasis or code markers
// around its start, as CommonMark renders it: "**C2. Name**", "_C2. Name_",
// "**C2.** Name" and "`C2`. Name" all read "C2. Name". Google Docs'
// Markdown export writes a bold heading so, and the markers must not hide a
// criterion from scoring. A run of markers pairs with the next run of the
// same characters; one left unclosed is text, and stays. Three nestings
// ("***", "**_…_**") are plenty, and bound the work on a long line.
func plainHeading(title string) string {
	for range 3 {
		n := 0
		for n < len(title) && title[n] == title[0] && strings.IndexByte("*_`", title[n]) >= 0 {
			n++
		}
		if n == 0 {
			break
		}
		end := strings.Index(title[n:], title[:n])
		if end <= 0 {
			break
		}
		title = strings.TrimSpace(title[n:n+end] + title[n+end+n:])
	}
	return title
}

// Bounds on what glamour, which draws a rubric on the review screen and in
// `rubrics show`, takes far longer for than its size suggests: its time
// grows with the square of the nesting or of a run's length, so a 1 KB
// rubric of nested quotes froze the screen for minutes. Real rubrics nest a
// few levels, and the longest link fits in MaxRun.
const (
	MaxQuoteDepth = 8    // block quotes inside one another
	MaxListDepth  = 8    // list items inside one another
	MaxRun        = 1000 // characters without a space, outside fenced code
)

// nesting follows the block quotes and list items open from line to line,
// closely enough to bound their depth: leading '>'s are counted on each
// line, and a list item stays open while the lines after it are indented
// to its content.
type nesting struct {
	quotes int   // leading '>'s of the last line that was not blank
	items  []int // content columns of the open list items, innermost last
	blank  bool  // the line before was blank
}

// line reads one line outside fenced code and returns how deep in block
// quotes and list items its text is.
func (n *nesting) line(text string) (quotes, lists int) {
	i, col := 0, 0
	// indent skips spaces and tabs from i, keeping col.
	indent := func() {
		for ; i < len(text) && (text[i] == ' ' || text[i] == '\t'); i++ {
			if text[i] == '\t' {
				col += 4 - col%4
			} else {
				col++
			}
		}
	}
	for indent(); i < len(text) && text[i] == '>'; indent() {
		quotes++
		i, col = i+1, 0 // columns inside a quote count from its marker
	}
	if i == len(text) {
		n.blank = true
		return quotes, len(n.items) // a blank line closes nothing
	}
	afterBlank := n.blank
	n.blank = false
	if quotes != n.quotes {
		n.quotes, n.items = quotes, n.items[:0]
	}
	// A list item, a rule, or any line after a blank one closes the items
	// it is not indented under; another line continues the paragraph of
	// the innermost one lazily, which keeps every item open, so the next
	// item indented further really is nested deeper.
	if rule := thematicBreak(text[i:]); rule || afterBlank || listMarker(text[i:]) > 0 {
		for len(n.items) > 0 && n.items[len(n.items)-1] > col {
			n.items = n.items[:len(n.items)-1]
		}
		if rule {
			return quotes, len(n.items) // "- - -" is a rule, not three items
		}
	}
	// Markers and quotes may follow one another on the line: "- > - x".
	for i < len(text) {
		if text[i] == '>' {
			quotes++
			i, col = i+1, col+1
		} else if w := listMarker(text[i:]); w > 0 {
			i, col = i+w, col+w
			n.items = append(n.items, col+1)
		} else {
			break
		}
		indent()
	}
	return quotes, len(n.items)
}

// listMarker is the length of the list marker s starts with ("-", "*",
// "+", "1." or "1)" then a space or the end), or 0.
func listMarker(s string) int {
	w := 0
	if s[0] == '-' || s[0] == '*' || s[0] == '+' {
		w = 1
	} else {
		for w < len(s) && w < 9 && s[w] >= '0' && s[w] <= '9' {
			w++
		}
		if w == 0 || w == len(s) || (s[w] != '.' && s[w] != ')') {
			return 0
		}
		w++
	}
	if w < len(s) && s[w] != ' ' && s[w] != '\t' {
		return 0
	}
	return w
}

// thematicBreak reports whether s is a rule: three or more of one of
// '-', '*' or '_', and spaces.
func thematicBreak(s string) bool {
	c, n := s[0], 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == c && (c == '-' || c == '*' || c == '_'):
			n++
		case s[i] != ' ' && s[i] != '\t':
			return false
		}
	}
	return n >= 3
}

// longestRun is the most characters in text without a space between.
func longestRun(text string) int {
	longest, run := 0, 0
	for _, r := range text {
		if unicode.IsSpace(r) {
			run = 0
			continue
		}
		run++
		longest = max(longest, run)
	}
	return longest
}
