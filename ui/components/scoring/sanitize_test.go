package scoring

import (
	"strings"
	"testing"

	"assessor/review"
)

// TestFeedbackIsDrawnAsATerminalDraws: feedback that reaches the sheet
// from outside the textarea (a draft saved before snippets were checked, a
// snippet stored then, an outside editor) has its escape sequences removed
// before the panel draws it on every key: an OSC title or a screen clear
// in a lead's shared snippet reached each reviewer who inserted it.
func TestFeedbackIsDrawnAsATerminalDraws(t *testing.T) {
	const hostile = "Keep \x1b]0;TITLE\x07this \x1b[2Jpart.\r\u009b"
	c1 := func(s Model) string { return s.sheet.Feedback["C1"] }
	clean := func(t *testing.T, s Model, want string) {
		t.Helper()
		if got := c1(s); got != want {
			t.Errorf("feedback on C1 = %q, want %q", got, want)
		}
		if v := s.View(); strings.ContainsAny(v, "\x1b\x07\r\u009b") {
			t.Errorf("the panel draws a control character:\n%q", v)
		}
	}

	s := testPanel(t, 100, 40, nil)
	s.sheet = NewSheet(s.c.Styles, s.sheet.Rubric, s.sheet.Rows(), nil, map[string]string{"C1": hostile})
	clean(t, s, "Keep this part.\n")

	s = testPanel(t, 100, 40, nil)
	s, _ = s.insertSnippet("C1", review.Snippet{Criterion: "C1", Text: hostile})
	s = press(s, "esc")
	clean(t, s, "Keep this part.")

	s = testPanel(t, 100, 40, nil)
	s = s.editorDone(editorDoneMsg{field: "C1", text: hostile})
	clean(t, s, "Keep this part.\n")
}
