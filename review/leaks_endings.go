package review

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Names with an ending. Many languages decline a name or join an ending
// to it ("Nowakowi" of Nowak, "Ивановой" of Иванова, "Mikaelin" of
// Mikael, "Müllers"): in evidence written in them the name is seldom
// written as the vault has it. Redaction takes whole words only; the scan
// flags such a word for a lead to judge.

// endingStem is a name word as the scan compares it: folded without
// accents (whole), and its last letters cut where a language declines them
// (stem).
type endingStem struct{ stem, whole string }

// Bounds of a word with an ending: a stem of five letters or more (words of
// four are too often the start of everyday words: "Change" of Chan), and an
// ending of at most four letters.
const (
	minEndingStem = 5
	maxEnding     = 4
)

// englishEndings make everyday English words of English ones ("Fostering"
// of Foster), not names of names.
var englishEndings = map[string]bool{"ing": true, "ings": true, "ed": true, "ly": true}

// endingStems are the stems of name's words of a cased script (a capital
// tells a name from a word there), but everyday words, whose endings make
// everyday words ("Walking" of Walker). A Cyrillic or Greek name, which
// declines in its last letters, loses one or two of them to its ending
// ("Ивановой" of Иванова, "Παπαδόπουλου" of Παπαδόπουλος); a Latin one is
// not cut, as most words it would then start are other words: Norman's
// "Normal", Prince's "Principal", George's "Georgia".
func endingStems(name string) []endingStem {
	var stems []endingStem
	for _, w := range strings.FieldsFunc(name, notLetter) {
		whole := strings.ToLower(unaccented(w))
		n := utf8.RuneCountInString(whole)
		first := firstRune(whole)
		if n < minEndingStem || commonWords[whole] || !unicode.IsUpper(unicode.ToUpper(first)) {
			continue
		}
		most := 0
		if unicode.In(first, unicode.Cyrillic, unicode.Greek) {
			most = 2
		}
		for cut := 0; cut <= most && n-cut >= minEndingStem && (cut == 0 || n >= 4+2*cut); cut++ {
			stems = append(stems, endingStem{stem: string([]rune(whole)[:n-cut]), whole: whole})
		}
	}
	return stems
}

// findEndings calls fn with each capitalised word of text that is one of
// stems and an ending of one to maxEnding letters, and is not the word
// the stem was cut from. Every import scans every text: a word is folded
// only when its first letter may start a stem.
func findEndings(text string, stems []endingStem, fn func(start, end int)) {
	if len(stems) == 0 {
		return
	}
	var starts [128]bool // the ASCII letters a stem starts with, in capitals
	for _, s := range stems {
		if c := s.stem[0]; 'a' <= c && c <= 'z' {
			starts[c-('a'-'A')] = true
		}
	}
	for i := 0; i < len(text); i++ {
		// A word that may be one: a capital a stem starts with, or any
		// capital of another script, with no letter before it.
		if c := text[i]; c < utf8.RuneSelf && !starts[c] || c >= utf8.RuneSelf && (!utf8.RuneStart(c) || !unicode.IsUpper(firstRune(text[i:]))) {
			continue
		}
		if before, _ := utf8.DecodeLastRuneInString(text[:i]); i > 0 && (unicode.IsLetter(before) || unicode.Is(unicode.Mn, before)) {
			continue
		}
		start := i
		i += wordLen(text[i:]) - 1
		word := strings.ToLower(unaccented(text[start : i+1]))
		for _, s := range stems {
			rest, ok := strings.CutPrefix(word, s.stem)
			if n := utf8.RuneCountInString(rest); ok && n >= 1 && n <= maxEnding && word != s.whole && !englishEndings[rest] {
				fn(start, i+1)
				break
			}
		}
	}
}

// wordLen is the length of the letters (and marks) s starts with.
func wordLen(s string) int {
	i := 0
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if 'a' <= c|0x20 && c|0x20 <= 'z' {
				i++
				continue
			}
			return i
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
			return i
		}
		i += size
	}
	return i
}
