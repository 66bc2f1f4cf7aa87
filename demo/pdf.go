package demo

import (
	"bytes"
	"strconv"
	"strings"
)

// PDF writes a one-page PDF 1.4 document (US Letter) showing lines in
// 11-point Helvetica, one per line from the top, as many as fit. It is the
// smallest document common readers accept: a catalog, a page tree, one page,
// its content stream and the standard Helvetica font, with a cross-reference
// table of exact byte offsets. Characters outside printable ASCII become
// '?': the font's built-in encoding covers no more without embedding.
func PDF(lines []string) []byte {
	var content bytes.Buffer
	content.WriteString("BT\n/F1 11 Tf\n14 TL\n72 740 Td\n")
	for i, l := range lines {
		if i >= 48 { // the page is full
			break
		}
		if i > 0 {
			content.WriteString("T*\n")
		}
		content.WriteString("(" + pdfString(l) + ") Tj\n")
	}
	content.WriteString("ET\n")

	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		"<< /Length " + strconv.Itoa(content.Len()) + " >>\nstream\n" + content.String() + "endstream",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	var b bytes.Buffer
	// The comment's high bytes mark the file as binary for transfer tools.
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		b.WriteString(strconv.Itoa(i+1) + " 0 obj\n" + o + "\nendobj\n")
	}
	xref := b.Len()
	b.WriteString("xref\n0 " + strconv.Itoa(len(objects)+1) + "\n")
	// Each entry is exactly 20 bytes, its end of line included.
	b.WriteString("0000000000 65535 f \n")
	for _, off := range offsets {
		b.WriteString(pad10(off) + " 00000 n \n")
	}
	b.WriteString("trailer\n<< /Size " + strconv.Itoa(len(objects)+1) + " /Root 1 0 R >>\n")
	b.WriteString("startxref\n" + strconv.Itoa(xref) + "\n%%EOF\n")
	return b.Bytes()
}

// pdfString escapes s for a PDF literal string.
func pdfString(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

func pad10(n int) string {
	s := strconv.Itoa(n)
	return strings.Repeat("0", 10-len(s)) + s
}
