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

// tableRows are the cells of each row of the first Markdown table in c's
// description, its |---| line included.
func (c Criterion) tableRows() [][]string {
	var rows [][]string
	for _, l := range strings.Split(c.Description, "\n") {
		l = strings.TrimSpace(l)
		if !strings.HasPrefix(l, "|") {
			if len(rows) > 0 {
				break // the table ended
			}
			continue
		}
		rows = append(rows, tableCells(l))
	}
	return rows
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
