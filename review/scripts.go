package review

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Names in scripts whose words have no spaces around them. Chinese,
// Japanese, Thai, Lao, Khmer and Burmese run words together, and Korean
// joins particles to a name ("민수는"): a name there has no word edge, so
// the matchers take each letter of these scripts as a word of its own.
// Arabic and Hebrew join one-letter words ("and", "with", "for", …) to the
// word after them ("والعلي", "and al-Ali"; "ומיכל", "and Michal"): a name
// may start after them (procliticScripts).

// unspaced reports whether r is of a script whose letters are each a word
// to the matchers.
func unspaced(r rune) bool {
	return r >= 0x0e00 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul,
		unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

// WordsRunTogether reports whether s has a letter of an unspaced script or
// of Arabic: a value the matchers read differently from words between
// spaces.
func WordsRunTogether(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unspaced(r) || unicode.Is(unicode.Arabic, r) })
}

// familyFirst reports whether r is of a script whose names are written
// family name first, often with no space (Chinese, Japanese kanji,
// Korean): a Thai name's letters are not syllables to split it at.
func familyFirst(r rune) bool { return unicode.In(r, unicode.Han, unicode.Hangul) }

// A script's proclitics are the letters it writes joined to the next
// word as words of their own; a name may start after up to most of them,
// when its word has at least minName letters.
type proclitics struct {
	script  *unicode.RangeTable
	letters string
	most    int
	minName int
}

// procliticScripts: Arabic's "and", "so", "with", "like" and "for", and
// a name of four letters at least: "فعلي" ("actually") is not fa + Ali.
// Hebrew's "and", "in", "like", "to", "from" and "that", up to three
// ("וכשמיכל", "and when Michal"), and a name of four letters at least:
// many shorter names are words, and after one of these letters read as
// one ("בגיל", "at the age", not be + Gil). Hebrew puts no "the" (ה)
// before a person's name: "המיכל" is "the container".
var procliticScripts = []proclitics{
	{unicode.Arabic, "وفبكل", 2, 4},
	{unicode.Hebrew, "ובכלמש", 3, 4},
}

// procliticsOf returns the proclitics of the script w starts in, and
// whether w is long enough to be matched after them.
func procliticsOf(w string) (proclitics, bool) {
	if w == "" || w[0] < utf8.RuneSelf {
		return proclitics{}, false // Latin, the usual case: no table to search
	}
	first := firstRune(w)
	for _, p := range procliticScripts {
		if unicode.Is(p.script, first) {
			return p, utf8.RuneCountInString(w) >= p.minName
		}
	}
	return proclitics{}, false
}

// afterProclitics returns how many letters of the folded word got come
// before w, when got is proclitics then w ("والعلي" for "العلي"; "للعلي",
// li + al-Ali, for "العلي" too, its alif dropped as Arabic writes it;
// "ומיכל" for "מיכל"); 0 when it is not.
func afterProclitics(got, w string) int {
	p, ok := procliticsOf(w)
	if !ok {
		return 0
	}
	rest := got
	for n := 1; n <= p.most; n++ {
		r, size := utf8.DecodeRuneInString(rest)
		if !strings.ContainsRune(p.letters, r) {
			return 0
		}
		rest = rest[size:]
		if rest == w || (strings.HasPrefix(w, "ال") && strings.HasPrefix(rest, "ل") && "ا"+rest == w) {
			return n
		}
	}
	return 0
}

// skipLetters returns the byte offset in s after its first n letters and
// the marks and invisible characters that go with them.
func skipLetters(s string, n int) int {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		mark := unicode.Is(unicode.Mn, r) || Invisible(r)
		if !mark {
			if n == 0 {
				return i
			}
			n--
		}
		i += size
	}
	return i
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
