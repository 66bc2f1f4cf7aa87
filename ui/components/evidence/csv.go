package evidence

import (
	"encoding/binary"
	"encoding/csv"
	"fmt"
	"hash"
	"hash/fnv"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/sergi/go-diff/diffmatchpatch"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/styles"
)

// MaxCSVColumns is how many columns of a CSV (or TSV) file are shown; a
// row's cells past it are dropped. The table and the diff draw every row
// as wide as the widest, so without it one row of thousands of cells (a
// few KB of commas) would cost every other row thousands of cells.
const MaxCSVColumns = 100

// MaxCSVRows is how many rows of a CSV (or TSV) file are kept below its
// header: a spreadsheet a reviewer reads is well under it and kept whole,
// and a file of a million short rows (2 MB, inside the import's limit),
// which cost hundreds of MB kept whole, is counted past it, not kept.
const MaxCSVRows = 50000

// CSVTable is a CSV (or TSV) file's rows of cells, its header first. A
// row holds the cells it has, up to MaxCSVColumns, and is not padded: a
// missing cell reads as "", so a short row costs what it holds. Rows past
// the header's first MaxCSVRows are counted (Total), not kept.
type CSVTable struct {
	Rows [][]string
	// Past is, for each kept row, a hash of its cells past MaxCSVColumns
	// (0 when none of them holds anything), so a diff still sees a change
	// it does not show; nil when no row holds anything there.
	Past   []uint64
	Cols   int // the cells of the widest row kept, at most MaxCSVColumns
	Widest int // the cells of the widest row kept, its cells kept or not
	Total  int // the file's rows, kept or not, its header too
}

// Cell is row i's cell in column j, "" where the row is shorter.
func (t CSVTable) Cell(i, j int) string { return at(t.Rows[i], j) }

// past is row i's hash of its cells past MaxCSVColumns, 0 for none.
func (t CSVTable) past(i int) uint64 {
	if i < len(t.Past) {
		return t.Past[i]
	}
	return 0
}

// ColumnsNote says how many columns are not shown of a file whose widest
// row has widest cells, or is "" when all are.
func ColumnsNote(widest int) string {
	if widest <= MaxCSVColumns {
		return ""
	}
	return fmt.Sprintf("Only the first %d of %d columns are shown.", MaxCSVColumns, widest)
}

// RowsNote says how many rows below its header are not shown of a file
// of total rows, its header too, or is "" when all are; verb is what is
// done to those kept, "shown" or "compared".
func RowsNote(total int, verb string) string {
	if total-1 <= MaxCSVRows {
		return ""
	}
	return fmt.Sprintf("Only the first %d of %d rows are %s.", MaxCSVRows, total-1, verb)
}

// ParseCSV reads a CSV (or TSV) file's text into rows of cells, each
// sanitized and cut to one line, and counts the rows past MaxCSVRows. A
// file that does not parse is one cell a line, so it still shows.
func ParseCSV(text string, tsv bool) CSVTable {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord, r.LazyQuotes = -1, true
	r.ReuseRecord = true // the rows kept copy their cells; the rest are only counted
	if tsv {
		r.Comma = '\t'
	}
	var t CSVTable
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil { // as csv's ReadAll does, nothing of a file that does not parse
			t.Rows, t.Past, t.Widest, t.Total = nil, nil, 1, strings.Count(text, "\n")+1
			for rest, more := text, true; more && len(t.Rows) <= MaxCSVRows; {
				var l string
				l, rest, more = strings.Cut(rest, "\n")
				t.Rows = append(t.Rows, []string{cleanCell(l)})
			}
			break
		}
		t.Total++
		if len(t.Rows) > MaxCSVRows {
			continue
		}
		t.Widest = max(t.Widest, widthKept(rec))
		row := make([]string, min(len(rec), MaxCSVColumns))
		for j := range row {
			row[j] = cleanCell(rec[j])
		}
		if h := pastHash(rec); h != 0 {
			if t.Past == nil {
				t.Past = make([]uint64, len(t.Rows), cap(t.Rows))
			}
			t.Past = append(t.Past, h)
		} else if t.Past != nil {
			t.Past = append(t.Past, 0)
		}
		t.Rows = append(t.Rows, row)
	}
	if len(t.Rows) == 0 {
		t.Rows, t.Widest, t.Total = [][]string{{"(empty)"}}, 1, 1
	}
	t.Cols = min(t.Widest, MaxCSVColumns)
	return t
}

// widthKept is rec's cells but the empty ones at its end past
// MaxCSVColumns, which hide nothing: a row of 100 cells and a comma is
// shown whole, and the columns note says nothing of it.
func widthKept(rec []string) int {
	n := len(rec)
	for n > MaxCSVColumns && cleanCell(rec[n-1]) == "" {
		n--
	}
	return n
}

