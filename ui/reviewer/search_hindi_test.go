package reviewer

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/ui/common"
)

// TestSearchEvidenceHindi: `/` finds a Hindi word in Hindi evidence, typed
// as the terminal sends it (the root's typed wrapper gives each key
// through common.UnjoinEmoji).
func TestSearchEvidenceHindi(t *testing.T) {
	f := newFake()
	f.attempts[0].Parts[0].Text = "हिन्दी में पाठ योजना स्पष्ट है।"
	s := start(t, f, common.Options{}, 100, 20)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "Attempt 1 feedback")
	s.Do(keys("/"), "search, enter to find")
	for _, r := range "योजना" {
		s.TM.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: common.UnjoinEmoji([]rune{r})})
	}
	s.Do(keys("enter"), "/योजना: match 1 of 1")
}
