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
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == 'ー' || r == '々':
			// ー (a long vowel) and 々 (a repeat) are of no script of
			// their own, but letters of the word they stand in.
			ideographs++
			in = false
		case unicode.In(r, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar):
			if !unicode.In(r, unicode.Mn, unicode.Mc) { // a vowel or tone mark is no letter of its own
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
