package rubrics

import "strings"

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
	s, ok := trimIndent(text)
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

// fence is an open fenced code block: its marker character and length.
type fence struct {
	char byte // '`' or '~'
	n    int  // length of the opening run, at least 3
}

// openFence reports whether text opens a fenced code block (``` or ~~~).
func openFence(text string) (fence, bool) {
	s, ok := trimIndent(text)
	if !ok || len(s) < 3 || (s[0] != '`' && s[0] != '~') {
		return fence{}, false
	}
	f := fence{char: s[0], n: runLen(s, s[0])}
	if f.n < 3 {
		return fence{}, false
	}
	// CommonMark: a backtick fence's info string cannot hold a backtick,
	// otherwise the line is inline code, not a fence.
	if f.char == '`' && strings.IndexByte(s[f.n:], '`') >= 0 {
		return fence{}, false
	}
	return f, true
}

// closes reports whether text closes the block f opened: the same character,
// at least as many of it, and nothing else on the line.
func (f fence) closes(text string) bool {
	s, ok := trimIndent(text)
	if !ok {
		return false
	}
	n := runLen(s, f.char)
	return n >= f.n && strings.TrimSpace(s[n:]) == ""
}

// trimIndent drops up to three leading spaces; four or more make an
// indented code block, which holds neither headings nor fences.
func trimIndent(s string) (string, bool) {
	for i := 0; i < 4; i++ {
		if i == len(s) || s[i] != ' ' {
			return s[i:], true
		}
	}
	return "", false
}

// runLen counts the leading bytes of s equal to c.
func runLen(s string, c byte) int {
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	return n
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
