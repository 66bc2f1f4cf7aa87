// How commands write CSV: RFC 4180 through encoding/csv, with no cell a
// spreadsheet would run.

package cli

import (
	"encoding/csv"
	"io"
	"regexp"
	"strings"
)

// csvWriter is encoding/csv's writer whose cells are inert: a lead opens
// the report in a spreadsheet, and a candidate's district or a program's
// own attribute (--fairness), a rubric's title or a reviewer id would
// otherwise reach it as a formula (=HYPERLINK(…), @SUM(…)).
type csvWriter struct{ *csv.Writer }

func newCSVWriter(w io.Writer) csvWriter { return csvWriter{csv.NewWriter(w)} }

// Write writes rec with each cell made inert (inertCell).
func (c csvWriter) Write(rec []string) error {
	cells := make([]string, len(rec))
	for i, v := range rec {
		cells[i] = inertCell(v)
	}
	return c.Writer.Write(cells)
}

// number is a cell a spreadsheet reads as a number, sign and all.
var number = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

// inertCell is v, or v after a ' when a spreadsheet would read it as a
// formula: it starts with =, +, -, @, a tab or a CR (OWASP's list) and is
// not a number. The ' is the spreadsheets' own mark for text.
func inertCell(v string) string {
	if v == "" || !strings.ContainsRune("=+-@\t\r", rune(v[0])) || number.MatchString(v) {
		return v
	}
	return "'" + v
}
