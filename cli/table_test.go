package cli

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/text/unicode/norm"

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

// TestTableAlignsAsDrawn: a row lines up after text a terminal draws in
// fewer columns than it has runes, and the row's text prints as written:
// an accent typed as its own mark (E and U+0301), marks that compose with
// no letter (Thai ที่, Hindi में), emoji of several code points (a ZWJ
// sequence, 👩‍🏫; a symbol with the emoji variation selector, ❤️), and
// text that looks like HTML (R&D;, <none>), which the table's tags must
// not swallow.
func TestTableAlignsAsDrawn(t *testing.T) {
	for _, tc := range []struct{ name, cell string }{
		{"combining marks", "E\u0301valuation des e\u0301le\u0300ves"},
		{"Thai", "การประเมินที่ดี"},
		{"Hindi", "कक्षा में आकलन"},
		{"ZWJ emoji", "👩‍🏫 Teaching"},
		{"emoji presentation", "❤️ Care"},
		{"HTML-like", "R&D; <none> a>b"},
		{"a mark with no letter of its own", "Quiz a\u0e48 b\u200d"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows := []string{"STACK", "Assessment Literacy", tc.cell}
			var b strings.Builder
			tw := newTable(&b)
			for _, cell := range rows {
				if _, err := tw.Write([]byte(cell + "\tx\n")); err != nil {
					t.Fatal(err)
				}
			}
			if err := tw.Flush(); err != nil {
				t.Fatal(err)
			}
			var at []int
			for i, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
				at = append(at, ansi.StringWidth(l)-1) // the one-column last cell's column
				if want := norm.NFC.String(rows[i]) + " "; !strings.HasPrefix(l, want) {
					t.Errorf("row %d printed as %q, want it to start %q", i, l, want)
				}
			}
			if !slices.Equal(at, []int{at[0], at[0], at[0]}) {
				t.Errorf("second column at display columns %v, not one:\n%s", at, b.String())
			}
		})
	}
	// report's padded keys count as the table does.
	for cell, want := range map[string]int{"E\u0301cole": 5, "ที่": 1, "👩‍🏫": 2} {
		if w := cellWidth(cell); w != want {
			t.Errorf("cellWidth(%q) = %d, want %d", cell, w, want)
		}
	}
}

// TestTablePrintsTextComposed: a table prints text composed (NFC), as it
// did before it counted grapheme clusters (`rubrics list | grep École`
// finds a title stored decomposed), and the runes it uses as stand-ins
// print as the replacement character, never as the < or & they stand for.
func TestTablePrintsTextComposed(t *testing.T) {
	var b strings.Builder
	tw := newTable(&b)
	// U+0600 joins what follows it into one character.
	if _, err := tw.Write([]byte("ID\tE\u0301cole \uFDD1x\uFDD2 \u0600\uFDD1 \u0600\uFDD0|\n")); err != nil {
		t.Fatal(err)
	}
	if err := tw.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := "ID  École \uFFFDx\uFFFD \u0600\uFFFD \u0600\uFFFD|\n"; b.String() != want {
		t.Errorf("printed %q, want %q", b.String(), want)
	}
}
