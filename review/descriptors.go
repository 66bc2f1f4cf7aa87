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
// its header, its |---| line and the rows under it. A table is read as
// GitHub reads one, which is how the review screen draws it: a line with a
// bar over a delimiter line of as many cells ("a | b" over "---" is a
// heading), the outer bars optional, in a block quote or not, and never in
// code; its rows end at a blank line or a line that starts another block.
func (c Criterion) tableRows() [][]string {
	lines, code := tableLines(c.Description)
	for i := 0; i+1 < len(lines); i++ {
		if code[i] || code[i+1] || !strings.Contains(lines[i], "|") || !delimiterRow(lines[i+1]) ||
			len(tableCells(lines[i])) != len(tableCells(lines[i+1])) {
			continue
		}
		rows := [][]string{tableCells(lines[i]), tableCells(lines[i+1])}
		for j := i + 2; j < len(lines) && !code[j] && lines[j] != "" && !startsBlock(lines[j]); j++ {
			rows = append(rows, tableCells(lines[j]))
		}
		return rows
	}
	return nil
}

// tableLines are desc's lines as a table reads them, trimmed and without a
// block quote's '>', and which of them are code: inside a fence, or
// indented four spaces or a tab.
func tableLines(desc string) (lines []string, code []bool) {
	var fence string // the open fence's run of ` or ~, "" outside one
	for _, l := range strings.Split(desc, "\n") {
		trimmed := strings.TrimLeft(l, " ")
		isCode := fence != "" || len(l)-len(trimmed) >= 4 || strings.HasPrefix(l, "\t")
		if run := fenceRun(trimmed); fence == "" && run != "" && !isCode {
			fence, isCode = run, true
		} else if fence != "" && strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]+" \t") == "" {
			fence = ""
		}
		text := strings.TrimSpace(l)
		if t, ok := strings.CutPrefix(text, ">"); ok && !isCode {
			text = strings.TrimSpace(t)
		}
		lines, code = append(lines, text), append(code, isCode)
	}
	return lines, code
}

// fenceRun is the run of three or more ` or ~ that opens a fenced code
// block at the start of s, or "".
func fenceRun(s string) string {
	if s == "" || (s[0] != '`' && s[0] != '~') {
		return ""
	}
	n := len(s) - len(strings.TrimLeft(s, s[:1]))
	if n < 3 {
		return ""
	}
	return s[:n]
}

// startsBlock reports whether a trimmed line starts a block that ends a
// table: a list item, a heading or a fence.
func startsBlock(l string) bool {
	for _, p := range []string{"- ", "* ", "+ ", "#", "```", "~~~"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	digits := len(l) - len(strings.TrimLeft(l, "0123456789"))
	return digits > 0 && digits < len(l)-1 && (l[digits] == '.' || l[digits] == ')') && l[digits+1] == ' '
}

// delimiterRow reports whether l, trimmed, is a table's |---| line: each
// cell a run of '-' with an optional ':' at either end.
func delimiterRow(l string) bool {
	if l == "" || !strings.Contains(l, "-") {
		return false
	}
	for _, cell := range tableCells(l) {
		if d := strings.TrimSuffix(strings.TrimPrefix(cell, ":"), ":"); d == "" || strings.Trim(d, "-") != "" {
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
