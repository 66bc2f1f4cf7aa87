package review

import "strings"

// Fence is an open fenced code block of Markdown (``` or ~~~): its marker
// character and the length of its opening run. Rubric parsing and
// descriptor tables (Criterion.Descriptors) both follow fences as
// CommonMark does, so neither reads a heading or a table inside code.
type Fence struct {
	char byte // '`' or '~'
	n    int  // length of the opening run, at least 3; 0: no fence open
}

// Open reports whether f is an open fence, not the zero Fence.
func (f Fence) Open() bool { return f.n > 0 }

// OpenFence reports whether text opens a fenced code block.
func OpenFence(text string) (Fence, bool) {
	s, ok := TrimIndent(text)
	if !ok || len(s) < 3 || (s[0] != '`' && s[0] != '~') {
		return Fence{}, false
	}
	f := Fence{char: s[0], n: runLen(s, s[0])}
	if f.n < 3 {
		return Fence{}, false
	}
	// CommonMark: a backtick fence's info string cannot hold a backtick,
	// otherwise the line is inline code, not a fence.
	if f.char == '`' && strings.IndexByte(s[f.n:], '`') >= 0 {
		return Fence{}, false
	}
	return f, true
}

// Closes reports whether text closes the block f opened: the same
// character, at least as many of it, and nothing else on the line.
func (f Fence) Closes(text string) bool {
	s, ok := TrimIndent(text)
	if !ok {
		return false
	}
	n := runLen(s, f.char)
	return n >= f.n && strings.TrimSpace(s[n:]) == ""
}

// TrimIndent drops up to three leading spaces; four or more make an
// indented code block, which holds neither headings, tables nor fences.
func TrimIndent(s string) (string, bool) {
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
