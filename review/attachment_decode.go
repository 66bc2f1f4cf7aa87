package review

import (
	"strings"
	"unicode/utf8"

	xunicode "golang.org/x/text/encoding/unicode"
)

// sniffLen is how much of a file looksText and utf16Of read.
const sniffLen = 8 << 10

// decodeText is data as UTF-8: UTF-16 (with or without a byte order mark)
// decoded, a UTF-8 byte order mark dropped, invalid bytes replaced.
func decodeText(data []byte) string {
	if e, ok := utf16Of(data); ok {
		if out, err := xunicode.UTF16(e, xunicode.IgnoreBOM).NewDecoder().Bytes(data); err == nil {
			data = out
		}
	}
	return strings.ToValidUTF8(strings.TrimPrefix(string(data), "\ufeff"), "\ufffd")
}

// utf16Of reports whether data is UTF-16 and in which byte order: from its
// byte order mark or, without one, from where its zero bytes fall (each
// ASCII character of UTF-16 text has one; UTF-8 text has none).
func utf16Of(data []byte) (xunicode.Endianness, bool) {
	switch {
	case len(data) >= 2 && data[0] == 0xff && data[1] == 0xfe:
		return xunicode.LittleEndian, true
	case len(data) >= 2 && data[0] == 0xfe && data[1] == 0xff:
		return xunicode.BigEndian, true
	}
	n := min(len(data), sniffLen) &^ 1
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	switch {
	case odd > n/8 && even == 0:
		return xunicode.LittleEndian, true
	case even > n/8 && odd == 0:
		return xunicode.BigEndian, true
	}
	return xunicode.BigEndian, false
}

// looksText reports whether data is text: UTF-16, or valid UTF-8 without
// zero bytes in its first sniffLen bytes (a rune cut at the end allowed).
func looksText(data []byte) bool {
	if len(data) == 0 {
		return false
	}
	if _, ok := utf16Of(data); ok {
		return true
	}
	head := data[:min(len(data), sniffLen)]
	for i := 0; i < len(head); {
		r, size := utf8.DecodeRune(head[i:])
		switch {
		case r == 0:
			return false
		case r == utf8.RuneError && size <= 1:
			if len(head)-i < utf8.UTFMax && len(head) < len(data) {
				return true // a rune cut where the sniff ends
			}
			return false
		}
		i += size
	}
	return true
}
