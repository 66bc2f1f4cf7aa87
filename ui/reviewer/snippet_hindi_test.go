package reviewer

import (
	"strings"
	"testing"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
)

// TestCtrlBSavesHindiSnippetAsWritten: Hindi feedback typed into the
// field (the root's typed wrapper gives the textarea each key with the
// word joiners of common.UnjoinEmoji) is saved to the comment bank as it
// was written, without the joiners that are only there to draw it: kept,
// they count as characters, so a snippet of fewer than
// review.MaxSnippetChars characters is refused as too long.
func TestCtrlBSavesHindiSnippetAsWritten(t *testing.T) {
	f := newFake()
	s := openScoring(t, f, common.Options{}, 100, 30)
	s.Do(keys("j", "enter"), "Feedback on C2")
	text := hindiFeedback(1700)
	s.TM.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: common.UnjoinEmoji([]rune(text)), Paste: true})
	wantSnippetAsWritten(t, f, s, text)
}

// hindiFeedback is Hindi feedback of about n characters, in whole
// sentences.
func hindiFeedback(n int) string {
	sentence := "हिन्दी में पाठ योजना स्पष्ट है। "
	return strings.TrimSpace(strings.Repeat(sentence, n/utf8.RuneCountInString(sentence)))
}

// wantSnippetAsWritten presses ctrl+b in s, whose field holds text, and
// checks that the comment bank was given text as written, within its
// limit.
func wantSnippetAsWritten(t *testing.T, f *fakeBackend, s *session, text string) {
	t.Helper()
	m := s.Mark()
	s.TM.Send(tea.KeyMsg{Type: tea.KeyCtrlB})
	s.WaitAfter(m, "comment bank")
	got := f.gotSnippetSaves()
	if len(got) != 1 {
		t.Fatalf("SaveSnippet calls: %d", len(got))
	}
	if err := got[0].Validate(); err != nil || got[0].Text != text {
		t.Errorf("a snippet of %d Hindi characters (at most %d) was saved as %d characters with %d word joiners: %v",
			utf8.RuneCountInString(text), review.MaxSnippetChars, utf8.RuneCountInString(got[0].Text), strings.Count(got[0].Text, "\u2060"), err)
	}
}
