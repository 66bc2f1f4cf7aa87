package demo

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"strings"
)

// Office returns a minimal Office Open XML document of kind ".docx" (one
// paragraph per line) or ".xlsx" (one shared string per line): enough for
// the files overlay to read its text, as it reads a teacher's. Its bytes
// depend on kind and lines only.
func Office(kind string, lines []string) []byte {
	esc := func(s string) string {
		var b strings.Builder
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	var body strings.Builder
	parts := map[string]string{"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`}
	if kind == ".xlsx" {
		body.WriteString(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
		for _, l := range lines {
			body.WriteString("<si><t>" + esc(l) + "</t></si>")
		}
		parts["xl/sharedStrings.xml"] = body.String() + "</sst>"
	} else {
		body.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
		for _, l := range lines {
			body.WriteString(`<w:p><w:r><w:t xml:space="preserve">` + esc(l) + "</w:t></w:r></w:p>")
		}
		parts["word/document.xml"] = body.String() + "</w:body></w:document>"
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml", "xl/sharedStrings.xml"} {
		if content, ok := parts[name]; ok {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
			if err != nil {
				panic(err) // writing to memory cannot fail
			}
			w.Write([]byte(content))
		}
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}
