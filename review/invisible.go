package review

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Invisible characters: format characters (zero-width space and joiners,
// the soft hyphen, bidi overrides, the byte order mark, tag characters),
// variation selectors and the other default-ignorable code points. A
// terminal draws them as nothing, or reorders the text around them, so
// "Ja\u200bne" shows as Jane: left in, they would hide a candidate's name
// from the redactor and the leak scan, and make what a reviewer reads
// differ from what was matched. The redactor reads a word through them;
// the leak scan matches as if they were not there; Sanitize drops those
// that do not shape the text beside them (shapesText).

// shapesText reports whether invisible r shapes the visible text beside it,
// so Sanitize keeps it: the zero-width joiner and non-joiner (emoji such as
// 👩‍🏫, Persian and Indic words), emoji variation selectors and the tag
// characters of flags such as Scotland's. The redactor and the leak scan
// read a name through them all the same.
func shapesText(r rune) bool {
	return r == 0x200c || r == 0x200d || r == 0xfe0e || r == 0xfe0f || (r >= 0xe0020 && r <= 0xe007f)
}

// Invisible reports whether r is drawn as nothing (or moves other text).
func Invisible(r rune) bool {
	if r < 0xad {
		return false
	}
	return (unicode.Is(unicode.Cf, r) && !unicode.Is(unicode.Prepended_Concatenation_Mark, r)) ||
		unicode.Is(unicode.Variation_Selector, r) ||
		unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r)
}

// hasInvisible reports whether s holds an Invisible character.
func hasInvisible(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strings.IndexFunc(s[i:], Invisible) >= 0
		}
	}
	return false
}

// dropInvisible returns s without its Invisible characters.
func dropInvisible(s string) string {
	out, _ := withoutInvisible(s)
	return out
}

// withoutInvisible returns s without its Invisible characters and, when
// any were removed, at[i] = the offset in s of byte i of the result, with
// at[len(result)] = len(s), to map what is found in the result back to s.
func withoutInvisible(s string) (string, []int) {
	if !hasInvisible(s) {
		return s, nil
	}
	return mapRunes(s, func(_ int, r rune, raw string) string {
		if Invisible(r) {
			return ""
		}
		return raw // an invalid byte too, one to one
	})
}

// mapRunes is s with each rune (raw, its bytes in s at i) as f gives it, and
// at[i] the offset in s of byte i of the result: of that byte for a rune
// f keeps as it is, of the rune's first byte for one it changes, with
// at[len(result)] = len(s).
func mapRunes(s string, f func(i int, r rune, raw string) string) (string, []int) {
	var b strings.Builder
	b.Grow(len(s))
	at := make([]int, 0, len(s)+1)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		raw := s[i : i+size]
		out := f(i, r, raw)
		b.WriteString(out)
		for k := range len(out) {
			if out == raw {
				at = append(at, i+k)
			} else {
				at = append(at, i)
			}
		}
		i += size
	}
	return b.String(), append(at, len(s))
}
