package reviewer

import (
	"strings"
	"testing"

	"assessor/ui/common"
	"assessor/ui/internal/uitest"
)

// TestRubricTitleEmojiDrawnApart: a rubric's title with emoji some
// terminals join (👩‍🏫, 👍🏽), which `rubrics add` accepts, is drawn on
// the queue and in the review's header as those terminals draw it, as
// the rubric pane and the evidence already are (common.Drawable): no line
// may be wider than the screen there, or the terminal wraps it and the
// screen scrolls, losing its first line.
func TestRubricTitleEmojiDrawnApart(t *testing.T) {
	const w, h = 120, 30
	for _, tc := range []struct {
		name  string
		steps []string
		want  string
	}{
		{"queue", nil, "DF-7KQ2#2"},
		{"review", keys("enter"), "Rubric"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake()
			for i := range f.rubrics {
				f.rubrics[i].Title = strings.Repeat("Retour 👩‍🏫👍🏽 ", 20)
			}
			s := start(t, f, common.Options{}, w, h)
			s.WaitAfter(0, "DF-7KQ2#2")
			if tc.steps != nil {
				s.Do(tc.steps, tc.want)
			}
			s.Press("ctrl+c")
			view := s.final().View()
			requireFits(t, view, w, h) // as measured: holds
			uitest.RequireDrawnFits(t, view, w)
		})
	}
}
