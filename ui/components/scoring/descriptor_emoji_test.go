package scoring

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/internal/uitest"
)

// TestDescriptorEmojiDrawnApart: a rubric's descriptor table, and its
// levels, drawn in the scoring panel as a terminal that does not join
// emoji (tmux, xterm) draws them, as the rubric pane and the criteria's
// names are (common.Name, common.Drawable): a descriptor with 👩‍🏫 or a
// level "Meets 👍🏽", which `rubrics add` accepts, may not make a line wider
// than the panel, or the terminal wraps it and the whole screen shifts.
func TestDescriptorEmojiDrawnApart(t *testing.T) {
	const w = 50
	r := uitest.Rubrics()[0]
	r.Levels = []string{"not-yet 👎🏽", "meets 👍🏽"}
	r.Criteria = append([]review.Criterion(nil), r.Criteria...)
	r.Criteria[0].Description = "| not-yet 👎🏽 | meets 👍🏽 |\n|---|---|\n| " + strings.Repeat("👩‍🏫 talks ", 12) + " | " + strings.Repeat("👩‍🏫 asks ", 12) + " |\n"
	c := common.New(nil, "rev-1", common.Options{Now: uitest.Clock})
	s := New(c, review.Assignment{Rubric: r, Attempt: uitest.Attempts()[0]}).SetSize(w, 40)
	// Scored, the criterion's row shows its level, and the chosen one's
	// descriptor is marked; the key help names every level.
	help := LevelKeys(r).Help().Desc
	for _, view := range []string{s.View(), press(s, "2", "up").View(), help} {
		if !strings.Contains(ansi.Strip(view), "talks") && view != help {
			t.Fatalf("no descriptor shown:\n%s", ansi.Strip(view))
		}
		for i, l := range strings.Split(view, "\n") {
			if drawn := uitest.DrawnWidth(l); drawn > w || drawn != ansi.StringWidth(l) {
				t.Errorf("line %d drawn %d cells wide by tmux/xterm, measured %d, the panel is %d: %q", i, drawn, ansi.StringWidth(l), w, ansi.Strip(l))
			}
		}
	}
}
