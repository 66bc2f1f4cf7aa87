package dashboard

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
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
