package review

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/ledongthuc/pdf"
)

// A PDF is untrusted: a small file can hold a content stream that inflates
// to gigabytes, or thousands of pages, and the PDF reader decodes a page's
// content whole and finds each page by walking the page tree from its root.
// So its pages are listed in one walk, each page's content is measured as
// it inflates before the reader decodes it, and reading stops at a bound,
// saying so in the text, as an Office document's does.
const (
	maxPDFContent = 32 << 20 // inflated content bytes read, all pages
	maxPDFPages   = 5000     // pages read
	maxPDFDepth   = 32       // page tree levels followed
)

// pdfText is the plain text of a PDF's pages, each as read gives it, in
// page order, up to the bounds above.
func pdfText(r *pdf.Reader, read func(pdf.Page) (string, error)) (string, error) {
	pages := pdfPages(r.Trailer().Key("Root").Key("Pages"), 0, nil)
	var b strings.Builder
	left := int64(maxPDFContent)
	for i, p := range pages {
		if i == maxPDFPages {
			fmt.Fprintf(&b, "\n[the pages after page %d were not read]\n", maxPDFPages)
			break
		}
		n, err := contentSize(p.V.Key("Contents"), left+1)
		if err != nil {
			return "", err
		}
		if left -= n; left < 0 {
			fmt.Fprintf(&b, "\n[the rest of this PDF, from page %d, inflates to over %d MiB and was not read]\n", i+1, maxPDFContent>>20)
			break
		}
		text, err := read(p)
		if err != nil {
			return "", err
		}
		b.WriteString(text)
	}
	return b.String(), nil
}

// pdfMeta is a PDF's metadata: its document information ("Author: …",
// one entry a line, in key order) and the text of its XMP metadata, up to
// maxOfficeMeta bytes. A viewer shows the title, and the author is often
// the candidate, so it is scanned and redacted with the pages.
func pdfMeta(r *pdf.Reader) string {
	var b strings.Builder
	info := r.Trailer().Key("Info")
	for _, k := range info.Keys() {
		if b.Len() > maxOfficeMeta {
			break
		}
		if v := info.Key(k); v.Kind() == pdf.String {
			if text := strings.TrimSpace(v.Text()); text != "" {
				fmt.Fprintf(&b, "%s: %s\n", k, text)
			}
		}
	}
	if xmp := r.Trailer().Key("Root").Key("Metadata"); xmp.Kind() == pdf.Stream && b.Len() <= maxOfficeMeta {
		rc := xmp.Reader()
		defer rc.Close()
		xmpText(&b, io.LimitReader(rc, maxOfficeMeta+1), maxOfficeMeta)
	}
	return b.String()
}

// xmpText writes the values of XMP metadata to b, one a line, up to max
// bytes: element text, and attribute values, since RDF may give a property
// as an attribute (xmp:CreatorTool="…", pdf:Author="…") as well as an
// element. Namespace declarations and rdf:about are not values. Metadata
// that is not XML is read as far as it goes.
func xmpText(b *strings.Builder, r io.Reader, max int) {
	d := xml.NewDecoder(r)
	d.Strict = false
	for b.Len() <= max {
		tok, err := d.Token()
		if err != nil {
			return
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			for _, a := range tok.Attr {
				if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" || a.Name.Local == "about" {
					continue
				}
				if v := strings.TrimSpace(a.Value); v != "" {
					b.WriteString(v + "\n")
				}
			}
		case xml.CharData:
			if v := strings.TrimSpace(string(tok)); v != "" {
				b.WriteString(v + "\n")
			}
		}
	}
}

// pdfPages lists the pages under node, a page tree node, in order: at most
// maxPDFPages+1 of them (one more tells there are more) and maxPDFDepth
// levels down, so a tree whose kids lead back up ends.
func pdfPages(node pdf.Value, depth int, out []pdf.Page) []pdf.Page {
	switch node.Key("Type").Name() {
	case "Page":
		return append(out, pdf.Page{V: node})
	case "Pages":
		if depth == maxPDFDepth {
			return out
		}
		kids := node.Key("Kids")
		for i := 0; i < kids.Len() && len(out) <= maxPDFPages; i++ {
			out = pdfPages(kids.Index(i), depth+1, out)
		}
	}
	return out
}

// contentSize is how many bytes a page's content (a stream or an array of
// them) inflates to, counting no further than limit.
func contentSize(v pdf.Value, limit int64) (int64, error) {
	switch v.Kind() {
	case pdf.Stream:
		rc := v.Reader()
		defer rc.Close()
		return io.Copy(io.Discard, io.LimitReader(rc, limit))
	case pdf.Array:
		var total int64
		for i := 0; i < v.Len() && total < limit; i++ {
			n, err := contentSize(v.Index(i), limit-total)
			if err != nil {
				return 0, err
			}
			total += n
		}
		return total, nil
	}
	return 0, nil
}
