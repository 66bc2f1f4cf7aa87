package evidence

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"assessor/ui/internal/uitest"
	"assessor/ui/styles"
)

// TestCSVDiffDrawsAtMostMaxRows: a CSV of 200,000 one-letter rows (400
// KB) against an empty one is drawn as its first MaxCSVDiffRows rows and a
// line counting the rest, at a cost of those rows: drawing every row, each
// padded to the table's width, cost rows × width, over 90 MB here and
// hundreds of MB for the million rows the import lets through.
func TestCSVDiffDrawsAtMostMaxRows(t *testing.T) {
	const rows = 200000
	text := strings.Repeat("a\n", rows)
	old, cur := ParseCSV("", false), ParseCSV(text, false)
	st := styles.New(uitest.TrueColorRenderer(), true)
	var got string
	alloc := uitest.Allocated(func() {
		got = CSVDiff(old, cur, 120, st)
	})
	if alloc > uint64(len(text))*20 {
		t.Fatalf("the diff of a %d-byte CSV allocated %d KB, over 20× the file", len(text), alloc>>10)
	}
	lines := strings.Split(ansi.Strip(got), "\n")
	if len(lines) != MaxCSVDiffRows+1 {
		t.Fatalf("%d lines drawn, want %d rows and the note", len(lines), MaxCSVDiffRows+1)
	}
	// ParseCSV keeps the first row and MaxCSVRows more; the empty file is
	// one row, "(empty)", changed to "a", and the rest are added.
	want := "… 45001 more rows not shown, 45001 of them added, removed or changed"
	if note := strings.TrimRight(lines[MaxCSVDiffRows], " "); note != want {
		t.Errorf("last line %q, want %q", note, want)
	}
}
