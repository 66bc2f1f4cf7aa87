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

// TestOfficeTextReadsWhatNamesPeople: the parts and attributes a viewer
// shows besides the body are read too: who wrote a Word comment or a
// tracked change, where a link points, a presentation's comment authors, a
// workbook's comments, inline and formula strings and printed header, so
// a name there is redacted or flagged like any other text. A file stored
// before they were read (OfficeParts unset) is read as it was.
func TestOfficeTextReadsWhatNamesPeople(t *testing.T) {
	docx := officeFile(t, map[string]string{
		"word/document.xml": `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Lesson by Mari</w:t></w:r>` +
			`<w:ins w:id="1" w:author="Dana Ruiz"><w:r><w:t>sol</w:t></w:r></w:ins><w:del w:author="Dana Ruiz"><w:r><w:delText>x</w:delText></w:r></w:del></w:p>` +
			`<w:p><w:drawing><wp:docPr xmlns:wp="wp" id="1" name="Picture 1" descr="Photo of Keoni Mahoe"/></w:drawing></w:p></w:body></w:document>`,
		"word/comments.xml":            `<w:comments xmlns:w="w"><w:comment w:id="0" w:author="Lani Kealoha" w:initials="LK"><w:p><w:r><w:t>check this</w:t></w:r></w:p></w:comment></w:comments>`,
		"word/people.xml":              `<w15:people xmlns:w15="w15"><w15:person w15:author="Lani Kealoha"><w15:presenceInfo w15:providerId="AD" w15:userId="lani@hilo.example"/></w15:person></w15:people>`,
		"word/_rels/document.xml.rels": `<Relationships><Relationship Id="rId1" Type="image" Target="media/image1.png"/><Relationship Id="rId5" Type="hyperlink" Target="https://hilo.example/staff/Dana%20Ruiz" TargetMode="External"/></Relationships>`,
		"word/_rels/settings.xml.rels": `<Relationships><Relationship Id="rId1" Type="attachedTemplate" Target="file:///C:/Users/druiz/Normal.dotm" TargetMode="External"/></Relationships>`,
		"docProps/core.xml":            `<cp:coreProperties xmlns:cp="cp" xmlns:dc="dc"><dc:creator>Marisol Quintanilla</dc:creator></cp:coreProperties>`,
	})
	got, err := AttachmentText(TypeDOCX, docx)
	want := "check this\nLani Kealoha\n" + // comments, then who wrote them
		"Lesson by Marisol\nx\nDana Ruiz\nPhoto of Keoni Mahoe\n" + // the body, then who changed it and its alt text
		"https://hilo.example/staff/Dana%20Ruiz\nfile:///C:/Users/druiz/Normal.dotm\n" + // links out, not media/image1.png
		"Marisol Quintanilla\nLani Kealoha\nlani@hilo.example\n" // metadata, then people.xml
	if err != nil || got != want {
		t.Errorf("docx text %q, %v\nwant %q", got, err, want)
	}
	old, err := FileText(Attachment{Type: TypeDOCX}, docx)
	if err != nil || old != "check this\nLesson by Marisol\nx\nMarisol Quintanilla\n" {
		t.Errorf("docx stored before: %q, %v", old, err)
	}
	if !NewAttachment("plan.docx", docx).OfficeParts || NewAttachment("plan.pdf", []byte("%PDF-")).OfficeParts {
		t.Error("NewAttachment: an Office file is read with its authors, a PDF is no Office file")
	}

	pptx := officeFile(t, map[string]string{
		"ppt/slides/slide1.xml":  `<p:sld xmlns:a="a" xmlns:p="p"><a:p><a:r><a:t>Goals</a:t></a:r></a:p></p:sld>`,
		"ppt/comments/comm1.xml": `<p:cmLst xmlns:p="p"><p:cm authorId="0"><p:text>tighten this</p:text></p:cm></p:cmLst>`,
		"ppt/commentAuthors.xml": `<p:cmAuthorLst xmlns:p="p"><p:cmAuthor id="0" name="Dana Ruiz" initials="DR"/></p:cmAuthorLst>`,
		"ppt/authors.xml":        `<p188:authorLst xmlns:p188="p188"><p188:author id="{1}" name="Lani Kealoha" initials="LK" userId="lani@hilo.example" providerId="AD"/></p188:authorLst>`,
	})
	if got, err := AttachmentText(TypePPTX, pptx); err != nil || got != "tighten this\nGoals\nLani Kealoha\nlani@hilo.example\nDana Ruiz\n" {
		t.Errorf("pptx text %q, %v", got, err)
	}

	xlsx := officeFile(t, map[string]string{
		"xl/sharedStrings.xml": `<sst><si><t>Score</t></si></sst>`,
		"xl/comments1.xml": `<comments><authors><author>Dana Ruiz</author></authors><commentList>` +
			`<comment ref="A1" authorId="0"><text><r><t>recheck</t></r></text></comment><comment ref="B1" authorId="0"><text><r><t>and this</t></r></text></comment></commentList></comments>`,
		"xl/threadedComments/threadedComment1.xml": `<ThreadedComments><threadedComment ref="A1" personId="{1}"><text>see me</text></threadedComment></ThreadedComments>`,
		"xl/persons/person.xml":                    `<personList><person displayName="Lani Kealoha" id="{1}" userId="lani@hilo.example" providerId="AD"/></personList>`,
		"xl/worksheets/sheet1.xml": `<worksheet><sheetData><row><c r="A1" t="s"><v>0</v></c><c r="B1"><v>8085550199</v></c>` +
			`<c r="C1" t="inlineStr"><is><r><t>Prepared by Mari</t></r><r><t>sol</t></r></is></c><c r="D1" t="str"><f>CONCAT("Dana ","Ruiz")</f><v>Dana Ruiz</v></c>` +
			`<c r="E1"><f>SUM(B1:B2)</f><v>12</v></c></row></sheetData>` +
			`<headerFooter><oddHeader>&amp;L&amp;"Arial,Bold"&amp;12Hilo &amp;&amp; Da&amp;Bna Ruiz&amp;RPage &amp;P</oddHeader></headerFooter></worksheet>`,
	})
	want = "Dana Ruiz\nrecheck\nand this\nScore\nsee me\n" + // comments, shared strings, threaded comments
		"Prepared by Marisol\nDana Ruiz\nHilo & Dana Ruiz\nPage\n" + // strings, not numbers or formulas, and the header
		"Lani Kealoha\nlani@hilo.example\n"
	if got, err := AttachmentText(TypeXLSX, xlsx); err != nil || got != want {
		t.Errorf("xlsx text %q, %v\nwant %q", got, err, want)
	}
	if got, err := FileText(Attachment{Type: TypeXLSX}, xlsx); err != nil || got != "Score\n" {
		t.Errorf("xlsx stored before: %q, %v", got, err)
	}
}
