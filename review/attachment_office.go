package review

import (
	"archive/zip"
	"bytes"
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

// officePart is how a part of an Office document is read, if at all.
type officePart int

const (
	partNone  officePart = iota
	partText             // body, headers, footers, notes, comments: all its text
	partMeta             // docProps and lists of authors: on a budget of their own, past the cap
	partSheet            // a worksheet: its inline and formula strings, headers and footers
	partLinks            // relationships: the targets outside the file (links, templates)
)

// officeParts is how the part name is read: text a reader sees, metadata
// that may name its author (docProps: creator, company), or neither. all
// adds what an Office file imported since is read for (Attachment.
// OfficeParts): a workbook's comments and cell strings, who wrote comments
// and changes, and where its links point, as a viewer shows them.
func officeParts(name string, all bool) officePart {
	dir, file := path.Split(name)
	switch {
	case dir == "word/" && strings.HasSuffix(file, ".xml") && (file == "document.xml" || strings.HasPrefix(file, "header") ||
		strings.HasPrefix(file, "footer") || file == "footnotes.xml" || file == "endnotes.xml" || file == "comments.xml"):
		return partText
	case (dir == "ppt/slides/" || dir == "ppt/notesSlides/" || dir == "ppt/comments/") && strings.HasSuffix(file, ".xml"),
		name == "xl/sharedStrings.xml":
		return partText
	case dir == "docProps/" && strings.HasSuffix(file, ".xml"):
		return partMeta
	case !all:
		return partNone
	case strings.HasSuffix(dir, "_rels/") && strings.HasSuffix(file, ".rels"):
		return partLinks
	case !strings.HasSuffix(file, ".xml"):
		return partNone
	case name == "word/people.xml" || name == "ppt/commentAuthors.xml" || name == "ppt/authors.xml" || dir == "xl/persons/":
		return partMeta
	case dir == "xl/" && strings.HasPrefix(file, "comments"), dir == "xl/threadedComments/":
		return partText
	case dir == "xl/worksheets/":
		return partSheet
	}
	return partNone
}

// officeText is the text of an Office Open XML document (docx, pptx,
// xlsx): its body, headers, footers, notes, comments and cell strings, then
// its metadata (the author's name lives there), one paragraph a line; with
// all, also what officeParts adds, and the people attributes name
// (xmlText). A body over maxOfficeXML is read up to it, with a line saying
// the rest was not; the metadata is read all the same, on a budget of its
// own.
func officeText(data []byte, all bool) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrNoText, err)
	}
	type part struct {
		f    *zip.File
		kind officePart
	}
	var parts []part
	for _, f := range zr.File {
		if k := officeParts(f.Name, all); k != partNone {
			parts = append(parts, part{f, k})
		}
	}
	slices.SortStableFunc(parts, func(a, b part) int {
		return strings.Compare(officeOrder(a.f.Name, a.kind), officeOrder(b.f.Name, b.kind))
	})
	var body, meta strings.Builder
	bodyLeft, metaLeft := int64(maxOfficeXML), int64(maxOfficeMeta)
	for _, p := range parts {
		f := p.f
		b, left := &body, &bodyLeft
		if p.kind == partMeta {
			b, left = &meta, &metaLeft
		}
		if *left < 0 {
			continue // over its budget: the rest of its kind is not read
		}
		// A part beside the body (headers, comments, metadata, links,
		// cells, people) that does not read is left out, not the
		// document: its body, redacted, is what keeps the file from
		// reaching a reviewer as submitted.
		beside := !officeBody(f.Name)
		rc, err := f.Open()
		if err != nil && beside {
			fmt.Fprintf(b, "\n[%s could not be read]\n", f.Name)
			continue
		}
		if err != nil {
			return "", fmt.Errorf("%w: %v", ErrNoText, err)
		}
		lr := &io.LimitedReader{R: rc, N: *left + 1}
		err = xmlText(b, lr, maxFileText, p.kind, all)
		rc.Close()
		if errors.Is(err, errTextFull) {
			*left = -1 // capText says the rest was not read
			continue
		}
		if *left = lr.N - 1; *left < 0 {
			fmt.Fprintf(b, "\n[the rest of this document unpacks to over %d MiB and was not read]\n", maxOfficeXML>>20)
			continue
		}
		if err != nil && beside {
			fmt.Fprintf(b, "\n[%s could not be read]\n", f.Name)
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

// officeBody reports whether the part name holds a document's body: the
// text of a Word document, a deck's slides, a workbook's strings.
func officeBody(name string) bool {
	return name == "word/document.xml" || strings.HasPrefix(name, "ppt/slides/") || name == "xl/sharedStrings.xml"
}

// officeOrder sorts a document's parts: numbered parts in number order
// (slide10 after slide9), then where its links point, then its metadata.
func officeOrder(name string, k officePart) string {
	switch k {
	case partMeta:
		return "~" + name
	case partLinks:
		return "}" + name
	}
	base := strings.TrimRight(strings.TrimSuffix(name, ".xml"), "0123456789")
	return base + fmt.Sprintf("%08d", len(name)) + name
}
