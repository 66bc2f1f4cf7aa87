package review

import "unicode"

// FeedbackWords counts the words of feedback as the thin-feedback warning
// does: words between spaces, and in the scripts written without them a
// word for every two characters of Chinese or Japanese and every five
// letters of Thai, Lao, Khmer or Burmese, about what a word is there.
// Counted between spaces, a specific paragraph of Chinese was "1 word".
// Punctuation standing alone (Chinese ，and 。) is no word.
func FeedbackWords(s string) int {
	words, ideographs, letters := 0, 0, 0
	in := false // inside a word between spaces
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			in = false
		case ideograph(r):
			ideographs++
			in = false
		case unicode.In(r, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar):
			if !mark(r) { // a vowel or tone mark is no letter of its own
				letters++
			}
			in = false
		case !in && (unicode.IsPunct(r) || unicode.IsSymbol(r)):
		case !in:
			words++
			in = true
		}
	}
	return words + (ideographs+1)/2 + (letters+4)/5
}

// ideograph reports whether r is a character of Chinese or Japanese. ー
// (a long vowel) and 々 (a repeat) are of no script of their own, but
// letters of the word they stand in.
func ideograph(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == 'ー' || r == '々'
}

// mark reports whether r is a mark drawn on the letter before it.
func mark(r rune) bool { return unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me) }

// LetterOfUnspacedWords reports whether r is a letter of a script written
// without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
// Burmese), not a mark on one: text in them is read a letter at a time
// where words between spaces are not there to read.
func LetterOfUnspacedWords(r rune) bool {
	return r >= 0x0e00 && !mark(r) && (ideograph(r) || unicode.In(r, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar))
}
