package review

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestFeedbackLimit: a field of MaxFeedback characters is kept, whatever
// their bytes; one more is refused by a draft save and by an imported
// decision's check, naming the field, and CutFeedback cuts to the limit on
// a character's edge.
func TestFeedbackLimit(t *testing.T) {
	full := strings.Repeat("語", MaxFeedback) // 3 bytes each: the limit counts characters
	over := full + "a"
	if err := CheckFeedbackLength(map[string]string{"C1": full, OverallKey: full}); err != nil {
		t.Fatalf("a field at the limit: %v", err)
	}
	err := CheckFeedbackLength(map[string]string{"C1": "fine", "C2": over})
	var fe *FieldError
	if !errors.Is(err, ErrFeedbackTooLong) || !errors.As(err, &fe) || fe.Field != "feedback.C2" ||
		!strings.Contains(err.Error(), "10001 characters (at most 10000)") {
		t.Fatalf("over the limit: %v", err)
	}

	if _, _, err := SaveDraft(actor("rev-a"), pendingState(), Draft{}, Draft{Feedback: map[string]string{"C3": over}}); !errors.Is(err, ErrFeedbackTooLong) {
		t.Errorf("SaveDraft of a field over the limit = %v", err)
	}
	d := Decision{Outcome: Pass, Levels: allMeet, Feedback: map[string]string{OverallKey: over}}
	if err := Validate(testRubric(), d); !errors.Is(err, ErrFeedbackTooLong) {
		t.Errorf("Validate (an imported decision) = %v", err)
	}

	if got, cut := CutFeedback(full); cut || got != full {
		t.Errorf("CutFeedback at the limit cut it")
	}
	got, cut := CutFeedback(over + "more")
	if !cut || got != full || !utf8.ValidString(got) {
		t.Errorf("CutFeedback over the limit = %d characters, cut %v", utf8.RuneCountInString(got), cut)
	}
}
