package common

import "github.com/charmbracelet/x/ansi"

// WordWrap is ansi.Wrap(s, limit, ""): s word-wrapped to limit cells,
// words longer than that broken. Text that is printable ASCII, spaces and
// newlines (most evidence) is wrapped here, by ansi's own rules without
// its parser and grapheme segmentation, which were a fifth of opening a
// review screen; anything else goes to ansi.Wrap. FuzzWordWrap holds the
// two to the same output.
func WordWrap(s string, limit int) string {
	if limit < 1 || !plainASCII(s) {
		return ansi.Wrap(s, limit, "")
	}
	return wrapASCII(s, limit)
}

// plainASCII reports whether s holds only printable ASCII and newlines.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 || c > 0x7e) && c != '\n' {
			return false
		}
	}
	return true
}

// wrapASCII is ansi's wrap for plainASCII text and no breakpoints but '-'
// (which ansi always breaks at), one byte a cell: words gather in word,
// the spaces before them in space, and both go to the line when the next
// space, '-' or newline ends the word.
func wrapASCII(s string, limit int) string {
	buf := make([]byte, 0, len(s)+len(s)/limit+1)
	var word, space []byte
	curWidth := 0 // what the line holds so far
	addSpace := func() {
		curWidth += len(space)
		buf = append(buf, space...)
		space = space[:0]
	}
	addWord := func() {
		if len(word) == 0 {
			return
		}
		addSpace()
		curWidth += len(word)
		buf = append(buf, word...)
		word = word[:0]
	}
	addNewline := func() {
		buf = append(buf, '\n')
		curWidth = 0
		space = space[:0]
	}
	// endSpaces keeps the spaces that end a line when they fit it.
	endSpaces := func() {
		if len(word) == 0 {
			if curWidth+len(space) > limit {
				curWidth = 0
			} else {
				buf = append(buf, space...)
			}
			space = space[:0]
		}
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\n':
			endSpaces()
			addWord()
			addNewline()
		case ' ':
			addWord()
			space = append(space, c)
		case '-':
			addSpace()
			if curWidth+len(word) >= limit {
				word = append(word, c) // it cannot end this line: part of the word
			} else {
				addWord()
				buf = append(buf, c)
				curWidth++
			}
		default:
			if curWidth == limit {
				addNewline()
			}
			word = append(word, c)
			if len(word) == limit {
				addWord() // too long for any line: broken here
			}
			if curWidth+len(word)+len(space) > limit {
				addNewline()
			}
		}
	}
	endSpaces()
	addWord()
	return string(buf)
}
