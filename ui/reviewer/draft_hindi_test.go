package reviewer

import (
	"testing"
	"unicode/utf8"

	"assessor/review"
	"assessor/ui/common"
)

// TestCtrlBSavesReopenedHindiDraftAsWritten: Hindi feedback typed into
// the field and kept in a draft (as typed: no word joiners, 89e1274),
// reopened and saved to the comment bank with ctrl+b, is saved as it was
// written: the draft's reopening (scoring.Sheet.SetFeedback) put the
// word joiners the screens draw with into the field, and ctrl+b saved
// them, so a snippet of fewer than review.MaxSnippetChars characters was
// refused as too long (TestCtrlBSavesHindiSnippetAsWritten, with a draft).
func TestCtrlBSavesReopenedHindiDraftAsWritten(t *testing.T) {
	f := newFake()
	text := hindiFeedback(1700)
	f.drafts[f.attempts[0].Key()] = review.Draft{Feedback: map[string]string{"C2": text}}
	s := openScoring(t, f, common.Options{}, 100, 30)
	s.Do(keys("j", "enter"), "Feedback on C2")
	wantSnippetAsWritten(t, f, s, text)
}

// TestReopenedHindiDraftRecordedWhole: a draft of Hindi feedback on C2 of
// fewer than review.MaxFeedback characters, typed as it was (kept whole,
// TestHindiPasteUnderLimitKept), is recorded whole when the reviewer
// reopens the attempt and decides: the reopening wrote a word joiner
// before each vowel sign and after each virama and cut the text, joiners
// counted, to review.MaxFeedback, so the decision lost the feedback's end.
func TestReopenedHindiDraftRecordedWhole(t *testing.T) {
	f := newFake()
	body := hindiFeedback(9000)
	f.drafts[f.attempts[0].Key()] = review.Draft{
		Levels:   map[string]string{"C1": "meets", "C2": "not-yet", "C3": "meets", "C4": "meets"},
		Feedback: map[string]string{"C2": body},
	}
	s := start(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "Attempt 1 feedback")
	s.Do(keys("s"), "Outcome: resubmit")
	s.Do(keys("c"), "Record RESUBMIT for DF-7KQ2#2? (y/n)")
	s.Do(keys("y"), "Recorded RESUBMIT for DF-7KQ2#2")
	ds := f.gotDecisions()
	if len(ds) != 1 {
		t.Fatalf("Decide called %d times, want 1", len(ds))
	}
	// As the store records it: review.CleanFeedback drops the joiners.
	if got := review.CleanFeedback(ds[0].Feedback)["C2"]; got != body {
		t.Errorf("a draft of %d Hindi characters (limit %d) was recorded as %d characters: its end was lost",
			utf8.RuneCountInString(body), review.MaxFeedback, utf8.RuneCountInString(got))
	}
}