// pastHash is an FNV-1a hash of rec's cells past MaxCSVColumns, as drawn
// and in place, or 0 when none holds anything: like trimRow, it ignores
// trailing empty cells, so "a" and "a," past the cut are the same row.
// Their cells are not kept, so the hash costs a row 8 bytes whatever its
// width.
func pastHash(rec []string) uint64 {
	var h hash.Hash64
	var n [8]byte
	empty := 0 // empty cells not yet written, written before a non-empty one
	for _, c := range rec[min(len(rec), MaxCSVColumns):] {
		c = cleanCell(c)
		if c == "" {
			empty++
			continue
		}
		if h == nil {
			h = fnv.New64a()
		}
		// Each cell is its length then its bytes, so cells cannot run
		// into each other and an empty one keeps its place.
		clear(n[:])
		for ; empty > 0; empty-- {
			h.Write(n[:])
		}
		binary.LittleEndian.PutUint64(n[:], uint64(len(c)))
		h.Write(n[:])
		h.Write([]byte(c))
	}
	if h == nil {
		return 0
	}
	return max(h.Sum64(), 1) // 0 is "nothing past the cut"
}

// cleanCell is a cell as drawn: sanitized, on one line.
func cleanCell(s string) string {
	return strings.Join(strings.Fields(common.Drawable(review.Sanitize(s))), " ")
}

// FitWidths shares avail cells among columns that want the given widths:
// each gets what it wants up to a fair share, and what narrow columns
// leave goes to the wide ones, first come first served.
func FitWidths(want []int, avail int) []int {
	n := max(len(want), 1)
	avail = max(avail, n)
	share := max(avail/n, 3)
	out := make([]int, len(want))
	used := 0
	for j, w := range want {
		out[j] = max(min(w, share), 1)
		used += out[j]
	}
	for j, w := range want {
		if left := avail - used; left > 0 && w > out[j] {
			extra := min(left, w-out[j])
			out[j] += extra
			used += extra
		}
	}
	return out
}

// Row labels of a CSV diff, in words so they read without colour.
const (
	rowAdded   = "added"
	rowRemoved = "removed"
	rowChanged = "changed"
)

// csvRow is one row of a CSV diff: its label ("" when unchanged) and its
// cells, a changed cell drawn "old → new".
type csvRow struct {
	label string
	past  bool     // a changed row changed past MaxCSVColumns, where it is not shown
	old   []string // the row before, for a changed row
	cells []string
}

// labelText is r's label as drawn: a change past the columns shown says
// so, or a row changed only there would read as unchanged.
func (r csvRow) labelText() string {
	if r.past {
		return fmt.Sprintf("%s (change past column %d)", r.label, MaxCSVColumns)
	}
	return r.label
}

// CSVDiff draws a CSV (or TSV) file, as ParseCSV read it, against its
// version in the attempt before as table rows, width cells wide: each row
// labelled added, removed or changed, and in a changed row each changed
// cell shown as "old → new", the old value styled deleted and the new
// inserted. Rows are matched as whole rows (a diff of the row sequence),
// so one inserted row does not mark every row after it changed. Past
// MaxCSVDiffRows rows a line says how many more there are, and how many
// of them differ, instead of drawing them.
func CSVDiff(old, cur CSVTable, width int, st *styles.Styles) string {
	rows, more, moreDiffer := diffRows(old, cur, MaxCSVDiffRows)
	ds := NewDiffStyles(st)
	n := 0
	for _, r := range rows {
		n = max(n, len(r.cells), len(r.old))
	}
	cell := func(r csvRow, j int) (plain string, changed bool) {
		cur, old := at(r.cells, j), at(r.old, j)
		if r.label == rowChanged && cur != old {
			return old + " → " + cur, true
		}
		if r.label == rowRemoved {
			return old, false
		}
		return cur, false
	}
	want := make([]int, n)
	for _, r := range rows {
		for j := range n {
			p, _ := cell(r, j)
			want[j] = max(want[j], ansi.StringWidth(p))
		}
	}
	labelW := len(rowRemoved)
	for _, r := range rows {
		labelW = max(labelW, len(r.labelText()))
	}
	widths := FitWidths(want, width-labelW-2*n)
	var b strings.Builder
	for i, r := range rows {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(padCell(r.labelText(), labelW))
		for j := range n {
			b.WriteString("  ")
			p, changed := cell(r, j)
			p = padCell(ansi.Truncate(p, widths[j], "…"), widths[j])
			switch {
			case changed:
				old, cur, _ := strings.Cut(p, " → ")
				if cur == "" && !strings.Contains(p, " → ") {
					b.WriteString(ds.style(diffmatchpatch.DiffDelete, p)) // cut before the arrow
					continue
				}
				b.WriteString(ds.style(diffmatchpatch.DiffDelete, old) + " → " + ds.style(diffmatchpatch.DiffInsert, cur))
			case r.label == rowAdded:
				b.WriteString(ds.style(diffmatchpatch.DiffInsert, p))
			case r.label == rowRemoved:
				b.WriteString(ds.style(diffmatchpatch.DiffDelete, p))
			default:
				b.WriteString(p)
			}
		}
	}
	if more > 0 {
		b.WriteString("\n" + st.Warn.Render(common.OneLine(moreRowsNote(more, moreDiffer), width)))
	}
	return b.String()
}

