package cli

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"assessor/review"
)

// TestReportTableWideKeys: a CJK stack name (rubric front matter allows
// it; docs/formats.md names `読書`) takes two columns a character, where
// report's table counted one: its row's figures stood right of every
// other row's.
func TestReportTableWideKeys(t *testing.T) {
	n := review.Figures{Applications: 3}
	var b strings.Builder
	rep := review.Report{Overall: n,
		ByStack: []review.StackRow{{Stack: "Assessment Literacy", Figures: n}, {Stack: "読書プログラム", Figures: n}}}
	if err := writeReportTable(&b, rep); err != nil {
		t.Fatal(err)
	}
	var ends []int
	for _, l := range strings.Split(b.String(), "\n") {
		if k := strings.TrimLeft(l, " "); strings.Contains(l, "–") && (strings.HasPrefix(k, "Assessment Literacy") || strings.HasPrefix(k, "読書プログラム")) {
			ends = append(ends, ansi.StringWidth(l))
		}
	}
	if len(ends) != 2 || ends[0] != ends[1] {
		t.Errorf("STACK rows end at display columns %v, not one:\n%s", ends, b.String())
	}
}

// TestTableAlignsWideCells: a listing's columns line up after wide cells,
// and nothing of the fillers reaches the output.
func TestTableAlignsWideCells(t *testing.T) {
	var b strings.Builder
	tw := newTable(&b)
	for _, row := range [][2]string{{"ID", "TITLE"}, {"df", "Descriptive feedback"}, {"読書", "読書と作文の評価"}, {"x", "y"}} {
		if _, err := tw.Write([]byte(row[0] + "\t" + row[1] + "\n")); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Flush(); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.ContainsRune(out, filler) {
		t.Fatalf("a filler reached the output: %q", out)
	}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		gap := strings.Index(l, "  ")
		second := gap + len(l[gap:]) - len(strings.TrimLeft(l[gap:], " "))
		if w := ansi.StringWidth(l[:second]); w != 6 {
			t.Errorf("second column at %d, want 6: %q", w, l)
		}
	}
	if !strings.Contains(out, "読書  読書と作文の評価") {
		t.Errorf("the wide row is not padded as wide:\n%s", out)
	}
}

// TestTableAlignsCombiningMarks: an accent typed as its own mark (E and
// U+0301) takes no column on screen; composed with its letter, the row
// lines up, in a table and in report's padded keys alike.
func TestTableAlignsCombiningMarks(t *testing.T) {
	var b strings.Builder
	tw := newTable(&b)
	for _, row := range [][2]string{{"STACK", "T"}, {"Assessment Literacy", "x"}, {"E\u0301valuation des e\u0301le\u0300ves", "y"}} {
		if _, err := tw.Write([]byte(row[0] + "\t" + row[1] + "\n")); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Flush(); err != nil {
		t.Fatal(err)
	}
	var at []int
	for _, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		at = append(at, ansi.StringWidth(l)-1) // the one-column last cell's column
	}
	if at[0] != at[1] || at[1] != at[2] {
		t.Errorf("second column at display columns %v, not one:\n%s", at, b.String())
	}
	if w := cellWidth("E\u0301cole"); w != 5 {
		t.Errorf("cellWidth of a decomposed École = %d, want 5", w)
	}
}

// TestTableAlignsMarksWithNoLetter: marks that compose with no letter
// (Thai ที่, Hindi में) draw in no column of their own, and text that
// looks like HTML (R&D;, <none>) is printed and counted as written.
func TestTableAlignsMarksWithNoLetter(t *testing.T) {
	var b strings.Builder
	tw := newTable(&b)
	rows := [][2]string{{"STACK", "T"}, {"Assessment Literacy", "x"}, {"การประเมินที่ดี", "y"}, {"कक्षा में आकलन", "z"}, {"R&D; <none> a>b", "w"}}
	for _, row := range rows {
		if _, err := tw.Write([]byte(row[0] + "\t" + row[1] + "\n")); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	var at []int
	for i, l := range lines {
		at = append(at, ansi.StringWidth(l)-1)
		if !strings.HasPrefix(l, rows[i][0]+" ") {
			t.Errorf("row %d printed as %q, want it to start %q", i, l, rows[i][0])
		}
	}
	if !slices.Equal(at, []int{at[0], at[0], at[0], at[0], at[0]}) {
		t.Errorf("second column at display columns %v, not one:\n%s", at, b.String())
	}
	if w := cellWidth("ที่"); w != 1 {
		t.Errorf("cellWidth of ที่ = %d, want 1", w)
	}
}

// TestTablePrintsTextComposed: a table prints text composed (NFC), as it
// did before it counted grapheme clusters (`rubrics list | grep École`
// finds a title stored decomposed), and the runes it uses as stand-ins
// print as the replacement character, never as the < or & they stand for.
func TestTablePrintsTextComposed(t *testing.T) {
	var b strings.Builder
	tw := newTable(&b)
	if _, err := tw.Write([]byte("ID\tE\u0301cole \uFDD1x\uFDD2\n")); err != nil {
		t.Fatal(err)
	}
	if err := tw.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := "ID  École \uFFFDx\uFFFD\n"; b.String() != want {
		t.Errorf("printed %q, want %q", b.String(), want)
	}
}

// TestTableAlignsEmojiSequences: an emoji made of several code points (a
// ZWJ sequence, 👩‍🏫; a text symbol with the emoji variation selector, ❤️)
// takes the columns the screens give it (ansi.StringWidth, a grapheme
// cluster at a time), not the sum of its runes' widths.
func TestTableAlignsEmojiSequences(t *testing.T) {
	var b strings.Builder
	tw := newTable(&b)
	rows := [][2]string{{"STACK", "T"}, {"Assessment Literacy", "x"}, {"👩‍🏫 Teaching", "y"}, {"❤️ Care", "z"}}
	for _, row := range rows {
		if _, err := tw.Write([]byte(row[0] + "\t" + row[1] + "\n")); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Flush(); err != nil {
		t.Fatal(err)
	}
	var at []int
	for _, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		at = append(at, ansi.StringWidth(l)-1)
	}
	if !slices.Equal(at, []int{at[0], at[0], at[0], at[0]}) {
		t.Errorf("second column at display columns %v, not one:\n%s", at, b.String())
	}
}
