package dashboard

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"

	"assessor/review"
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
