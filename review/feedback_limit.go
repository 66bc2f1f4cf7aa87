package review

import (
	"errors"
	"fmt"
	"unicode/utf8"
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

// CutFeedback is text cut to MaxFeedback characters, and whether it was
// cut.
func CutFeedback(text string) (string, bool) {
	if len(text) <= MaxFeedback || utf8.RuneCountInString(text) <= MaxFeedback {
		return text, false
	}
	n := 0
	for i := range text {
		if n == MaxFeedback {
			return text[:i], true
		}
		n++
	}
	return text, false
}
