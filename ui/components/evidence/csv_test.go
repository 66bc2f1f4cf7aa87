package evidence

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/sergi/go-diff/diffmatchpatch"

	"assessor/ui/internal/uitest"
	"assessor/ui/styles"
)

// TestCSVDiffRows: a CSV diff is table rows labelled in words; a changed
// row shows each changed cell old → new, and an inserted row does not mark
// the rows after it changed.
func TestCSVDiffRows(t *testing.T) {
	old := "student,draft,revision\nS1,2,3\nS2,1,3\nS3,2,2\n"
	cur := "student,draft,revision\nS1,2,4\nS9,1,1\nS2,1,3\n"
	got := ansi.Strip(CSVDiff(ParseCSV(old, false), ParseCSV(cur, false), 60, styles.New(uitest.TrueColorRenderer(), true)))
	lines := strings.Split(got, "\n")
	want := [][]string{
		{"student", "draft", "revision"},
		{"changed", "S1", "2", "3 → 4"},
		{"added", "S9", "1", "1"},
		{"S2", "1", "3"},
		{"removed", "S3", "2", "2"},
	}
	if len(lines) != len(want) {
		t.Fatalf("CSV diff has %d rows, want %d:\n%s", len(lines), len(want), got)
	}
	for i, w := range want {
		fields := strings.Fields(strings.ReplaceAll(lines[i], " → ", "→"))
		for j := range fields {
			fields[j] = strings.ReplaceAll(fields[j], "→", " → ")
		}
		if !slices.Equal(fields, w) {
			t.Errorf("row %d = %q, want %q", i, fields, w)
		}
		if ansi.StringWidth(lines[i]) > 60 {
			t.Errorf("row %d is %d cells wide, more than 60", i, ansi.StringWidth(lines[i]))
		}
	}
	// Columns line up: every row's cells start at the same offsets.
	if strings.Index(lines[0], "student") != strings.Index(lines[1], "S1") {
		t.Errorf("columns do not line up:\n%s", got)
	}
}

// TestFilesDiffLabelsInWords: added, removed and changed files say so in
// words, not only by colour.
func TestFilesDiffLabelsInWords(t *testing.T) {
	d := filesDiff([]string{"kept.pdf", "gone.pdf", "notes.txt"}, []string{"kept.pdf", "notes.txt", "new.md"}, []string{"notes.txt"})
	var text strings.Builder
	for _, x := range d {
		text.WriteString(x.Text)
		if strings.Contains(x.Text, "(added)") && x.Type != diffmatchpatch.DiffInsert {
			t.Errorf("%q is not an insert", x.Text)
		}
	}
	got := text.String()
	for _, want := range []string{"kept.pdf ", "notes.txt (changed)", "new.md (added)", "gone.pdf (removed)"} {
		if !strings.Contains(got, want) {
			t.Errorf("file list %q lacks %q", got, want)
		}
	}
}
