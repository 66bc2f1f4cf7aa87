package store

import (
	"archive/zip"
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"

	"assessor/review"
)

// officeZip zips parts (name → content) as an Office document.
func officeZip(t *testing.T, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range parts {
		w, err := zw.Create(name)
		if err == nil {
			_, err = w.Write([]byte(content))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestImportRedactsOfficeAuthorsLinksAndCells: the candidate's name as the
// author of a Word comment or tracked change, in a link's target, and in
// a workbook's comments and inline-string cells is read at import and
// redacted, so each file reaches the reviewer as redacted text, read
// inline only, and `o` cannot hand a viewer the file as submitted, which
// shows the name on every comment, change and link.
func TestImportRedactsOfficeAuthorsLinksAndCells(t *testing.T) {
	body := `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>My lesson plan for week 3.</w:t></w:r></w:p></w:body></w:document>`
	files := Files{
		"comment.docx": officeZip(t, map[string]string{"word/document.xml": body,
			"word/comments.xml": `<w:comments xmlns:w="w"><w:comment w:id="0" w:author="Dana Ruiz" w:initials="DR"><w:p><w:r><w:t>check this</w:t></w:r></w:p></w:comment></w:comments>`}),
		"tracked.docx": officeZip(t, map[string]string{"word/document.xml": `<w:document xmlns:w="w"><w:body><w:p><w:ins w:id="1" w:author="Dana Ruiz" w:date="2024-01-01T00:00:00Z"><w:r><w:t>Added a goal.</w:t></w:r></w:ins></w:p></w:body></w:document>`}),
		"link.docx": officeZip(t, map[string]string{"word/document.xml": `<w:document xmlns:w="w" xmlns:r="r"><w:body><w:p><w:hyperlink r:id="rId5"><w:r><w:t>our school page</w:t></w:r></w:hyperlink></w:p></w:body></w:document>`,
			"word/_rels/document.xml.rels": `<Relationships><Relationship Id="rId5" Type="hyperlink" Target="https://hilo.k12.example/staff/Dana%20Ruiz" TargetMode="External"/></Relationships>`}),
		"grades.xlsx": officeZip(t, map[string]string{"xl/sharedStrings.xml": `<sst><si><t>Score</t></si></sst>`,
			"xl/comments1.xml":         `<comments><authors><author>Dana Ruiz</author></authors><commentList><comment ref="A1" authorId="0"><text><r><t>Dana Ruiz: recheck</t></r></text></comment></commentList></comments>`,
			"xl/worksheets/sheet1.xml": `<worksheet><sheetData><row><c r="A1" t="inlineStr"><is><t>Prepared by Dana Ruiz</t></is></c></row></sheetData></worksheet>`}),
	}
	officeRedacted(t, files)
}

// TestImportOfficeBadPartKeepsBody: a part beside an Office file's body
// (a relationships part cut short, a worksheet, a header or the metadata
// with a byte that is not UTF-8) that does not read is left out, not the
// whole file: the body that names the candidate is redacted, and the file
// never reaches a reviewer as submitted.
func TestImportOfficeBadPartKeepsBody(t *testing.T) {
	body := `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Lesson plan by Dana Ruiz</w:t></w:r></w:p></w:body></w:document>`
	officeRedacted(t, Files{
		"plan.docx": officeZip(t, map[string]string{"word/document.xml": body,
			"word/_rels/document.xml.rels": `<Relationships><Relationship Id="rId1" Target="styles.xml"`}),
		"grades.xlsx": officeZip(t, map[string]string{"xl/sharedStrings.xml": `<sst><si><t>Prepared by Dana Ruiz</t></si></sst>`,
			"xl/worksheets/sheet1.xml": "<worksheet><sheetData><row><c r=\"A1\"><v>1</v></c></row></sheetData><x>\xff</x></worksheet>"}),
		"header.docx": officeZip(t, map[string]string{"word/document.xml": body,
			"word/header1.xml": "<w:hdr xmlns:w=\"w\"><w:p><w:r><w:t>Unit 3</w:t></w:r></w:p><x>\xff</x></w:hdr>"}),
		"props.docx": officeZip(t, map[string]string{"word/document.xml": body,
			"docProps/app.xml": "<Properties><Company>Hilo</Company><x>\xff</x></Properties>"}),
	})
}

// officeRedacted imports one submission naming every file of files,
// claims it, and checks that each file reaches the reviewer as redacted
// text: without the candidate's last name, with the marker, never as
// submitted.
func officeRedacted(t *testing.T, files Files) {
	t.Helper()
	f := newFixture(t)
	names := slices.Sorted(maps.Keys(files))
	sub := submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").
		with("parts", []map[string]any{{"title": "Part 1: Overview questions", "text": "My students set goals.", "files": names}})
	if _, err := f.importFiles(files, sub); err != nil {
		t.Fatal(err)
	}
	asg, err := f.Claim("rev-1", key("A-1", 1))
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range asg.Attempt.Parts[0].Attachments {
		data, err := f.Attachment("rev-1", key("A-1", 1), at.Hash)
		if err != nil {
			t.Fatal(err)
		}
		if !at.Redacted {
			t.Errorf("%s: not redacted, so the reviewer's viewer gets the file as submitted, which names Dana Ruiz", at.Name)
		} else if strings.Contains(string(data), "Ruiz") || !strings.Contains(string(data), review.MarkName) {
			t.Errorf("%s: the reviewer reads %q", at.Name, data)
		}
	}
}
