package reviewer

import (
	"strings"

	"github.com/charmbracelet/bubbles/table"
	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-runewidth"

	"assessor/ui/common"
)

// The queue's table is drawn here, byte for byte as bubbles' table.View
// draws it (TestQueueTableMatchesBubbles), but only when show changes the
// rows: the table renders every row through lipgloss twice per SetRows and
// SetCursor, about 280 lipgloss renders per row set at 160×48, which was a
// fifth of serve's CPU at 200 sessions (live updates reset the rows of
// every queue screen). A plain cell is padded here; a cell lipgloss would
// treat specially (tabs, newlines, escapes, a width the two measures
// disagree on) is rendered as the table renders it.

// tableDrawing is the table's header and rows, drawn for one width.
type tableDrawing struct {
	header string   // the column titles and the line under them
	rows   []string // each row padded to the width, the selected one styled
	blank  string   // a line of spaces filling the table's empty height
	height int      // rows the table shows
	width  int
}

// drawTable draws rows (sel selected, -1 for none) in cols at width w,
// height h (rows, under the header), with styles st; ok is false when the
// columns are wider than w (lipgloss then wraps each row) or a cell holds
// an escape sequence: table.View must draw those.
func drawTable(st table.Styles, cols []table.Column, rows []table.Row, sel, w, h int) (tableDrawing, bool) {
	total := 0
	for _, c := range cols {
		if c.Width > 0 {
			total += c.Width + st.Cell.GetHorizontalFrameSize()
		}
	}
	if total > w || st.Cell.GetHorizontalFrameSize() != 2 || st.Cell.GetPaddingLeft() != 1 {
		return tableDrawing{}, false
	}
	for _, r := range rows {
		for _, v := range r {
			if strings.IndexByte(v, '\x1b') >= 0 {
				return tableDrawing{}, false // sanitized cells have none; lipgloss measures them its own way
			}
		}
	}
	d := tableDrawing{header: headerLine(st, cols), height: h, width: w, blank: strings.Repeat(" ", w)}
	var b strings.Builder
	for i, r := range rows[:min(len(rows), h)] {
		b.Reset()
		for j, v := range r {
			if j >= len(cols) || cols[j].Width <= 0 {
				continue
			}
			b.WriteByte(' ')
			cell(&b, v, cols[j].Width)
			b.WriteByte(' ')
		}
		line := b.String()
		if i == sel {
			line = st.Selected.Render(line)
		}
		d.rows = append(d.rows, line+strings.Repeat(" ", max(w-common.Width(line), 0)))
	}
	return d, true
}

// cell writes v cut to w cells with "…" and padded to w, as the table's
// inline lipgloss style does.
func cell(b *strings.Builder, v string, w int) {
	cut := runewidth.Truncate(v, w, "…")
	cw := common.Width(cut)
	if strings.ContainsAny(cut, "\t\n\r") || cw > w {
		b.WriteString(lipgloss.NewStyle().Width(w).MaxWidth(w).Inline(true).Render(cut))
		return
	}
	b.WriteString(cut)
	for range w - cw {
		b.WriteByte(' ')
	}
}

// headerLine is the table's header, as its headersView draws it.
func headerLine(st table.Styles, cols []table.Column) string {
	s := make([]string, 0, len(cols))
	for _, c := range cols {
		if c.Width <= 0 {
			continue
		}
		title := lipgloss.NewStyle().Width(c.Width).MaxWidth(c.Width).Inline(true).Render(runewidth.Truncate(c.Title, c.Width, "…"))
		s = append(s, st.Header.Render(title))
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, s...)
}

// View is the drawn table: the header, the rows, blank lines to its height.
func (d tableDrawing) View() string {
	var b strings.Builder
	b.Grow(len(d.header) + (d.height+1)*(d.width+16))
	b.WriteString(d.header)
	for i := range d.height {
		b.WriteByte('\n')
		if i < len(d.rows) {
			b.WriteString(d.rows[i])
		} else {
			b.WriteString(d.blank)
		}
	}
	return b.String()
}
