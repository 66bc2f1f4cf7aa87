package dashboard

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/styles"
)

// TestTrendStackCompleted checks the by-stack table shows how many
// candidates completed each stack.
func TestTrendStackCompleted(t *testing.T) {
	rep := testReport()
	rep.ByStack[0].StacksCompleted = 7
	d := newDashStyles(styles.New(lipgloss.NewRenderer(nil), true))
	view := trendView(d, rep, nil, 100)
	var header, row string
	for _, l := range strings.Split(view, "\n") {
		switch {
		case strings.HasPrefix(l, "Stack "):
			header = l
		case strings.HasPrefix(l, "Assessment Literacy"):
			row = l
		}
	}
	if !strings.HasSuffix(header, "Completed") || !strings.HasSuffix(row, " 7") {
		t.Fatalf("by-stack table lacks the completed column:\n%s", view)
	}
	if rep := (review.Report{ByStack: []review.StackRow{{Stack: "S"}}}); !strings.Contains(trendView(d, rep, nil, 100), "Completed") {
		t.Fatal("an empty stack row still has the column")
	}
}

// TestMonthAtReferenceDrawnGood: a month whose first-time pass rate is
// exactly the national reference (40%) is drawn in the "at or above the
// reference" style, not as below it.
func TestMonthAtReferenceDrawnGood(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI)
	r.SetHasDarkBackground(true)
	d := newDashStyles(common.NewStyles(common.Options{Renderer: r}))
	if d.barGood.Render("█") == d.barBad.Render("█") {
		t.Fatal("good and bad bars are drawn alike: colour is off")
	}
	months := []review.MonthRow{{Month: "2024-01", Figures: review.Figures{FirstAttemptsDecided: 5, FirstTimePasses: 2, FirstTimePassRate: figPtr(0.4)}}}
	line := monthBars(d, months, 80)[0]
	good, _, _ := strings.Cut(d.barGood.Render("█"), "█") // the good style's opening sequence
	if !strings.Contains(line, good+"█") {
		t.Errorf("a month at the 40%% reference is not drawn in the good style: %q", line)
	}
}
