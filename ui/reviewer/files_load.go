package reviewer

import (
	"bytes"
	"context"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/table"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/components/evidence"
	"assessor/ui/styles"
)

// pdftotextTimeout bounds the pdftotext fallback: a hostile PDF must not
// hang the screen.
const pdftotextTimeout = 10 * time.Second

// noPDFText is the note for a PDF whose text no extractor could read.
const noPDFText = "this PDF's text could not be extracted"

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
		msg.shown.text, msg.shown.exactPDF, msg.shown.note = fileText(e.att, data)
		if diff && e.prev != nil && msg.shown.note == "" {
			old, err := b.Attachment(reviewer, prevKey, e.prev.Hash)
			if err != nil {
				msg.err = err
				return msg
			}
			var note string
			msg.shown.oldText, _, note = fileText(*e.prev, old)
			if note != "" {
				msg.shown.note = "attempt " + strconv.Itoa(prevKey.Attempt) + "'s version: " + note
			}
		}
		return msg
	}
}

// fileText is the text of a text-like file. A PDF's text comes from
// review.PDFText (exact: the import's leak spans apply to it) or, when that
// fails, from pdftotext if it is installed; otherwise note says why there
// is none.
func fileText(a review.Attachment, data []byte) (text string, exact bool, note string) {
	text, err := review.AttachmentText(a.Type, data)
	switch {
	case err == nil:
		return text, a.Type == review.TypePDF, ""
	case a.Type != review.TypePDF:
		return "", false, "this file holds no text to show"
	}
	if t, err := pdftotext(data); err == nil && strings.TrimSpace(t) != "" {
		return t, false, ""
	}
	return "", false, noPDFText
}

// pdftotext runs poppler's pdftotext on data, if it is on the PATH.
func pdftotext(data []byte) (string, error) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(context.Background(), pdftotextTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-q", "-enc", "UTF-8", "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		return "", err
	}
	return strings.ToValidUTF8(string(out), "\ufffd"), nil
}

// csvTable lays a CSV (or TSV) file out as a table of width×height: the
// first row is the header (evidence.ParseCSV pads, sanitizes and cuts the
// cells), and the columns share the width (two cells of padding each).
func csvTable(text string, tsv bool, width, height int, st *styles.Styles) table.Model {
	cells := evidence.ParseCSV(text, tsv)
	n := len(cells[0])
	want := make([]int, n)
	for _, row := range cells {
		for j, c := range row {
			want[j] = max(want[j], ansi.StringWidth(c))
		}
	}
	widths := evidence.FitWidths(want, width-2*n)
	cols := make([]table.Column, n)
	for j := range cols {
		cols[j] = table.Column{Title: cells[0][j], Width: widths[j]}
	}
	rows := make([]table.Row, 0, len(cells)-1)
	for _, c := range cells[1:] {
		rows = append(rows, table.Row(c))
	}
	return table.New(table.WithColumns(cols), table.WithRows(rows), table.WithFocused(true),
		table.WithHeight(max(height, 2)), table.WithWidth(width), table.WithStyles(st.Table))
}
