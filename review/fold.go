package review

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// How the redactor compares words. A candidate's value matches however
// the evidence dresses it, as long as a reader would see the same word:
// any case, accents, compatibility forms (full-width "Ｄａｎａ", ligatures),
// Cyrillic and Greek letters drawn like Latin ones inside a Latin word
// ("Dаna" with a Cyrillic а), digits of any script, and an apostrophe or
// ʻokina inside a word ("Waiʻanae", "Wai'anae" and "Waianae" are one
// word; not a contraction's: "she'll" is not Shell).

// fold lowers a word and strips its accents, invisible characters and
// ʻokina, with digits as their ASCII selves, the letters that have no
// accent to lose as keyboards without them type them (typedAs: the
// candidate Đặng writes "Dang", Søren "Soren") and, in a word that mixes
// Latin letters with Cyrillic or Greek ones ("Mаrisol" with a Cyrillic а),
// those letters as the Latin ones they are drawn like. A word wholly in
// one script keeps its letters: Russian "том" is not the name Tom.
func fold(w string) string {
	if isASCII(w) {
		return asciiLower(w)
	}
	out := make([]rune, 0, len(w))
	latin, other := false, false
	for _, r := range norm.NFKD.String(w) {
		switch {
		case unicode.Is(unicode.Mn, r) || Invisible(r) || r == 'ʻ' || r == 'ʼ' || r == tatweel:
			continue
		case unicode.Is(unicode.Nd, r) && r > unicode.MaxASCII:
			r = rune('0' + digitValue(r))
		default:
			r = unicode.ToLower(r)
			if r == 'ς' {
				r = 'σ' // final sigma: "ΝΙΚΟΣ" = "Νίκος"
			}
			if typed, ok := typedAs[r]; ok {
				latin = true
				out = append(out, []rune(typed)...)
				continue
			}
		}
		_, alike := lookAlike[r]
		latin = latin || ('a' <= r && r <= 'z')
		other = other || alike
		out = append(out, r)
	}
	if latin && other {
		for i, r := range out {
			if l, ok := lookAlike[r]; ok {
				out[i] = l
			}
		}
	}
	return string(out)
}

// Narrow is r as ASCII when it is a full-width form of ASCII ("ｍ" is
// "m", drawn wider), else r.
func Narrow(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		return r - 0xFEE0
	}
	return r
}

// tatweel stretches an Arabic word ("محـــمد") without changing it.
const tatweel = '\u0640'

// digitValue is the value of decimal digit r: Unicode puts each script's
// digits 0 to 9 in a row, and some rows side by side (the mathematical
// digits), so it counts from where the run of digits starts.
func digitValue(r rune) byte {
	start := r
	for unicode.Is(unicode.Nd, start-1) {
		start--
	}
	return byte((r - start) % 10)
}

// lookAlike maps lower-case Cyrillic and Greek letters whose letter, in
// one case or the other, a terminal draws like a Latin one to that Latin
// letter ("Тоm" with a Cyrillic Т, "Νikos" with a Greek Ν).
var lookAlike = map[rune]rune{
	// Cyrillic
	'а': 'a', 'в': 'b', 'е': 'e', 'ѕ': 's', 'і': 'i', 'ј': 'j', 'к': 'k', 'м': 'm', 'н': 'h',
	'һ': 'h', 'о': 'o', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y', 'х': 'x', 'ԁ': 'd', 'ԛ': 'q',
	'ԝ': 'w', 'ү': 'y', 'ӏ': 'l',
	// Latin without a decomposition: the dotless i ("Ruız")
	'ı': 'i',
	// Greek
	'α': 'a', 'β': 'b', 'ε': 'e', 'ζ': 'z', 'η': 'h', 'ι': 'i', 'κ': 'k', 'μ': 'm', 'ν': 'n',
	'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'y', 'χ': 'x',
}

// apostropheGap reports whether gap, between two words, is one apostrophe
// (or ʻokina drawn as punctuation), so that the two may spell one word.
func apostropheGap(gap string) bool {
	switch dropInvisible(gap) {
	case "'", "‘", "’", "`", "´", "ʻ", "ʼ":
		return true
	}
	return false
}

// lineEndHyphen reports whether gap, between two parts of a word, is a
// hyphen and a line break, as justified text and text taken from a PDF
// break a word ("Halvor-\nsen").
func lineEndHyphen(gap string) bool {
	if strings.HasPrefix(gap, softHyphen) && hyphenBreak(gap) == len(gap) {
		return true // the hyphen a word processor shows only at a line's end
	}
	gap = dropInvisible(gap)
	return gap != "" && hyphenBreak(gap) == len(gap)
}

// lineBreakGap reports whether gap, between two parts of a word, is a line
// break alone (spaces and tabs around it): what a soft hyphen that broke
// the word at a line's end leaves once import drops it as invisible
// ("Halvor\u00ad\nsen" is kept as "Halvor\nsen"). A name's word is
// matched across it only when the two parts spell that word whole.
func lineBreakGap(gap string) bool {
	gap = strings.TrimPrefix(strings.Trim(dropInvisible(gap), " \t"), "\r")
	return strings.Trim(gap, " \t") == "\n"
}

// softHyphen is where a word may be broken, drawn only when it is.
const softHyphen = "\u00ad"

// hyphenBreak is the length of the hyphen and line break s starts with
// (spaces and tabs around the break too); 0 when it starts with none.
func hyphenBreak(s string) int {
	r, size := utf8.DecodeRuneInString(s)
	if r != '-' && r != '\u2010' && r != '\u2011' && r != '\u00ad' {
		return 0
	}
	rest := strings.TrimLeft(s[size:], " \t")
	rest, ok := strings.CutPrefix(strings.TrimPrefix(rest, "\r"), "\n")
	if !ok {
		return 0
	}
	return len(s) - len(strings.TrimLeft(rest, " \t"))
}

// modifierApostrophe reports whether r is the ʻokina or ʼ: letters to
// Unicode, typed as apostrophes (a Hawaiian keyboard's apostrophe key
// types the ʻokina).
func modifierApostrophe(r rune) bool { return r == 'ʻ' || r == 'ʼ' }

// spellings are the ways value is written that fold apart: as it is, and
// without the apostrophes inside its words when it has some.
func spellings(value string) []string {
	if bare := withoutApostrophes(value); bare != value {
		return []string{value, bare}
	}
	return []string{value}
}

// contraction holds the English endings that follow an apostrophe ("she'll",
// "can't", "I've"): a word and such an ending are not one word.
var contraction = map[string]bool{"s": true, "t": true, "d": true, "m": true, "ll": true, "ve": true, "re": true}

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
const phoneSeparators = " ().+-/_–—·‐‑‒−"

// Fold is s as a search compares it, and as the redactor compares a
// candidate's words: lower case, without accents and invisible
// characters, compatibility forms as their plain letters, and the letters
// that have no accent to lose as the ones typed for them, so "evalua"
// finds "Évaluation", "ｓｔｕｄｅｎｔ" finds "student" and "strasse" finds
// "Straße".
func Fold(s string) string { return fold(s) }

// typedAs are the lower-case letters that do not decompose, as keyboards
// without them type them ("Ruız", with a dotless i, is Ruiz).
var typedAs = map[rune]string{'ß': "ss", 'ø': "o", 'æ': "ae", 'œ': "oe", 'ł': "l", 'đ': "d", 'ð': "d", 'ı': "i", 'þ': "th", 'ħ': "h", 'ŧ': "t"}
