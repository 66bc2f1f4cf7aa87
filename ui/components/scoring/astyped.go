package scoring

import (
	"github.com/charmbracelet/bubbles/runeutil"
)

// asTyped is runes as the textarea inserts them: bubbles passes all it
// inserts through runeutil's default sanitizer (textarea.go in bubbles
// v1.0.0, san), which makes a tab four spaces, \r a new line, and drops
// other control characters and U+FFFD. Counting these, not the runes
// given, is what keeps an insertion within review.MaxFeedback: an
// overflow is cut from the end of the text. runes is left as it is.
func asTyped(runes []rune) []rune {
	return runeutil.NewSanitizer().Sanitize(append([]rune(nil), runes...))
}

// tabAsTyped is a tab as the textarea inserts it (asTyped).
const tabAsTyped = "    "
