package review

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The redactor folds accents when it matches the candidate's own values;
// the scan's patterns for other details and listed names are regular
// expressions over the text as written, so "Waiākea High School" slipped
// past the listed "Waiakea High School". They are matched on the text
// without accents too (withoutAccents), and built from names without them.

// withoutAccents is s with each letter that decomposes into ASCII letters
// and marks as those letters ("ā" → "a", "Ｄ" → "D", "ı" → "i") and the
// ʻokina dropped, with at mapping it back to s as mapRunes does; at is nil
// when s has nothing to fold.
func withoutAccents(s string) (string, []int) {
	if isASCII(s) {
		return s, nil
	}
	return mapRunes(s, func(r rune, raw string) string {
		switch {
		case r < utf8.RuneSelf:
		case r == 'ʻ' || r == 'ʼ':
			return ""
		case r == 'ı':
			return "i"
		default:
			if base := asciiBase(r); base != "" {
				return base
			}
		}
		return raw
	})
}

// asciiBase is r's compatibility decomposition without its marks when that
// is ASCII letters, else "".
func asciiBase(r rune) string {
	var b strings.Builder
	for _, d := range norm.NFKD.String(string(r)) {
		switch {
		case unicode.Is(unicode.Mn, d):
		case d < utf8.RuneSelf && unicode.IsLetter(d):
			b.WriteRune(d)
		default:
			return ""
		}
	}
	return b.String()
}

// unaccented is s without accents, for building patterns.
func unaccented(s string) string {
	out, _ := withoutAccents(s)
	return out
}
