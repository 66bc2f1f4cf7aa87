package review

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// MaxFeedback is the most characters one feedback field (a criterion's, or
// the overall feedback) may hold: some pages of specific feedback, far
// more than any rubric asks for, and a bound on what one reviewer's paste
// can make every draft save and decision write.
const MaxFeedback = 10_000

// ErrFeedbackTooLong is a feedback field over MaxFeedback characters.
var ErrFeedbackTooLong = errors.New("feedback too long")

// CheckFeedbackLength is a *FieldError ("feedback.C2") on the first field
// of fb, in key order, over MaxFeedback characters, else nil.
func CheckFeedbackLength(fb map[string]string) error {
	for _, id := range sortedKeys(fb) {
		if n := utf8.RuneCountInString(fb[id]); n > MaxFeedback {
			return &FieldError{"feedback." + id, fmt.Errorf("%w: %d characters (at most %d)", ErrFeedbackTooLong, n, MaxFeedback)}
		}
	}
	return nil
}

// CutFeedback is text cut to MaxFeedback characters (CutCharacters), and
// whether it was cut.
func CutFeedback(text string) (string, bool) {
	if len(text) <= MaxFeedback || utf8.RuneCountInString(text) <= MaxFeedback {
		return text, false
	}
	return CutCharacters(text, MaxFeedback), true
}

// CutCharacters is the longest start of s of at most n characters (code
// points) that ends where a reader sees one letter end: a cut between
// code points left an e without the accent typed after it, half a flag,
// or a Hindi or Thai letter without its vowel sign.
func CutCharacters(s string, n int) string {
	end, state := 0, -1
	for rest := s; rest != ""; {
		var g string
		g, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		if n -= utf8.RuneCountInString(g); n < 0 {
			break
		}
		end += len(g)
	}
	return s[:end]
}
