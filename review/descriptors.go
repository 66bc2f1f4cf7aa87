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
		j, found := col[columnKey(lvl)]
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
// code; its rows end at a blank line, where the quote it is in (or not)
// changes, or at a line that starts another block.
func (c Criterion) tableRows() [][]string {
	lines := tableLines(c.Description)
	for i := 0; i+1 < len(lines); i++ {
		h, d := lines[i], lines[i+1]
		if h.code || d.code || h.quoted != d.quoted || !strings.Contains(h.text, "|") || !delimiterRow(d.text) ||
			len(tableCells(h.text)) != len(tableCells(d.text)) {
			continue
		}
		rows := [][]string{tableCells(h.text), tableCells(d.text)}
		for _, l := range lines[i+2:] {
			if l.code || l.quoted != h.quoted || l.text == "" || startsBlock(l.text) {
				break
			}
			rows = append(rows, tableCells(l.text))
		}
		return rows
	}
	return nil
}

// tableLine is one line of a description as a table reads it.
type tableLine struct {
	text   string // trimmed, without a block quote's '>'
	quoted bool   // in a block quote
	code   bool   // inside a fence, or indented four spaces or a tab
}

// tableLines are desc's lines as a table reads them. A quote's '>' goes
// before a fence or an indent is looked for, as they count inside it.
func tableLines(desc string) []tableLine {
	var out []tableLine
	var fence Fence
	quotedFence := false
	for _, l := range strings.Split(desc, "\n") {
		rest, quoted := l, false
		if t, ok := TrimIndent(l); ok && strings.HasPrefix(t, ">") {
			rest, quoted = strings.TrimPrefix(t[1:], " "), true
		}
		if fence.Open() && quoted != quotedFence {
			fence = Fence{} // the quote a fence opened in ended, and the fence with it
		}
		_, notIndented := TrimIndent(rest)
		code := fence.Open() || !notIndented || strings.HasPrefix(rest, "\t")
		if f, ok := OpenFence(rest); !code && ok {
			fence, quotedFence, code = f, quoted, true
		} else if fence.Open() && fence.Closes(rest) {
			fence = Fence{}
		}
		out = append(out, tableLine{text: strings.TrimSpace(rest), quoted: quoted, code: code})
	}
	return out
}

// startsBlock reports whether a trimmed line starts a block that ends a
// table, as one that interrupts a paragraph: a bullet item, an item
// numbered 1, a heading ("#" then a space), a fence.
func startsBlock(l string) bool {
	if _, ok := OpenFence(l); ok {
		return true
	}
	for _, p := range []string{"- ", "* ", "+ ", "1. ", "1) "} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	hashes := len(l) - len(strings.TrimLeft(l, "#"))
	return hashes >= 1 && hashes <= 6 && (hashes == len(l) || l[hashes] == ' ')
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

// headerColumns maps each header cell, as columnKey, to its column.
func headerColumns(header []string) map[string]int {
	col := make(map[string]int, len(header))
	for i, h := range header {
		col[columnKey(h)] = i
	}
	return col
}

// columnKey is a level or a header cell as the two are matched: in lower
// case and in one form (OneForm), so a header typed composed heads the
// column of a level a rubric's front matter holds decomposed.
func columnKey(s string) string { return strings.ToLower(OneForm(s)) }

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
		if _, ok := col[columnKey(lvl)]; !ok {
			missing = append(missing, lvl)
		}
	}
	if len(missing) > 0 {
		return "its table's header (" + strings.Join(rows[0], " | ") + ") has no column " + strings.Join(missing, ", ")
	}
	return "its table's first row has fewer cells than its header"
}
