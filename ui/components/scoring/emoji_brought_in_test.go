package scoring

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/common"
)

// TestBroughtInEmojiDrawnApart: emoji that only some terminals join
// (👩‍🏫, a skin tone) are drawn apart on every screen and set apart when
// typed or pasted (docs/workflow.md), so a line is as wide on every
// terminal as the screen measured it. Feedback brought into the editor
// another way (a lead's shared snippet, an outside editor) is drawn in the
// same textarea: on a terminal that draws the joined emoji apart (tmux,
// xterm), no line of the panel may be wider than the panel.
func TestBroughtInEmojiDrawnApart(t *testing.T) {
	const w = 44
	if common.Drawable("\t") != tabAsTyped {
		t.Fatalf("Drawable widens a tab to %q, the textarea to %q: SetFeedback relies on their being one", common.Drawable("\t"), tabAsTyped)
	}
	text := "Bien " + strings.Repeat("👩‍🏫", 30) + " 👍🏽"
	for name, take := range map[string]func(Model) Model{
		"snippet": func(s Model) Model {
			s, _ = s.insertSnippet("C1", review.Snippet{Criterion: "C1", Text: text})
			return s
		},
		"editor": func(s Model) Model {
			s = s.editorDone(editorDoneMsg{field: "C1", text: text})
			return press(s, "enter")
		},
	} {
		s := take(testPanel(t, w, 40, nil))
		for _, l := range strings.Split(s.View(), "\n") {
			// As a terminal that does not join them draws the line.
			if got := ansi.StringWidth(common.Drawable(l)); got > w {
				t.Errorf("%s: a line %d cells wide on such a terminal, the panel is %d: %q", name, got, w, ansi.Strip(l))
				break
			}
		}
	}
	// The comment bank lists the snippet's first line as its title.
	p := newPicker(common.New(nil, "rev-1", common.Options{}).Styles, "C1", "Specific", w, 20)
	p, _ = p.setSnippets([]review.Snippet{{Criterion: "C1", Text: text}}, nil)
	for _, l := range strings.Split(p.View(), "\n") {
		if got := ansi.StringWidth(common.Drawable(l)); got > w {
			t.Errorf("bank: a line %d cells wide on such a terminal, the list is %d: %q", got, w, ansi.Strip(l))
			break
		}
	}
}
