package review

import "strings"

// Descriptors are what a criterion's description says about each level,
// in the rubric's level order, so the scoring panel can show them beside
// the level being chosen. A rubric writes them as a Markdown table whose
// header names the levels (docs/formats.md):
//
//	| not-yet | meets |
//	|---|---|
//	| The goals are vague … | The response names … |
//
// ok is false when the description holds no such table, or one whose
// header does not name every level; the panel then shows the description
// as it is.
func (c Criterion) Descriptors(levels []string) (byLevel []string, ok bool) {
	rows := c.tableRows()
	if len(rows) < 3 {
		return nil, false
	}
	col := headerColumns(rows[0])
	body := rows[2] // rows[1] is the |---| line
	byLevel = make([]string, len(levels))
	for i, lvl := range levels {
		j, found := col[strings.ToLower(lvl)]
		if !found || j >= len(body) {
			return nil, false
		}
		byLevel[i] = body[j]
	}
	return byLevel, true
}

// tableRows are the cells of the first Markdown table in c's description:
// its header, its |---| line and the rows under it. A table is a line with
// a bar followed by a delimiter line, as GitHub reads one, so the outer
// bars may be left off ("not-yet | meets").
func (c Criterion) tableRows() [][]string {
	lines := strings.Split(c.Description, "\n")
	for i := 0; i+1 < len(lines); i++ {
		// GitHub reads a table only when the delimiter line has as many
		// cells as the header: "a | b" over "---" is a heading.
		if !strings.Contains(lines[i], "|") || !delimiterRow(lines[i+1]) ||
			len(tableCells(strings.TrimSpace(lines[i]))) != len(tableCells(strings.TrimSpace(lines[i+1]))) {
			continue
		}
		var rows [][]string
		for _, l := range lines[i:] {
			if l = strings.TrimSpace(l); l == "" {
				break // the table ended
			}
			rows = append(rows, tableCells(l))
		}
		return rows
	}
	return nil
}

// delimiterRow reports whether l is a table's |---| line: cells of '-'
// with an optional ':' at either end, and at least one bar or a '-' cell.
func delimiterRow(l string) bool {
	l = strings.TrimSpace(l)
	if l == "" || strings.Trim(l, "|-: \t") != "" || !strings.Contains(l, "-") {
		return false
	}
	for _, cell := range tableCells(l) {
		if strings.Trim(strings.TrimSpace(cell), ":") == "" || strings.Trim(cell, "-: \t") != "" {
			return false
		}
	}
	return true
}

// headerColumns maps each header cell, in lower case, to its column.
func headerColumns(header []string) map[string]int {
	col := make(map[string]int, len(header))
	for i, h := range header {
		col[strings.ToLower(h)] = i
	}
	return col
}

// tableCells splits one Markdown table row into its trimmed cells; `\|`
// is a literal bar inside a cell.
func tableCells(row string) []string {
	row = strings.TrimSuffix(strings.TrimPrefix(row, "|"), "|")
	var cells []string
	var b strings.Builder
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row) && row[i+1] == '|':
			b.WriteByte('|')
			i++
		case row[i] == '|':
			cells = append(cells, strings.TrimSpace(b.String()))
			b.Reset()
		default:
			b.WriteByte(row[i])
		}
	}
	return append(cells, strings.TrimSpace(b.String()))
}

// DescriptorTableProblem says why c's description, which holds a Markdown
// table, gives no descriptor per level (Descriptors fails on it): "" when
// it holds none or a good one. A rubric author hears it at rubrics add,
// where the table would otherwise be shown as written with no word why.
func (c Criterion) DescriptorTableProblem(levels []string) string {
	if _, ok := c.Descriptors(levels); ok {
		return ""
	}
	rows := c.tableRows()
	switch {
	case len(rows) == 0:
		return ""
	case len(rows) < 3:
		return "its table has no row under the header"
	}
	col := headerColumns(rows[0])
	var missing []string
	for _, lvl := range levels {
		if _, ok := col[strings.ToLower(lvl)]; !ok {
			missing = append(missing, lvl)
		}
	}
	if len(missing) > 0 {
		return "its table's header (" + strings.Join(rows[0], " | ") + ") has no column " + strings.Join(missing, ", ")
	}
	return "its table's first row has fewer cells than its header"
}
