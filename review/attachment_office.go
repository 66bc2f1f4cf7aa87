package review

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
)

// Media types of the Office Open XML documents whose text is read.
const (
	TypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	TypePPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
	TypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// maxOfficeXML bounds the XML an Office document may unpack to, in all: a
// small zip can hold gigabytes of it.
const maxOfficeXML = 32 << 20

// maxOfficeMeta bounds its metadata (docProps) the same way, apart, so a
// body over its bound still has its author read.
const maxOfficeMeta = 1 << 20

// officeParts reports whether a document's part holds text a reader sees
// or metadata that may name its author (docProps: creator, company).
func officeParts(name string) bool {
	dir, file := path.Split(name)
	switch dir {
	case "word/":
		return strings.HasSuffix(file, ".xml") && (file == "document.xml" || strings.HasPrefix(file, "header") ||
			strings.HasPrefix(file, "footer") || file == "footnotes.xml" || file == "endnotes.xml" || file == "comments.xml")
	case "ppt/slides/", "ppt/notesSlides/", "ppt/comments/", "docProps/":
		return strings.HasSuffix(file, ".xml")
	}
	return name == "xl/sharedStrings.xml"
}

// officeText is the text of an Office Open XML document (docx, pptx,
// xlsx): its body, headers, footers, notes, comments and cell strings, then
// its metadata (the author's name lives there), one paragraph a line. A
// body over maxOfficeXML is read up to it, with a line saying the rest was
// not; the metadata is read all the same, on a budget of its own.
func officeText(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrNoText, err)
	}
	var files []*zip.File
	for _, f := range zr.File {
		if officeParts(f.Name) {
			files = append(files, f)
		}
	}
	slices.SortStableFunc(files, func(a, b *zip.File) int {
		return strings.Compare(officeOrder(a.Name), officeOrder(b.Name))
	})
	var body, meta strings.Builder
	bodyLeft, metaLeft := int64(maxOfficeXML), int64(maxOfficeMeta)
	for _, f := range files {
		b, left := &body, &bodyLeft
		if strings.HasPrefix(f.Name, "docProps/") {
			b, left = &meta, &metaLeft
		}
		if *left < 0 {
			continue // over its budget: the rest of its kind is not read
		}
		rc, err := f.Open()
		if err != nil {
			return "", fmt.Errorf("%w: %v", ErrNoText, err)
		}
		lr := &io.LimitedReader{R: rc, N: *left + 1}
		err = xmlText(b, lr, maxFileText)
		rc.Close()
		if errors.Is(err, errTextFull) {
			*left = -1 // capText says the rest was not read
			continue
		}
		if *left = lr.N - 1; *left < 0 {
			fmt.Fprintf(b, "\n[the rest of this document unpacks to over %d MiB and was not read]\n", maxOfficeXML>>20)
			continue
		}
		if err != nil {
			return "", fmt.Errorf("%w: %s: %v", ErrNoText, f.Name, err)
		}
	}
	text := capText(body.String()) + meta.String() // the author is read past the cap
	if strings.TrimSpace(text) == "" {
		return "", ErrNoText
	}
	return text, nil
}

// errTextFull stops xmlText once it holds more text than will be read.
var errTextFull = errors.New("text past the bound")

// officeOrder sorts a document's parts: metadata (docProps) last, numbered
// parts in number order (slide10 after slide9).
func officeOrder(name string) string {
	if strings.HasPrefix(name, "docProps/") {
		return "~" + name
	}
	base := strings.TrimRight(strings.TrimSuffix(name, ".xml"), "0123456789")
	return base + fmt.Sprintf("%08d", len(name)) + name
}

// xmlText appends the text of one XML part to b: the runs of a paragraph
// (elements named t, as Word, PowerPoint and Excel name them) joined as
// they are, since a word is often split over runs ("Mari" "sol"), with a
// line end at each paragraph (p) or cell string (si); any other element's
// text (metadata: dc:creator, Company) on a line of its own.
func xmlText(b *strings.Builder, r io.Reader, max int) error {
	d := xml.NewDecoder(r)
	d.Strict = false
	inRun, open := false, false // open: b's last line holds runs not yet ended
	endLine := func() {
		if open {
			b.WriteByte('\n')
			open = false
		}
	}
	for {
		if b.Len() > max {
			return errTextFull // no need to parse what will not be read
		}
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			endLine()
			return nil
		}
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inRun = tok.Name.Local == "t"
		case xml.CharData:
			if inRun {
				b.Write(tok)
				open = open || len(tok) > 0
			} else if text := strings.TrimSpace(string(tok)); text != "" {
				endLine()
				b.WriteString(text + "\n")
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "t":
				inRun = false
			case "p", "si":
				endLine()
			}
		}
	}
}
