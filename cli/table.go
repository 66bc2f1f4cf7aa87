// How commands print tables: columns aligned two spaces apart, and free
// text made safe for one cell.

package cli

import (
	"io"
	"strings"
	"text/tabwriter"

	"assessor/review"
)

// newTable is the tabwriter every listing prints through: tab-separated
// cells, left-aligned, at least two spaces between columns. Flush it.
func newTable(w io.Writer) *tabwriter.Writer {
	return tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
}

// cellText makes stored free text safe for one table cell: no terminal
// controls, no line breaks, no tabs to break the columns.
func cellText(s string) string {
	return review.Sanitize(strings.Join(strings.Fields(s), " "))
}
