package dashboard

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/table"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/common"
)

// sortColumn is one column of a sortTable. width 0 marks the one text
// column that takes the room the others leave.
type sortColumn struct {
	title   string
	name    string // spelled out for the sort line; title when empty
	width   int
	numeric bool
}

// sortCell is a cell's text and the value it sorts by: num for numeric
// columns (nil for a null figure), the text otherwise.
type sortCell struct {
	text string
	num  *float64
}

// sortTable is a bubbles/table whose rows can be re-sorted by any column.
// It keeps the rows as sortCells so sorting compares figures, not their
// formatted text ("9.5%" would sort after "10.0%").
type sortTable struct {
	cols  []sortColumn
	rows  [][]sortCell
	ids   []string // what each row stands for (credential or reviewer id), for the drill-down
	order []int    // rows' indexes in the order shown
	col   int      // sort column
	desc  bool     // sort direction
	width int
	shown int // how many columns fit the width, from the left (layout)
	t     table.Model
}

func newSortTable(cols []sortColumn, k dashKeyMap, st table.Styles) sortTable {
	t := table.New(table.WithFocused(true), table.WithKeyMap(k.tableKeyMap()), table.WithStyles(st))
	return sortTable{cols: cols, t: t}
}

// setRows replaces the rows and what each stands for, keeping the sort
// column and direction.
func (s sortTable) setRows(rows [][]sortCell, ids []string) sortTable {
	s.rows, s.ids = rows, ids
	return s.layout()
}

// selected is the id of the row under the cursor, if any.
func (s sortTable) selected() (string, bool) {
	c := s.t.Cursor()
	if c < 0 || c >= len(s.order) {
		return "", false
	}
	return s.ids[s.order[c]], true
}

// moreBelow reports whether rows are hidden under the last one shown.
// bubbles/table does not say which rows it shows, so this looks for the
// last row in what it draws.
func (s sortTable) moreBelow() bool {
	rows := s.t.Rows()
	if len(rows) == 0 || len(rows) <= s.t.Height() {
		return false
	}
	return !strings.Contains(ansi.Strip(s.t.View()), " "+strings.Join(rows[len(rows)-1], " "))
}

// cycle sorts by the next column. Text sorts A→Z first and figures largest
// first, which is the order a lead scans in; S reverses either.
func (s sortTable) cycle() sortTable {
	s.col = (s.col + 1) % max(s.shown, 1) // the columns shown: a hidden one would sort unseen
	s.desc = s.cols[s.col].numeric
	return s.layout()
}

// legend spells out those of titles that head a column shown ("Att/pass:
// mean attempts to pass"), for the line under the table.
func (s sortTable) legend(titles ...string) string {
	var out []string
	for _, c := range s.cols[:s.shown] {
		if slices.Contains(titles, c.title) {
			out = append(out, c.title+": "+c.name)
		}
	}
	return strings.Join(out, " · ")
}

// reverse flips the sort direction.
func (s sortTable) reverse() sortTable {
	s.desc = !s.desc
	return s.layout()
}

// sortLine says how the table is sorted, since the header has no room for
// an arrow at 80 columns.
func (s sortTable) sortLine() string {
	arrow := "↑"
	if s.desc {
		arrow = "↓"
	}
	c := s.cols[s.col]
	line := "Sorted by " + cmp.Or(c.name, c.title) + " " + arrow
	if hidden := len(s.cols) - s.shown; hidden > 0 && s.shown > 0 {
		// Before the keys: a narrow line keeps it.
		line += " · " + review.Count(hidden, "column needs", "columns need") + " more width"
	}
	return line + " · s next column · S reverse"
}

// marker starts the first cell of the row under the cursor.
const marker = "▸ "

// move passes a movement key to the table and marks the row it lands on.
func (s sortTable) move(k tea.KeyMsg) (sortTable, tea.Cmd) {
	var cmd tea.Cmd
	s.t, cmd = s.t.Update(k)
	return s.layout(), cmd
}

// setSize gives the table w×h cells (header included).
func (s sortTable) setSize(w, h int) sortTable {
	s.width = w
	s.t.SetHeight(max(h, 3))
	return s.layout()
}

