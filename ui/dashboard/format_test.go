package dashboard

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"

	"assessor/review"
)

// TestPlainTableNeverCutsFigures: narrowed, a table leaves out whole
// figure columns from the right, and says how many, rather than cut a
// figure ("73.3% of 101" for "73.3% of 1013"); wide enough, it shows all.
func TestPlainTableNeverCutsFigures(t *testing.T) {
	header := []string{"Attribute", "Value", "Apps", "First-time pass", "Eventual pass"}
	rows := [][]string{{"state", "AZ", "1210", "41.8% of 1013", "73.3% of 1013"}, {"state", "Nevada", "11", "–", "–"}}
	for _, w := range []int{30, 40, 50, 54, 60, 80} {
		lines := plainTable(header, rows, 1, w)
		for _, l := range lines {
			if lipgloss.Width(l) > w {
				t.Errorf("at %d: line wider than the table: %q", w, l)
			}
		}
		az := lines[1]
		for _, cell := range rows[0][2:] {
			if strings.Contains(az, cell[:len(cell)-1]) && !strings.Contains(az, cell) {
				t.Errorf("at %d: %q cut in %q", w, cell, az)
			}
		}
		wide := w >= tableWidth(header, rows)
		if note := lines[len(lines)-1]; wide == strings.Contains(note, "more width") {
			t.Errorf("at %d (table %d wide): last line %q", w, tableWidth(header, rows), note)
		}
	}
}

// TestReviewerRowsRoundOnce: the Reviewers tab shows agreement and kappa
// as the report table does, rounded once: 6 of 11 agreeing is 54.5%, not
// the report's 0.5455 rounded again to 54.6%, and a kappa of −0.25503…
// is −0.26, not −0.2550 rounded again to −0.25.
func TestReviewerRowsRoundOnce(t *testing.T) {
	a, k, exact := 0.5455, -0.255, -0.2550335570469799
	rows, _ := reviewerRows([]review.ReviewerRow{{Reviewer: "rev-a", Agreement: &a, Kappa: &k, Agreed: 6, Compared: 11, KappaExact: &exact}})
	if got := rows[0][4].text; got != "54.5%" {
		t.Errorf("agreement %q, want 54.5%%", got)
	}
	if got := rows[0][5].text; got != "-0.26" {
		t.Errorf("kappa %q, want -0.26", got)
	}
}
