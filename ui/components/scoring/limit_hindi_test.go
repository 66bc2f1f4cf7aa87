package scoring

import (
	"strings"
	"testing"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/common"
)

// TestHindiPasteUnderLimitKept: Hindi feedback of fewer than
// review.MaxFeedback characters, pasted as the terminal sends it (the
// root's typed wrapper writes word joiners into it: common.UnjoinEmoji),
// is kept whole: the joiners are dropped from the feedback recorded
// (docs/workflow.md), so they are no characters of it.
func TestHindiPasteUnderLimitKept(t *testing.T) {
	s := press(testPanel(t, 100, 40, nil), "enter") // write C1's feedback
	sentence := "हिन्दी में पाठ योजना स्पष्ट है। "
	body := strings.Repeat(sentence, 9000/utf8.RuneCountInString(sentence)) // about 9,000 characters
	n := utf8.RuneCountInString(body)
	s, _ = s.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: common.UnjoinEmoji([]rune(body)), Paste: true})
	t.Logf("runes pasted %d, feedback %d, joiners %d", len(common.UnjoinEmoji([]rune(body))), utf8.RuneCountInString(s.Feedback()["C1"]), strings.Count(s.Feedback()["C1"], "\u2060"))
	if got := review.Sanitize(s.Feedback()["C1"]); got != body {
		t.Errorf("a paste of %d Hindi characters (limit %d) kept %d; panel says: %v", n, review.MaxFeedback,
			utf8.RuneCountInString(got), strings.Contains(ansi.Strip(s.View()), "the rest was not kept"))
	}
}
