// How commands print tables: columns aligned two spaces apart, and free
// text made safe for one cell.

package cli

import (
	"bytes"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
	"golang.org/x/text/unicode/norm"

	"assessor/review"
)

// newTable is the table every listing prints through: tab-separated
// cells, left-aligned, at least two spaces between columns. Flush it.
func newTable(w io.Writer) *table { return newTableFlags(w, 0) }

// newTableFlags is newTable with tabwriter's flags (AlignRight).
func newTableFlags(w io.Writer, flags uint) *table {
	return &table{Writer: tabwriter.NewWriter(dropFiller{w}, 0, 4, 2, ' ', flags)}
}

// table is a tabwriter that measures cells as a terminal draws them.
// tabwriter counts a rune a column, but a wide character (読) takes two,
// so a row with a CJK stack or title stood its cells right of the rest:
// each wide character reaches the tabwriter followed by a filler rune,
// which the writer under it drops.
type table struct {
	*tabwriter.Writer
	buf []byte
}

// filler is the rune counted for a wide character's second column: a
// noncharacter, which no text means.
const filler = '\uFDD0'

var fillerBytes = []byte(string(filler))

// Write passes p on as withFillers makes it.
func (t *table) Write(p []byte) (int, error) {
	t.buf = withFillers(t.buf[:0], p)
	if _, err := t.Writer.Write(t.buf); err != nil {
		return 0, err
	}
	return len(p), nil
}

// withFillers appends p to dst composed (NFC), with a filler after each
// wide character. An accent typed as its own mark (E and U+0301, as a
// copy from macOS may give) takes no column on screen but one in
// tabwriter's count, and most compose with their letter into one.
// (NFC gives ASCII back as it is, uncopied.)
func withFillers(dst, p []byte) []byte {
	q := norm.NFC.Bytes(p)
	for i := 0; i < len(q); {
		r, n := utf8.DecodeRune(q[i:])
		dst = append(dst, q[i:i+n]...)
		if wide(r) {
			dst = utf8.AppendRune(dst, filler)
		}
		i += n
	}
	return dst
}

// cellWidth is the columns a table counts for s: a rune's one, and a
// second for a wide character's filler.
func cellWidth(s string) int { return utf8.RuneCount(withFillers(nil, []byte(s))) }

// wide reports whether a terminal draws r in two columns.
func wide(r rune) bool { return r >= utf8.RuneSelf && runewidth.RuneWidth(r) == 2 }

// dropFiller writes what a table's tabwriter wrote, without the fillers.
type dropFiller struct{ w io.Writer }

func (d dropFiller) Write(p []byte) (int, error) {
	if !bytes.Contains(p, fillerBytes) {
		return d.w.Write(p)
	}
	if _, err := d.w.Write(bytes.ReplaceAll(p, fillerBytes, nil)); err != nil {
		return 0, err
	}
	return len(p), nil // tabwriter counts what it gave
}

// cellText makes stored free text safe for one table cell: no terminal
// controls, no line breaks, no tabs to break the columns.
func cellText(s string) string {
	return review.Sanitize(strings.Join(strings.Fields(s), " "))
}
