package evidence

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"assessor/ui/internal/uitest"
	"assessor/ui/styles"
)

// TestParseCSVRaggedCostsItsSize: a header of 3,000 cells over 3,000
// one-cell rows (12 KB) is kept as read, short rows short and the
// wide one cut to MaxCSVColumns: padding every row to the widest cost
// rows × 3,000 cells, 150 MB.
func TestParseCSVRaggedCostsItsSize(t *testing.T) {
	const cols, rows = 3000, 3000
	text := strings.Repeat("x,", cols-1) + "x\n" + strings.Repeat("a\n", rows)
	var c CSVTable
	alloc := uitest.Allocated(func() {
		c = ParseCSV(text, false)
	})
	if alloc > uint64(len(text))*100 {
		t.Fatalf("ParseCSV of a %d-byte file allocated %d KB, over 100× the file", len(text), alloc>>10)
	}
	if len(c.Rows) != rows+1 || len(c.Rows[0]) != MaxCSVColumns || len(c.Rows[1]) != 1 {
		t.Fatalf("%d rows, header %d cells, row 1 %d cells; want %d, %d, 1", len(c.Rows), len(c.Rows[0]), len(c.Rows[1]), rows+1, MaxCSVColumns)
	}
	if c.Cols != MaxCSVColumns || c.Widest != cols || c.Cell(1, 5) != "" {
		t.Errorf("Cols %d, Widest %d, a missing cell %q; want %d, %d, \"\"", c.Cols, c.Widest, c.Cell(1, 5), MaxCSVColumns, cols)
	}
	if got, want := ColumnsNote(c.Widest), "Only the first 100 of 3000 columns are shown."; got != want {
		t.Errorf("note %q, want %q", got, want)
	}
	if ColumnsNote(MaxCSVColumns) != "" {
		t.Error("a file of MaxCSVColumns columns has a note")
	}
}

// TestCSVDiffShortRowIsItsEmptyCells: rows are not padded, so a row
// without its trailing empty cells is the same row as one with them, as it
// was when both were padded to the widest.
func TestCSVDiffShortRowIsItsEmptyCells(t *testing.T) {
	old, cur := ParseCSV("a,b,c\nx,,\n", false), ParseCSV("a,b,c\nx\n", false)
	got := ansi.Strip(CSVDiff(old, cur, 60, styles.New(uitest.TrueColorRenderer(), true)))
	lines := strings.Split(got, "\n")
	if len(lines) != 2 || !slices.Equal(strings.Fields(lines[1]), []string{"x"}) {
		t.Errorf("diff of x,, against x:\n%s", got)
	}
}
