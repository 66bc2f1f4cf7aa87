package review

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"
)

// officeFile zips parts (name → content) as an Office document.
func officeFile(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestOfficeText: the text of a Word, PowerPoint or Excel file is read as
// a reader sees it (a word split over runs is one word) with the author
// its metadata names, so the redactor and the leak scan read them too.
func TestOfficeText(t *testing.T) {
	docx := officeFile(t, map[string]string{
		"[Content_Types].xml": `<Types/>`,
		"word/document.xml": `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Lesson by Mari</w:t></w:r><w:r><w:t>sol</w:t></w:r></w:p>` +
			`<w:p><w:r><w:t xml:space="preserve">Second </w:t></w:r><w:r><w:t>line</w:t></w:r></w:p></w:body></w:document>`,
		"word/footer1.xml":   `<w:ftr xmlns:w="w"><w:p><w:r><w:t>Quintanilla, Hilo</w:t></w:r></w:p></w:ftr>`,
		"word/styles.xml":    `<w:styles xmlns:w="w"><w:t>not text a reader sees</w:t></w:styles>`,
		"docProps/core.xml":  `<cp:coreProperties xmlns:cp="cp" xmlns:dc="dc"><dc:creator>Marisol Quintanilla</dc:creator><cp:revision>3</cp:revision></cp:coreProperties>`,
		"docProps/app.xml":   `<Properties><Company>Hilo Complex Area</Company></Properties>`,
		"word/media/a.png":   "\x89PNG",
		"word/_rels/x.rels":  `<Relationships/>`,
		"customXml/item.xml": `<x>ignored</x>`,
	})
	got, err := AttachmentText(FileType("plan.docx"), docx)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Lesson by Marisol\n", "Second line\n", "Quintanilla, Hilo\n", "Marisol Quintanilla\n", "Hilo Complex Area\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("docx text %q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "not text a reader sees") || strings.Index(got, "Lesson") > strings.Index(got, "Marisol Quintanilla") {
		t.Errorf("docx text %q: styles read, or metadata before the body", got)
	}

	pptx := officeFile(t, map[string]string{
		"ppt/slides/slide10.xml": `<p:sld xmlns:a="a" xmlns:p="p"><a:p><a:r><a:t>ten</a:t></a:r></a:p></p:sld>`,
		"ppt/slides/slide9.xml":  `<p:sld xmlns:a="a" xmlns:p="p"><a:p><a:r><a:t>nine</a:t></a:r></a:p></p:sld>`,
	})
	if got, err := AttachmentText(FileType("talk.pptx"), pptx); err != nil || got != "nine\nten\n" {
		t.Errorf("pptx text %q, %v", got, err)
	}
	xlsx := officeFile(t, map[string]string{"xl/sharedStrings.xml": `<sst><si><t>Name</t></si><si><t>Marisol</t></si></sst>`})
	if got, err := AttachmentText(FileType("grades.xlsx"), xlsx); err != nil || got != "Name\nMarisol\n" {
		t.Errorf("xlsx text %q, %v", got, err)
	}

	// A body that unpacks past the bound is read up to it; its author still is.
	bomb := officeFile(t, map[string]string{
		"word/document.xml": "<w:p><w:t>Lesson one</w:t></w:p><w:p><w:t>" + strings.Repeat(" ", maxOfficeXML) + "</w:t></w:p>",
		"docProps/core.xml": "<cp:coreProperties><dc:creator>Marisol Quintanilla</dc:creator></cp:coreProperties>",
	})
	if got, err := AttachmentText(TypeDOCX, bomb); err != nil || !strings.HasPrefix(got, "Lesson one") ||
		!strings.Contains(got, "was not read]") || !strings.HasSuffix(got, "Marisol Quintanilla\n") {
		t.Errorf("a body over the bound: %q…%q, %v", got[:min(len(got), 40)], got[max(len(got)-120, 0):], err)
	}
	for name, data := range map[string][]byte{"not a zip": []byte("PK no"), "empty": officeFile(t, nil)} {
		if _, err := AttachmentText(TypeDOCX, data); !errors.Is(err, ErrNoText) {
			t.Errorf("%s: %v, want ErrNoText", name, err)
		}
	}
	if !TextLike(FileType("a.docx")) || TextLike(FileType("a.doc")) {
		t.Error("TextLike: docx reads, doc does not")
	}
}
