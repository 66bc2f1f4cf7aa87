package reviewer

import (
	"fmt"
	"strconv"

	"github.com/charmbracelet/bubbles/table"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/components/evidence"
	"assessor/ui/styles"
)

// noPDFText is the note for a PDF whose text could not be read.
const noPDFText = "this PDF's text could not be read (a scan, or a damaged file), so it was not checked for identifying details"

// loadAttachment fetches a file's bytes (and, for a diff, attempt n−1's
// version) and extracts its text, all off the event loop.
func loadAttachment(c *common.Common, key, prevKey review.AttemptKey, e fileEntry, diff bool) tea.Cmd {
	b, reviewer := c.Backend, c.Reviewer
	return func() tea.Msg {
		msg := attachmentLoadedMsg{key: key, hash: e.att.Hash, shown: shownFile{entry: e, diff: diff}}
		data, err := b.Attachment(reviewer, key, e.att.Hash)
		if err != nil {
			msg.err = err
			return msg
		}
		msg.shown.text, msg.shown.note = fileText(e.att, data)
		if diff && e.prev != nil && msg.shown.note == "" {
			old, err := b.Attachment(reviewer, prevKey, e.prev.Hash)
			if err != nil {
				msg.err = err
				return msg
			}
			var note string
			msg.shown.oldText, note = fileText(*e.prev, old)
			if note != "" {
				msg.shown.note = "attempt " + strconv.Itoa(prevKey.Attempt) + "'s version: " + note
			}
		}
		return msg
	}
}

// fileText is the text of a text-like file as review.AttachmentText reads
// it: the text the import redacted and scanned, so its leak spans apply. A
// PDF it cannot read (a scan, a damaged file) shows no text: another
// reader's would be text no redaction or leak scan has seen.
func fileText(a review.Attachment, data []byte) (text, note string) {
	if a.Unread {
		return "", fmt.Sprintf("this file's text was not read: the attempt's files came to over %d MiB of text before it, so it was not checked for identifying details", review.MaxAttemptFileText>>20)
	}
	text, err := review.FileText(a, data)
	switch {
	case err == nil:
		return text, ""
	case a.Type == review.TypePDF:
		return "", noPDFText
	}
	return "", "this file holds no text to show"
}

// csvTable lays a CSV (or TSV) file out as a table of width×height: the
// first row is the header (evidence.ParseCSV sanitizes and cuts the
// cells), and the columns share the width (two cells of padding each).
// Rows stay as short as ParseCSV kept them; markRow pads those drawn.
func csvTable(c evidence.CSVTable, width, height int, st *styles.Styles) table.Model {
	n := c.Cols
	want := make([]int, n)
	for _, row := range c.Rows {
		for j, cell := range row {
			want[j] = max(want[j], ansi.StringWidth(cell))
		}
	}
	// A first column of one cell holds the ▸ of the selected row, as
	// every list has, for a terminal that shows no reverse video.
	widths := evidence.FitWidths(want, width-2*n-3)
	cols := make([]table.Column, n+1)
	cols[0].Width = 1
	for j := range n {
		cols[j+1] = table.Column{Title: c.Cell(0, j), Width: widths[j]}
	}
	rows := make([]table.Row, 0, len(c.Rows)-1)
	for _, r := range c.Rows[1:] {
		rows = append(rows, append(table.Row{""}, r...))
	}
	t := table.New(table.WithColumns(cols), table.WithRows(rows), table.WithFocused(true),
		table.WithHeight(max(height, 2)), table.WithWidth(width), table.WithStyles(st.Table))
	markRow(&t, -1)
	return t
}

// markRow moves the table's ▸ from row was (-1: none) to its cursor's, and
// pads the rows the table draws (a screen either side of the cursor) to
// every column, so a short row is drawn, and highlighted, full width.
// Padding only those keeps an uneven file's cost that of its size, not of
// its rows times its widest row.
func markRow(t *table.Model, was int) {
	now := t.Cursor()
	if now == was {
		return
	}
	rows, n := t.Rows(), len(t.Columns())
	if was >= 0 && was < len(rows) {
		rows[was][0] = ""
	}
	for i := max(now-t.Height()-1, 0); i < min(now+t.Height()+1, len(rows)); i++ {
		if len(rows[i]) < n {
			rows[i] = append(rows[i], make(table.Row, n-len(rows[i]))...)
		}
	}
	if now >= 0 && now < len(rows) {
		rows[now][0] = "▸"
	}
	t.SetRows(rows)
}
