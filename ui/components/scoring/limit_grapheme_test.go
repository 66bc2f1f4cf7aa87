package scoring

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
)

// TestPasteCutAtLimitKeepsWholeLetters: a paste that goes past the
// limit keeps what fits, in whole characters: the last one kept is not a
// letter stripped of its accent or half a flag.
func TestPasteCutAtLimitKeepsWholeLetters(t *testing.T) {
	for name, c := range map[string]struct {
		paste string
		room  int // the limit falls inside the paste's one character of two runes
	}{
		"decomposed é (as copied from a PDF)": {"Cafe\u0301 con leche", 4},
		"flag of Spain":                       {"Muy bien \U0001F1EA\U0001F1F8 gracias", 10},
	} {
		paste := c.paste
		s := press(testPanel(t, 100, 40, nil), "enter")
		head := strings.Repeat("ab ", (review.MaxFeedback-c.room)/3)
		head += strings.Repeat("a", review.MaxFeedback-c.room-len(head)) // room short of the limit
		s, _ = s.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(head), Paste: true})
		if s.Feedback()["C1"] != head {
			t.Fatalf("setup: %d characters", len(s.Feedback()["C1"]))
		}
		s, _ = s.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(paste), Paste: true})
		kept := strings.TrimPrefix(s.Feedback()["C1"], head)
		if !strings.HasPrefix(paste, kept) {
			t.Fatalf("%s: kept %q", name, kept)
		}
		if rest := paste[len(kept):]; rest != "" && (rest[0] == 0xcc || strings.HasPrefix(rest, "\U0001F1F8")) {
			t.Errorf("%s: the paste was cut inside a character: kept %q, left out %q", name, kept, rest)
		}
	}
}
