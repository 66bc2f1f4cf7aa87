package review

import (
	"strings"
	"unicode/utf8"
)

// Sanitize makes untrusted evidence safe to put on a terminal: it removes
// escape sequences (CSI, OSC, DCS, SOS, PM, APC and two-byte ESC sequences),
// their 8-bit C1 forms, and every other C0/C1 control except newline and tab.
// Carriage returns become newlines so "\r\n" text keeps its line breaks.
// Invalid UTF-8 is replaced, so no stray byte can start a sequence later.
func Sanitize(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
			i++
		case r == 0x1b: // ESC
			i = skipEscape(s, i+1)
		case r == 0x9b: // C1 CSI
			i = skipCSI(s, i+size)
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // C1 OSC, DCS, SOS, PM, APC
			i = skipString(s, i+size)
		case r == '\r':
			if !strings.HasPrefix(s[i+1:], "\n") {
				b.WriteByte('\n')
			}
			i++
		case r == '\n' || r == '\t':
			b.WriteRune(r)
			i += size
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || dropped(r):
			i += size
		default:
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return b.String()
}

// dropped reports whether Sanitize drops invisible r.
func dropped(r rune) bool { return Invisible(r) && !shapesText(r) }

// isClean is the fast path: most evidence has nothing to strip.
func isClean(s string) bool {
	for _, r := range s {
		if isControl(r) || r == utf8.RuneError || dropped(r) {
			return false
		}
	}
	return true
}

// isControl reports whether Sanitize drops r: C0 but \n and \t, DEL, C1.
func isControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r < 0xa0)
}

// FirstControl returns the first character of s that Sanitize would drop as
// a control character, for parsers that reject such text instead.
func FirstControl(s string) (rune, bool) {
	for _, r := range s {
		if isControl(r) {
			return r, true
		}
	}
	return 0, false
}

// skipEscape skips the sequence that follows an ESC at s[i-1].
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return skipString(s, i+1)
	}
	// Two-byte (or nF: intermediates then final) escape.
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) {
		i++
	}
	return i
}

// skipCSI skips parameter (0x30–0x3f) and intermediate (0x20–0x2f) bytes and
// the final byte (0x40–0x7e). A malformed sequence ends at the first other
// byte, which the caller then sees (and drops if it is a control).
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 0x20 && c <= 0x3f:
			i++
		case c >= 0x40 && c <= 0x7e:
			return i + 1
		default:
			return i
		}
	}
	return i
}

// skipString skips a control string up to its terminator: BEL, ESC \ or C1 ST.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case s[i] == 0xc2 && i+1 < len(s) && s[i+1] == 0x9c:
			return i + 2
		}
		i++
	}
	return i
}
