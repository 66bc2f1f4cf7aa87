// How commands print tables: columns aligned two spaces apart, and free
// text made safe for one cell.

package cli

import (
	"bytes"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/text/unicode/norm"

	"assessor/review"
)

// newTable is the table every listing prints through: tab-separated
// cells, left-aligned, at least two spaces between columns. Flush it.
func newTable(w io.Writer) *table { return newTableFlags(w, 0) }

// newTableFlags is newTable with tabwriter's flags (AlignRight).
func newTableFlags(w io.Writer, flags uint) *table {
	return &table{Writer: tabwriter.NewWriter(&dropFiller{w: w}, 0, 4, 2, ' ', flags|tabwriter.FilterHTML)}
}

// table is a tabwriter that measures cells as a terminal draws them.
// tabwriter counts a rune a column, but a terminal draws a character and
// the marks on it (e and U+0301, Thai ที่, Hindi में) in one column, and a
// wide one (読) in two, so such rows stood their cells left or right of the
// rest. Each character reaches the tabwriter as its first rune, then the
// rest of it inside a tag (FilterHTML counts a tag as no column), then a
// filler rune for each column past the first; the writer under it drops
// the tags and fillers. The text's own < and & are passed as stand-ins,
// so FilterHTML reads no tag or entity of the text.
type table struct {
	*tabwriter.Writer
	buf []byte
}

// Stand-ins for what the tabwriter must not see as written: noncharacters,
// which no text means (the text's own print as U+FFFD).
const (
	filler  = '\uFDD0' // a wide character's second column
	textLT  = '\uFDD1' // the text's <, which FilterHTML would read as a tag
	textAmp = '\uFDD2' // the text's &, which FilterHTML would read as an entity

	standIns = string(filler) + string(textLT) + string(textAmp)
)

// Write passes p on as withFillers makes it.
func (t *table) Write(p []byte) (int, error) {
	t.buf = withFillers(t.buf[:0], p)
	if _, err := t.Writer.Write(t.buf); err != nil {
		return 0, err
	}
	return len(p), nil
}

// withFillers appends p to dst as the tabwriter is to count it: a rune
// for each column a character takes, as the screens measure it
// (ansi.StringWidth: an ASCII byte a column, anything else a grapheme
// cluster at a time), its other runes hidden in a tag. The text is
// composed (NFC) first, so an accent typed as its own mark prints as one
// character, as it always has (and `grep École` finds it).
func withFillers(dst, p []byte) []byte {
	p = norm.NFC.Bytes(p)
	if bytes.ContainsAny(p, standIns) {
		// A stand-in in the text would print as what it stands for,
		// wherever in a character it is.
		p = bytes.Map(func(r rune) rune {
			if strings.ContainsRune(standIns, r) {
				return utf8.RuneError
			}
			return r
		}, p)
	}
	for len(p) > 0 {
		switch p[0] {
		case '<':
			dst, p = utf8.AppendRune(dst, textLT), p[1:]
			continue
		case '&':
			dst, p = utf8.AppendRune(dst, textAmp), p[1:]
			continue
		}
		if p[0] < utf8.RuneSelf {
			dst, p = append(dst, p[0]), p[1:]
			continue
		}
		c, width := ansi.FirstGraphemeCluster(p, ansi.GraphemeWidth)
		p = p[len(c):]
		_, n := utf8.DecodeRune(c)
		if width == 0 {
			n = 0 // all of it in the tag
		}
		dst = append(dst, c[:n]...)
		if n < len(c) {
			dst = append(dst, '<')
			dst = append(dst, c[n:]...)
			dst = append(dst, '>')
		}
		for range width - 1 {
			dst = utf8.AppendRune(dst, filler)
		}
	}
	return dst
}

// cellWidth is the columns a table counts for s: the columns a terminal
// draws it in.
func cellWidth(s string) int { return ansi.StringWidth(s) }

// dropFiller writes what a table's tabwriter wrote without the tags and
// fillers, and with the text's < and & back.
type dropFiller struct {
	w     io.Writer
	out   []byte
	inTag bool
}

func (d *dropFiller) Write(p []byte) (int, error) {
	if !d.inTag && !bytes.ContainsAny(p, "<"+standIns) {
		return d.w.Write(p)
	}
	d.out = d.out[:0]
	for rest := p; len(rest) > 0; {
		r, n := utf8.DecodeRune(rest)
		switch {
		case r == '<' && !d.inTag, r == '>' && d.inTag:
			d.inTag = !d.inTag
		case r == filler:
		case r == textLT:
			d.out = append(d.out, '<')
		case r == textAmp:
			d.out = append(d.out, '&')
		default:
			d.out = append(d.out, rest[:n]...)
		}
		rest = rest[n:]
	}
	if _, err := d.w.Write(d.out); err != nil {
		return 0, err
	}
	return len(p), nil // tabwriter counts what it gave
}

// cellText makes stored free text safe for one table cell: no terminal
// controls, no line breaks, no tabs to break the columns.
func cellText(s string) string {
	return review.Sanitize(strings.Join(strings.Fields(s), " "))
}
