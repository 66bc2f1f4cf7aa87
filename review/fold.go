package review

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// How the redactor compares words. A candidate's value matches however
// the evidence dresses it, as long as a reader would see the same word:
// any case, accents, compatibility forms (full-width "Ｄａｎａ", ligatures),
// Cyrillic and Greek letters drawn like Latin ones ("Dаna" with a
// Cyrillic а), digits of any script, and an apostrophe or ʻokina inside a
// word ("Waiʻanae", "Wai'anae" and "Waianae" are one word).

// fold lowers a word and strips its accents, invisible characters and
// ʻokina, with look-alike letters and digits as their Latin and ASCII
// selves.
func fold(w string) string {
	if isASCII(w) {
		return asciiLower(w)
	}
	var b strings.Builder
	for _, r := range norm.NFKD.String(w) {
		switch {
		case unicode.Is(unicode.Mn, r) || Invisible(r) || r == 'ʻ' || r == 'ʼ':
		case unicode.Is(unicode.Nd, r) && r > unicode.MaxASCII:
			b.WriteByte('0' + digitValue(r))
		default:
			if l, ok := lookAlike[r]; ok {
				r = l
			}
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// digitValue is the value of decimal digit r: digits come in runs of ten
// code points, zero first.
func digitValue(r rune) byte {
	v := byte(0)
	for v < 9 && unicode.Is(unicode.Nd, r-1) {
		r--
		v++
	}
	return v
}

// lookAlike maps Cyrillic and Greek letters that a terminal draws like a
// Latin letter to that letter (by their shape in the case they are in).
var lookAlike = map[rune]rune{
	// Cyrillic
	'А': 'a', 'а': 'a', 'В': 'b', 'Е': 'e', 'е': 'e', 'Ѕ': 's', 'ѕ': 's', 'І': 'i', 'і': 'i',
	'Ј': 'j', 'ј': 'j', 'К': 'k', 'М': 'm', 'Н': 'h', 'һ': 'h', 'О': 'o', 'о': 'o', 'Р': 'p',
	'р': 'p', 'С': 'c', 'с': 'c', 'Т': 't', 'у': 'y', 'Х': 'x', 'х': 'x', 'ԁ': 'd', 'ԛ': 'q',
	'ԝ': 'w', 'Ү': 'y', 'ӏ': 'l',
	// Greek
	'Α': 'a', 'α': 'a', 'Β': 'b', 'Ε': 'e', 'Ζ': 'z', 'Η': 'h', 'Ι': 'i', 'ι': 'i', 'Κ': 'k',
	'Μ': 'm', 'Ν': 'n', 'ν': 'v', 'Ο': 'o', 'ο': 'o', 'Ρ': 'p', 'ρ': 'p', 'Τ': 't', 'Υ': 'y',
	'Χ': 'x', 'χ': 'x',
}

// apostropheGap reports whether gap, between two words, is one apostrophe
// (or ʻokina drawn as punctuation), so that the two may spell one word.
func apostropheGap(gap string) bool {
	switch dropInvisible(gap) {
	case "'", "‘", "’", "`", "´":
		return true
	}
	return false
}

// spellings are the ways value is written that fold apart: as it is, and
// without the apostrophes inside its words when it has some.
func spellings(value string) []string {
	if bare := withoutApostrophes(value); bare != value {
		return []string{value, bare}
	}
	return []string{value}
}

// withoutApostrophes is s with the apostrophes inside words removed
// ("O'Neill" → "ONeill"), another spelling of the same value.
func withoutApostrophes(s string) string {
	var b strings.Builder
	for i, r := range s {
		if strings.ContainsRune("'‘’`´", r) && i > 0 && i+len(string(r)) < len(s) &&
			isWordByte(s[i-1]) && isWordStart(s[i+len(string(r)):]) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isWordByte(c byte) bool { return isAlnumByte(c) || c >= 0x80 }

func isWordStart(s string) bool {
	for _, r := range s {
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return false
}

// percentEscape reports whether text[i:] starts with a percent escape
// ("%20"), which tokenize reads as a separator.
func percentEscape(text string, i int) bool {
	return text[i] == '%' && i+2 < len(text) && isHex(text[i+1]) && isHex(text[i+2])
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'f' }

// phoneSeparators may stand between the groups of a phone number.
const phoneSeparators = " ().+-/_–—·"