// layout sizes the columns for the width and sorts and formats the rows.
// Nulls sort last in either direction: "no figure" is never the best or
// the worst.
func (s sortTable) layout() sortTable {
	fixed := 0
	flexW := lipgloss.Width(s.cols[0].title)
	// A figure column is as wide as its widest figure, whatever width it
	// was given: a count of 12,533 cut to "125…" would be a wrong figure.
	colW := make([]int, len(s.cols))
	for i, c := range s.cols {
		colW[i] = c.width
		for _, r := range s.rows {
			if w := lipgloss.Width(r[i].text); c.width == 0 {
				flexW = max(flexW, w+len(marker))
			} else {
				colW[i] = max(colW[i], w)
			}
		}
		fixed += colW[i] + 1 // the cell's left padding (dashTableStyles)
	}
	// Columns that do not fit beside the text column's least are left
	// out from the right, whole: cut at the edge, a header stood over no
	// figures. The legend under the table still names them.
	shown := len(s.cols)
	for shown > 2 && fixed+8 > s.width {
		shown--
		fixed -= colW[shown] + 1
	}
	s.shown = shown
	// The text column gets what is left, but no more than its longest
	// cell, so a table of short reviewer ids stays compact.
	flexW = max(min(flexW, s.width-fixed), 8)
	widths := make([]int, shown)
	cols := make([]table.Column, shown)
	for i, c := range s.cols[:shown] {
		widths[i] = cmp.Or(colW[i], flexW)
		title := c.title
		if i == 0 {
			title = "  " + title
		}
		cols[i] = table.Column{Title: padCell(title, widths[i], c.numeric), Width: widths[i]}
	}
	cursor := max(s.t.Cursor(), 0)

	s.order = make([]int, len(s.rows))
	for i := range s.order {
		s.order[i] = i
	}
	slices.SortStableFunc(s.order, func(i, j int) int {
		a, b := s.rows[i], s.rows[j]
		c := compareCells(a[s.col], b[s.col], s.cols[s.col].numeric, s.desc)
		if c == 0 {
			c = strings.Compare(a[0].text, b[0].text)
		}
		return c
	})
	rows := make([]table.Row, len(s.order))
	for i, ri := range s.order {
		r := s.rows[ri][:shown]
		row := make(table.Row, len(r))
		for j, cell := range r {
			text := cell.text
			if j == 0 {
				// ▸ marks the row enter opens where reverse video
				// does not show (NO_COLOR, a plain terminal).
				text = map[bool]string{true: marker, false: "  "}[i == cursor] + text
			}
			row[j] = padCell(text, widths[j], s.cols[j].numeric)
		}
		rows[i] = row
	}
	// Columns first: SetRows renders with the current columns. When a
	// width brings a column back, the rows held have a cell too few for
	// it: drop them first (which moves the cursor), then restore it.
	if len(cols) != len(s.t.Columns()) {
		s.t.SetRows(nil)
		s.t.SetColumns(cols)
		s.t.SetRows(rows)
		s.t.SetCursor(min(cursor, len(rows)-1))
	} else {
		s.t.SetColumns(cols)
		s.t.SetRows(rows)
	}
	if s.t.Cursor() < 0 && len(rows) > 0 {
		// Setting no rows (before the first load) left the cursor at -1,
		// on no row: put it on the first, which enter then opens.
		s.t.SetCursor(0)
	}
	s.t.SetWidth(s.width)
	return s
}

// compareCells orders two cells of one column, nulls last either way.
func compareCells(a, b sortCell, numeric, desc bool) int {
	if numeric {
		switch {
		case a.num == nil && b.num == nil:
			return 0
		case a.num == nil:
			return 1
		case b.num == nil:
			return -1
		}
		c := cmp.Compare(*a.num, *b.num)
		if desc {
			c = -c
		}
		return c
	}
	c := strings.Compare(strings.ToLower(a.text), strings.ToLower(b.text))
	if desc {
		c = -c
	}
	return c
}

// Cell constructors keep the formatting of each kind of figure in one place.

func textCell(s string) sortCell { return sortCell{text: common.Name(s)} }

func countCell(n int64) sortCell {
	f := float64(n)
	return sortCell{text: strconv.FormatInt(n, 10), num: &f}
}

// shareCell is a rate shown as formatted from its counts (Figures'
// shares), sorted by the rate.
func shareCell(text string, r *float64) sortCell { return sortCell{text: text, num: r} }

func numCell(f *float64) sortCell { return sortCell{text: review.FormatFigure(f), num: f} }

// credentialColumns are the Credentials tab's columns.
func credentialColumns() []sortColumn {
	return []sortColumn{
		{title: "Credential", name: "credential"},
		{title: "Apps", name: "applications", width: 4, numeric: true},
		{title: "1st pass", name: "first-time pass rate", width: 8, numeric: true},
		{title: "Eventual", name: "eventual pass rate", width: 8, numeric: true},
		{title: "Att/pass", name: "mean attempts to pass", width: 8, numeric: true},
		{title: "Decided", name: "decided attempts", width: 7, numeric: true},
		{title: "Pending", name: "pending attempts", width: 7, numeric: true},
		{title: "Median d", name: "median turnaround days", width: 8, numeric: true},
	}
}

// credentialRows turns by_credential into rows, and their credential ids;
// a credential with no title is shown by its id.
func credentialRows(rs []review.CredentialRow) ([][]sortCell, []string) {
	out, ids := make([][]sortCell, len(rs)), make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.Credential
		f := r.Figures
		out[i] = []sortCell{
			textCell(cmp.Or(r.Title, r.Credential)), countCell(f.Applications),
			shareCell(f.FirstTimeShare(), f.FirstTimePassRate), shareCell(f.EventualShare(), f.EventualPassRate), sortCell{text: f.MeanAttemptsShown(), num: f.MeanAttemptsToPass},
			countCell(f.DecidedAttempts), countCell(f.PendingAttempts), numCell(f.MedianTurnaroundDays),
		}
	}
	return out, ids
}

// reviewerColumns are the Reviewers tab's columns.
func reviewerColumns() []sortColumn {
	return []sortColumn{
		{title: "Reviewer", name: "reviewer"},
		{title: "Decisions", name: "decisions", width: 9, numeric: true},
		{title: "Pass rate", name: "pass rate", width: 9, numeric: true},
		{title: "Median days", name: "median turnaround days", width: 11, numeric: true},
		// As `assessor report` has them: agreement in outcome with the
		// other review or the adjudication, and kappa over levels.
		{title: "Agreement", name: "agreement", width: 9, numeric: true},
		{title: "Kappa", name: "kappa", width: 6, numeric: true},
	}
}

// reviewerRows turns by_reviewer into rows, with the figures `assessor
// report` prints for each reviewer (null ones as "–"). Reviewer ids are the
// pseudonymous labels of docs/formats.md §3, never names.
func reviewerRows(rs []review.ReviewerRow) ([][]sortCell, []string) {
	out, ids := make([][]sortCell, len(rs)), make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.Reviewer
		out[i] = []sortCell{textCell(r.Reviewer), countCell(r.Decisions), shareCell(r.PassShare(), r.PassRate), numCell(r.MedianTurnaroundDays),
			shareCell(r.AgreementShare(), r.Agreement), sortCell{text: r.KappaShown(), num: r.Kappa}}
	}
	return out, ids
}
