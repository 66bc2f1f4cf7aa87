package dashboard

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"

	"assessor/review"
	"assessor/ui/styles"
)

// TestTrendStackProgressLongNameKeepsFirstCount: at the narrowest window
// the screens lay out (50 columns), a stack whose name takes most of the
// line still shows how many candidates earned 1 of its credentials: the
// tab has no horizontal scroll, so a count cut at the edge cannot be
// reached. The first count always went on the name's line, and was cut.
func TestTrendStackProgressLongNameKeepsFirstCount(t *testing.T) {
	d := newDashStyles(styles.New(lipgloss.NewRenderer(nil), true))
	progress := []review.StackProgress{{Stack: "Culturally Responsive Teaching and Learning", Credentials: 6,
		Earned: []int64{40, 12, 7, 5, 3, 1}}}
	view := trendView(d, testReport(), progress, 50)
	tail := view[strings.Index(view, "Stack progress"):]
	for _, want := range []string{"1/6: 40", "6/6: 1"} {
		if !strings.Contains(tail, want) {
			t.Errorf("stack progress at 50 columns lacks %q:\n%s", want, tail)
		}
	}
}
