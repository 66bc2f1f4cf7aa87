package evidence

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"assessor/ui/internal/uitest"
	"assessor/ui/styles"
)

// wideCSV is a header of 150 columns over one row of 150 cells, its cell
// in column 120 (index 119) v and then tail appended to the row.
func wideCSV(v, tail string) string {
	c := make([]string, 150)
	for j := range c {
		c[j] = "c"
	}
	c[119] = v
	return "h" + strings.Repeat(",h", 149) + "\n" + strings.Join(c, ",") + tail + "\n"
}

// TestCSVDiffChangePastShownColumns: two versions of a CSV that differ
// only past MaxCSVColumns label the row changed and say where, as they did
// when every cell was kept; with the cells cut and nothing else to go on,
// no row was labelled and the diff read as no change.
func TestCSVDiffChangePastShownColumns(t *testing.T) {
	st := styles.New(uitest.TrueColorRenderer(), true)
	diff := func(old, cur string) []string {
		got := ansi.Strip(CSVDiff(ParseCSV(old, false), ParseCSV(cur, false), 400, st))
		return strings.Split(got, "\n")
	}
	lines := diff(wideCSV("2", ""), wideCSV("3", ""))
	if len(lines) != 2 || !strings.HasPrefix(lines[1], "changed (change past column 100)") || strings.HasPrefix(lines[0], "changed") {
		t.Errorf("diff of a row changed in column 120:\n%s", strings.Join(lines, "\n"))
	}
	// Trailing empty cells, shown or not, are not a change.
	if lines := diff(wideCSV("2", ""), wideCSV("2", ",,,")); len(lines) != 2 || strings.Contains(strings.Join(lines, "\n"), "changed") {
		t.Errorf("diff of a row with empty cells added past column 150:\n%s", strings.Join(lines, "\n"))
	}
	// A cell moved along past the cut is a change, though the same cells are there.
	if lines := diff(wideCSV("", ",x"), wideCSV("", ",,x")); len(lines) != 2 || !strings.Contains(lines[1], "(change past column 100)") {
		t.Errorf("diff of a cell moved from column 151 to 152:\n%s", strings.Join(lines, "\n"))
	}
	// A file no wider than the columns shown keeps no hashes.
	if c := ParseCSV("a,b\nc\n", false); c.Past != nil {
		t.Errorf("a narrow file keeps hashes %v", c.Past)
	}
}

// TestTrailingEmptyColumnsHideNothing: a file of 100 columns whose rows
// end in a comma (an empty 101st cell) hides nothing, so no note says
// columns are not shown; a 101st cell with text does.
func TestTrailingEmptyColumnsHideNothing(t *testing.T) {
	row := strings.Repeat("a,", 100)
	if note := ColumnsNote(ParseCSV(row+"\n"+row+" \n", false).Widest); note != "" {
		t.Errorf("every cell past column 100 is empty, yet: %q", note)
	}
	if note := ColumnsNote(ParseCSV(row+"b\n", false).Widest); note != "Only the first 100 of 101 columns are shown." {
		t.Errorf("a 101st cell with text: %q", note)
	}
}
