package evidence

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// sides joins what diffs keep of the old text and of the new one.
func sides(diffs []diffmatchpatch.Diff) (old, cur string) {
	var o, c strings.Builder
	for _, d := range diffs {
		if d.Type != diffmatchpatch.DiffInsert {
			o.WriteString(d.Text)
		}
		if d.Type != diffmatchpatch.DiffDelete {
			c.WriteString(d.Text)
		}
	}
	return o.String(), c.String()
}

// More distinct words than tokenRune has runes for (over a million in two
// attempts inside the import limit; lowered here to keep the test fast)
// are not diffed word by word, which would show wrong words: the words the
// texts share at each end are kept, and the rest is shown replaced.
func TestWordDiffPastTokenLimitKeepsBothTexts(t *testing.T) {
	defer func(n int) { maxTokens = n }(maxTokens)
	maxTokens = 50
	words := func(from, n int) string {
		var b strings.Builder
		for i := from; i < from+n; i++ {
			b.WriteString("w" + strconv.Itoa(i) + " ")
		}
		return b.String()
	}
	mid := words(0, 60)
	for _, tc := range []struct {
		old, cur string
		want     []diffmatchpatch.Diff
	}{
		{"Same start. " + mid + "end.", "Same start. First " + mid + "end. Last", []diffmatchpatch.Diff{
			{Type: diffmatchpatch.DiffEqual, Text: "Same start. "},
			{Type: diffmatchpatch.DiffDelete, Text: mid + "end."},
			{Type: diffmatchpatch.DiffInsert, Text: "First " + mid + "end. Last"},
		}},
		{mid + "same end.", words(60, 2) + "same end.", []diffmatchpatch.Diff{
			{Type: diffmatchpatch.DiffDelete, Text: strings.TrimSpace(mid)},
			{Type: diffmatchpatch.DiffInsert, Text: "w60 w61"},
			{Type: diffmatchpatch.DiffEqual, Text: " same end."},
		}},
	} {
		diffs, _ := WordDiff(tc.old, tc.cur)
		if o, c := sides(diffs); o != tc.old || c != tc.cur {
			t.Errorf("diff's sides are not the two texts:\nold %q\nnew %q", o, c)
		}
		if !slices.Equal(diffs, tc.want) {
			t.Errorf("WordDiff(%.20q…, %.20q…) = %q, want %q", tc.old, tc.cur, diffs, tc.want)
		}
	}
}

// tokenRune's last token is the last rune, so maxTokens is the whole range.
func TestTokenRuneLimitIsLastRune(t *testing.T) {
	if r := tokenRune(maxTokens - 1); r != 0x10FFFF {
		t.Errorf("tokenRune(maxTokens-1) = %U, want U+10FFFF", r)
	}
	if i := tokenIndex(tokenRune(maxTokens - 1)); i != maxTokens-1 {
		t.Errorf("tokenIndex round trip gave %d, want %d", i, maxTokens-1)
	}
}

// A CSV diff past maxTokens distinct rows keeps the rows the files share
// at the start and the end, and pairs the rest up as changed rows, the
// rows left over added or removed: a row's rune past U+10FFFF would show
// other rows.
func TestCSVDiffPastRowLimitKeepsEveryRow(t *testing.T) {
	defer func(n int) { maxTokens = n }(maxTokens)
	maxTokens = 50
	row := func(s string) []string { return []string{s, "1"} }
	old, cur := [][]string{row("head")}, [][]string{row("head"), row("new")}
	for i := range 60 {
		old, cur = append(old, row("r"+strconv.Itoa(i))), append(cur, row("r"+strconv.Itoa(i)))
	}
	old, cur = append(old, row("tail")), append(cur, row("tail"), row("last"))
	rows, _, _ := diffRows(CSVTable{Rows: old}, CSVTable{Rows: cur}, len(old)+len(cur))
	if len(rows) != len(cur) {
		t.Fatalf("%d rows, want %d", len(rows), len(cur))
	}
	if rows[0].label != "" || !slices.Equal(rows[0].cells, old[0]) {
		t.Errorf("row 0 = %+v, want the shared head unlabelled", rows[0])
	}
	for i := 1; i < len(rows); i++ {
		r, want := rows[i], csvRow{label: rowAdded, cells: cur[i]}
		if i < len(old) {
			want = csvRow{label: rowChanged, old: old[i], cells: cur[i]}
		}
		if r.label != want.label || !slices.Equal(r.old, want.old) || !slices.Equal(r.cells, want.cells) {
			t.Fatalf("row %d = %+v, want %+v", i, r, want)
		}
	}
}

// CutDiff keeps the first words whole, cutting inside a diff, and counts
// the words it leaves out, the inserted and deleted apart.
func TestCutDiffKeepsFirstWords(t *testing.T) {
	diffs := []diffmatchpatch.Diff{
		{Type: diffmatchpatch.DiffEqual, Text: "one two "},
		{Type: diffmatchpatch.DiffInsert, Text: "three  four\nfive"},
		{Type: diffmatchpatch.DiffEqual, Text: " six"},
	}
	kept, more, changed := CutDiff(diffs, 3)
	want := []diffmatchpatch.Diff{diffs[0], {Type: diffmatchpatch.DiffInsert, Text: "three  "}}
	if !slices.Equal(kept, want) || more != 3 || changed != 2 {
		t.Errorf("CutDiff(…, 3) = %q, %d, %d; want %q, 3, 2", kept, more, changed, want)
	}
	if kept, more, _ := CutDiff(diffs, 6); !slices.Equal(kept, diffs) || more != 0 {
		t.Errorf("CutDiff(…, 6) = %q, %d; want the diffs whole", kept, more)
	}
}

// CutLines keeps the first lines and counts the rest, a last line without
// its newline too.
func TestCutLinesCountsTheRest(t *testing.T) {
	for _, c := range []struct {
		text string
		max  int
		kept string
		more int
	}{
		{"a\nb\nc", 1, "a", 2},
		{"a\nb\nc\n", 2, "a\nb", 1},
		{"a\nb\n", 2, "a\nb\n", 0},
		{"a\nb", 2, "a\nb", 0},
		{"", 1, "", 0},
		{"a\nb", 0, "", 2},
		{"", 0, "", 0},
	} {
		if kept, more := CutLines(c.text, c.max); kept != c.kept || more != c.more {
			t.Errorf("CutLines(%q, %d) = %q, %d; want %q, %d", c.text, c.max, kept, more, c.kept, c.more)
		}
	}
}

// diffOf is WordDiff's diffs of texts it compares whole.
func diffOf(old, cur string) []diffmatchpatch.Diff {
	diffs, _ := WordDiff(old, cur)
	return diffs
}
