package dashboard

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"assessor/ui/common"
)

// TestCriterionDrillNarrowKeepsLevel: a criterion's drill-down is there to
// show each attempt's level on it; in a narrow window that column stays,
// whole columns are left out from the right, saying so, and no figure is
// cut. At 60 columns the level was cut off at the edge, and the days to
// "20…".
func TestCriterionDrillNarrowKeepsLevel(t *testing.T) {
	for _, w := range []int{50, 60, 72, 100} {
		s := startDashboard(t, newFakeLead(), common.Options{}, w, 20)
		s.WaitAfter(0, "Sorted by credential")
		s.Do(keys("3", "j", "enter"), "attempts behind criterion C3")
		view := dashFinal(s)
		requireFits(t, view, w, 20)
		plain := ansi.Strip(view)
		if !strings.Contains(plain, "Level C3") || !strings.Contains(plain, "not-yet") {
			t.Errorf("at %d columns the criterion drill-down shows no level:\n%s", w, plain)
		}
		for _, l := range strings.Split(plain, "\n") {
			if strings.Contains(l, "DF-") && strings.Contains(l, "…") {
				t.Errorf("at %d columns a cell is cut: %q", w, l)
			}
		}
		if hides := strings.Contains(plain, "more width"); hides == strings.Contains(plain, "Reviewer") {
			t.Errorf("at %d columns: a column hidden and not said, or said and none hidden:\n%s", w, plain)
		}
	}
}
