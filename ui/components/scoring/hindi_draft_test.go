package scoring

import (
	"strings"
	"testing"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/internal/uitest"
)

// hindiDraftPanel is testPanel with feedback on C1 restored from a draft.
func hindiDraftPanel(t *testing.T, feedback string) Model {
	t.Helper()
	c := common.New(nil, "rev-1", common.Options{Now: uitest.Clock})
	a := review.Assignment{Rubric: described(), Attempt: uitest.Attempts()[0]}
	a.Draft.Feedback = map[string]string{"C1": feedback}
	return New(c, a).SetSize(100, 40)
}

// TestHindiDraftKeptAsTyped: Hindi feedback typed into the field (kept as
// typed since 89e1274) and saved in a draft comes back as it was typed
// when the attempt is reopened: no word joiners, so nothing is recorded
// in the next draft that the reviewer did not type.
func TestHindiDraftKeptAsTyped(t *testing.T) {
	typed := "हिन्दी में पाठ योजना"
	s := hindiDraftPanel(t, typed)
	if got := s.Feedback()["C1"]; got != typed {
		t.Errorf("draft %q reopened as %q (%d word joiners)", typed, got, strings.Count(got, "\u2060"))
	}
}

// TestHindiDraftBackspaceDeletesWhatIsSeen: after reopening a draft that
// holds "हि", two backspaces empty the field as they do when it was just
// typed (TestHindiBackspaceDeletesWhatIsSeen).
func TestHindiDraftBackspaceDeletesWhatIsSeen(t *testing.T) {
	s := press(hindiDraftPanel(t, "हि"), "enter") // write C1's feedback
	seen := func() string { return review.Sanitize(s.Feedback()["C1"]) }
	s, _ = s.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	s, _ = s.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	if seen() != "" {
		t.Errorf("after two backspaces the reopened draft's field holds %q (%q as seen): a backspace took only the invisible word joiner", s.Feedback()["C1"], seen())
	}
}

// TestHindiDraftUnderLimitKept: a draft of Hindi feedback under
// review.MaxFeedback characters, typed and saved, is reopened whole.
func TestHindiDraftUnderLimitKept(t *testing.T) {
	sentence := "हिन्दी में पाठ योजना स्पष्ट है। "
	body := strings.TrimSpace(strings.Repeat(sentence, 9000/utf8.RuneCountInString(sentence)))
	s := hindiDraftPanel(t, body)
	if got := review.Sanitize(s.Feedback()["C1"]); got != body {
		t.Errorf("a draft of %d Hindi characters (limit %d) was reopened as %d characters (%d with its word joiners): its end is lost",
			utf8.RuneCountInString(body), review.MaxFeedback, utf8.RuneCountInString(got), utf8.RuneCountInString(s.Feedback()["C1"]))
	}
}
