package dashboard

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"

	"assessor/review"
	"assessor/ui/styles"
)

// TestTrendStackProgressNotCutAt80: at 80 columns the Trend tab's stack
// progress still shows how many candidates earned 8, 9 and all 10
// credentials of a 10-credential stack, on lines that fit: the tab has no
// horizontal scroll, so a count cut at the edge could not be reached.
func TestTrendStackProgressNotCutAt80(t *testing.T) {
	d := newDashStyles(styles.New(lipgloss.NewRenderer(nil), true))
	progress := []review.StackProgress{{Stack: "Literacy Across the Content Areas", Credentials: 10,
		Earned: []int64{106, 40, 21, 12, 9, 6, 4, 3, 2, 1}}}
	view := trendView(d, testReport(), progress, 80)
	tail := view[strings.Index(view, "Stack progress"):]
	for _, want := range []string{"Literacy Across the Content Areas  1/10: 106 · ", "8/10: 3 ·", "9/10: 2 ·", "10/10: 1"} {
		if !strings.Contains(tail, want) {
			t.Errorf("stack progress at 80 columns lacks %q:\n%s", want, tail)
		}
	}
	for _, l := range strings.Split(view, "\n") {
		if lipgloss.Width(l) > 80 {
			t.Errorf("a line of %d columns at 80:\n%s", lipgloss.Width(l), l)
		}
	}
}

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