// MaxCSVDiffRows is how many rows a CSV diff draws. Each row drawn costs
// the table's width, so a file of a million short rows (2 MB, inside the
// import's limit) would cost hundreds of MB; a spreadsheet a reviewer
// reads is well under it and drawn whole.
const MaxCSVDiffRows = 5000

// moreRowsNote says how many rows of a CSV diff are not drawn, and how
// many of those differ.
func moreRowsNote(more, differ int) string {
	return fmt.Sprintf("… %d more %s not shown, %d of them added, removed or changed", more, review.Plural(more, "row", "rows"), differ)
}

// diffRows matches the rows of old and cur: equal rows stay unlabelled, a
// run of removed rows followed by added ones pairs up as changed rows, and
// what is left over is removed or added. It returns the first limit rows,
// and counts the rest (more) and those of them that differ without making
// them, so their cost is the runs', not the rows'.
func diffRows(oldT, curT CSVTable, limit int) (out []csvRow, more, moreDiffer int) {
	old, cur := oldT.Rows, curT.Rows
	oi, ci := 0, 0
	runs := rowRuns(oldT, curT)
	for k := 0; k < len(runs); k++ {
		m := runs[k].n
		switch runs[k].op {
		case diffmatchpatch.DiffEqual:
			for range m {
				if len(out) == limit {
					more++
					continue
				}
				out = append(out, csvRow{cells: cur[ci]})
				oi, ci = oi+1, ci+1
			}
		case diffmatchpatch.DiffDelete:
			ins := 0
			if k+1 < len(runs) && runs[k+1].op == diffmatchpatch.DiffInsert {
				ins = runs[k+1].n
				k++
			}
			for i := range max(m, ins) {
				switch {
				case len(out) == limit:
					more++
					moreDiffer++
				case i < m && i < ins:
					out = append(out, csvRow{label: rowChanged, past: oldT.past(oi+i) != curT.past(ci+i), old: old[oi+i], cells: cur[ci+i]})
				case i < m:
					out = append(out, csvRow{label: rowRemoved, old: old[oi+i]})
				default:
					out = append(out, csvRow{label: rowAdded, cells: cur[ci+i]})
				}
			}
			oi, ci = oi+m, ci+ins
		case diffmatchpatch.DiffInsert:
			for range m {
				if len(out) == limit {
					more++
					moreDiffer++
					continue
				}
				out = append(out, csvRow{label: rowAdded, cells: cur[ci]})
				ci++
			}
		}
	}
	return out, more, moreDiffer
}

// rowRun is n rows kept, removed or added.
type rowRun struct {
	op diffmatchpatch.Operation
	n  int
}

// rowRuns diffs old and cur a row at a time, each distinct row one rune,
// a row being its cells shown and the hash of those past them. Past
// maxTokens distinct rows, which no rune could stand for, the rows they
// share at the start and at the end are kept and the rest removed and
// added.
func rowRuns(oldT, curT CSVTable) []rowRun {
	old, cur := oldT.Rows, curT.Rows
	ids := map[string]rune{}
	encode := func(t CSVTable) ([]rune, bool) {
		out := make([]rune, len(t.Rows))
		for i, r := range t.Rows {
			k := strings.Join(trimRow(r), "\x00")
			if p := t.past(i); p != 0 { // \x01 is not in a drawn cell, so it cannot be one
				k += "\x01" + strconv.FormatUint(p, 16)
			}
			id, ok := ids[k]
			if !ok {
				if len(ids) == maxTokens {
					return nil, false
				}
				id = tokenRune(len(ids))
				ids[k] = id
			}
			out[i] = id
		}
		return out, true
	}
	a, okA := encode(oldT)
	b, okB := encode(curT)
	var runs []rowRun
	if !okA || !okB {
		p, s := sharedEnds(len(old), len(cur), func(i, j int) bool {
			return slices.Equal(trimRow(old[i]), trimRow(cur[j])) && oldT.past(i) == curT.past(j)
		})
		for _, r := range []rowRun{{diffmatchpatch.DiffEqual, p}, {diffmatchpatch.DiffDelete, len(old) - p - s},
			{diffmatchpatch.DiffInsert, len(cur) - p - s}, {diffmatchpatch.DiffEqual, s}} {
			if r.n > 0 {
				runs = append(runs, r)
			}
		}
		return runs
	}
	for _, d := range diffmatchpatch.New().DiffMainRunes(a, b, false) {
		runs = append(runs, rowRun{d.Type, len([]rune(d.Text))})
	}
	return runs
}

// trimRow is r without its empty cells at the end: rows are not padded,
// and a missing cell reads as "", so "a" and "a," are the same row.
func trimRow(r []string) []string {
	for len(r) > 0 && r[len(r)-1] == "" {
		r = r[:len(r)-1]
	}
	return r
}

func at(cells []string, j int) string {
	if j < len(cells) {
		return cells[j]
	}
	return ""
}

// padCell pads s with spaces to w cells.
func padCell(s string, w int) string {
	return s + strings.Repeat(" ", max(w-ansi.StringWidth(s), 0))
}
