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
// and marks as those letters ("ā" → "a", "Ｄ" → "D"), a letter with none as
// it is typed ("Đ" → "D", "ı" → "i", typedAs), combining
// marks dropped (a decomposed "ā"), and the ʻokina, in whatever character
// it is written, dropped before a letter ("Waiʻākea", "Wai'ākea" and
// "Ke Kula 'o" read "Waiakea", "Ke Kula o"; not "Dana's", a contraction),
// with at mapping it back to s as mapRunes does; at is nil when s has
// nothing to fold.
func withoutAccents(s string) (string, []int) {
	if isASCII(s) && !hasASCIIOkina(s) {
		return s, nil // most evidence: its apostrophes are contractions'
	}
	changes := false
	for i := 0; i < len(s) && !changes; {
		r, size := utf8.DecodeRuneInString(s[i:])
		raw := s[i : i+size]
		changes = (r >= utf8.RuneSelf || r == '\'' || r == '`') && unaccent(s, i, r, raw) != raw
		i += size
	}
	if !changes {
		return s, nil // its other letters are dashes and quotes: nothing to fold
	}
	return mapRunes(s, func(i int, r rune, raw string) string { return unaccent(s, i, r, raw) })
}

// unaccent is what withoutAccents makes of the rune r (raw, at s[i]).
func unaccent(s string, i int, r rune, raw string) string {
	switch {
	case strings.ContainsRune(okinas, r):
		if okinaAt(s, i, len(raw)) {
			return ""
		}
	case r < utf8.RuneSelf:
	case unicode.Is(unicode.Mn, r):
		return ""
	case unicode.IsLetter(r):
		if base := asciiBase(r); base != "" {
			return base
		}
		if typed, ok := typedAs[unicode.ToLower(r)]; ok {
			if unicode.IsUpper(r) { // "Østergaard" reads "Ostergaard"
				return strings.ToUpper(typed[:1]) + typed[1:]
			}
			return typed
		}
	}
	return raw
}

// okinas are the characters the ʻokina is written in: itself, the
// apostrophes and the quotation marks drawn like it.
const okinas = "ʻʼ'‘’`´"

// okinaAt reports whether the apostrophe of size bytes at s[i] stands for
// an ʻokina: a letter follows, and it does not end a word with a
// contraction's ending.
func okinaAt(s string, i, size int) bool {
	rest := s[i+size:]
	return isWordStart(rest) && !(i > 0 && isWordByte(s[i-1]) && contractionAt(rest))
}

// hasASCIIOkina reports whether ASCII s has an apostrophe okinaAt drops,
// without allocating: English prose has many, nearly all contractions'.
func hasASCIIOkina(s string) bool {
	for i := 0; i < len(s); i++ {
		if (s[i] == '\'' || s[i] == '`') && okinaAt(s, i, 1) {
			return true
		}
	}
	return false
}

// contractionAt reports whether rest starts with a contraction's ending
// (contraction: "s" of "Dana's", "ll" of "she'll") that ends its word.
func contractionAt(rest string) bool {
	end := strings.IndexFunc(rest, notLetter)
	if end < 0 {
		end = len(rest)
	}
	return contraction[strings.ToLower(rest[:end])]
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
