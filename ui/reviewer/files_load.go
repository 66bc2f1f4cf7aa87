package reviewer

import (
	"bytes"
	"context"
	"encoding/csv"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/table"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/common"
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
// first row is the header, ragged rows are padded, every cell sanitized and
// cut to one line. A file that does not parse is shown row by row as text.
func csvTable(text string, tsv bool, width, height int, st *styles.Styles) table.Model {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord, r.LazyQuotes = -1, true
	if tsv {
		r.Comma = '\t'
	}
	recs, err := r.ReadAll()
	if err != nil && len(recs) == 0 {
		recs = nil
		for _, l := range strings.Split(text, "\n") {
			recs = append(recs, []string{l})
		}
	}
	if len(recs) == 0 {
		recs = [][]string{{"(empty)"}}
	}
	n := 0
	for _, rec := range recs {
		n = max(n, len(rec))
	}
	clean := func(s string) string {
		return strings.Join(strings.Fields(review.Sanitize(s)), " ")
	}
	widths := make([]int, n)
	cells := make([][]string, len(recs))
	for i, rec := range recs {
		cells[i] = make([]string, n)
		for j := range n {
			if j < len(rec) {
				cells[i][j] = clean(rec[j])
			}
			widths[j] = max(widths[j], ansi.StringWidth(cells[i][j]))
		}
	}
	// Each column gets what it needs up to a fair share of the width (two
	// cells of padding each); what narrow columns leave goes to wide ones.
	avail := max(width-2*n, n)
	share := max(avail/n, 3)
	used := 0
	for j := range widths {
		widths[j] = max(min(widths[j], share), 1)
		used += widths[j]
	}
	for j := range widths {
		if left := avail - used; left > 0 && widths[j] == share {
			want := 0
			for _, row := range cells {
				want = max(want, ansi.StringWidth(row[j]))
			}
			extra := min(left, want-widths[j])
			if extra > 0 {
				widths[j] += extra
				used += extra
			}
		}
	}
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
