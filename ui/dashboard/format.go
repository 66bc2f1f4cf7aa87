package dashboard

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"assessor/review"
	"assessor/ui/common"
)

// flowItems lays out items left to right, joined by sep, starting a new line
// whenever the next item would pass width w; an item wider than w gets a
// line of its own, cut to w.
func flowItems(items []string, sep string, w int) string {
	var lines []string
	cur := ""
	for _, it := range items {
		switch {
		case cur == "":
			cur = it
		case lipgloss.Width(cur)+lipgloss.Width(sep)+lipgloss.Width(it) <= w:
			cur += sep + it
		default:
			lines = append(lines, common.OneLine(cur, w))
			cur = it
		}
	}
	if cur != "" {
		lines = append(lines, common.OneLine(cur, w))
	}
	return strings.Join(lines, "\n")
}

// padCell fits s into exactly w cells: cut with "…" when longer, padded with
// spaces on the right (or on the left when right is set) when shorter.
func padCell(s string, w int, right bool) string {
	if w <= 0 {
		return ""
	}
	s = common.OneLine(s, w)
	gap := strings.Repeat(" ", w-lipgloss.Width(s))
	if right {
		return gap + s
	}
	return s + gap
}

// plainTable lays out a small read-only table (no cursor, unlike
// bubbles/table) as lines of width at most w. Column flex takes the width
// the others leave; it and the columns before it are text, left-aligned,
// and the columns after it are figures, right-aligned. Figures are never
// cut, which would show another figure ("73.3% of 101" for "of 1013"):
// when they do not fit beside the flex column's least, whole columns are
// left out from the right and a last line says how many.
func plainTable(header []string, rows [][]string, flex, w int) []string {
	widths := columnWidths(header, rows)
	n := len(header)
	fixed := func() int {
		sum := 2 * (n - 1)
		for i, cw := range widths[:n] {
			if i != flex {
				sum += cw
			}
		}
		return sum
	}
	for n > flex+1 && fixed()+6 > w {
		n--
	}
	hidden := len(header) - n
	widths[flex] = max(min(widths[flex], w-fixed()), 6)
	line := func(r []string) string {
		cells := make([]string, n)
		for i := range cells {
			v := ""
			if i < len(r) {
				v = r[i]
			}
			cells[i] = padCell(v, widths[i], i > flex)
		}
		return strings.TrimRight(strings.Join(cells, "  "), " ")
	}
	out := []string{line(header)}
	for _, r := range rows {
		out = append(out, line(r))
	}
	if hidden > 0 {
		out = append(out, common.OneLine(review.Count(hidden, "column needs", "columns need")+" more width", w))
	}
	return out
}

// columnWidths is each column's widest cell, header included.
func columnWidths(header []string, rows [][]string) []int {
	widths := make([]int, len(header))
	for _, r := range append([][]string{header}, rows...) {
		for i := 0; i < len(header) && i < len(r); i++ {
			widths[i] = max(widths[i], lipgloss.Width(r[i]))
		}
	}
	return widths
}

// tableWidth is plainTable's width with no column shortened.
func tableWidth(header []string, rows [][]string) int {
	w := 2 * (len(header) - 1)
	for _, cw := range columnWidths(header, rows) {
		w += cw
	}
	return w
}
