package scoring

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
)

// TestHindiBackspaceDeletesWhatIsSeen: "हि" typed key by key as a Hindi
// keyboard sends it (each key through the root's common.UnjoinEmoji),
// then two backspaces: the first takes ि, the second ह, as in any other
// field. Each backspace takes something the reviewer sees; none takes
// only the word joiner drawn as nothing.
func TestHindiBackspaceDeletesWhatIsSeen(t *testing.T) {
	s := press(testPanel(t, 100, 40, nil), "enter") // write C1's feedback
	for _, k := range []string{"ह", "ि"} {
		s, _ = s.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: common.UnjoinEmoji([]rune(k))})
	}
	seen := func() string { return review.Sanitize(s.Feedback()["C1"]) }
	if seen() != "हि" {
		t.Fatalf("typed: %q", s.Feedback()["C1"])
	}
	s, _ = s.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	if seen() != "ह" {
		t.Fatalf("after one backspace: %q, want ह", s.Feedback()["C1"])
	}
	s, _ = s.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	if seen() != "" {
		t.Errorf("after two backspaces the field holds %q (%q as seen): the second backspace took only the invisible word joiner", s.Feedback()["C1"], seen())
	}
}
