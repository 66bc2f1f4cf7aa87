package store

import (
	"bytes"
	"strings"
	"testing"
)

// TestImportOfficeBadSidePartKeepsBody: a part read beside an Office
// file's body (a relationships part cut short, a worksheet with a byte that
// is not UTF-8) that does not read is left out, not the whole file: the
// body that names the candidate is redacted, and the file reaches the
// reviewer as redacted text, never as submitted.
func TestImportOfficeBadSidePartKeepsBody(t *testing.T) {
	f := newFixture(t)
	body := `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Lesson plan by Dana Ruiz</w:t></w:r></w:p></w:body></w:document>`
	files := Files{
		"plan.docx": officeZip(t, map[string]string{"word/document.xml": body,
			"word/_rels/document.xml.rels": `<Relationships><Relationship Id="rId1" Target="styles.xml"`}),
		"grades.xlsx": officeZip(t, map[string]string{"xl/sharedStrings.xml": `<sst><si><t>Prepared by Dana Ruiz</t></si></sst>`,
			"xl/worksheets/sheet1.xml": "<worksheet><sheetData><row><c r=\"A1\"><v>1</v></c></row></sheetData><x>\xff</x></worksheet>"}),
	}
	names := []string{"plan.docx", "grades.xlsx"}
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
			t.Errorf("%s: not redacted (type %s): the reviewer can open the file as submitted", at.Name, at.Type)
		}
		if bytes.Contains(data, []byte("Dana Ruiz")) {
			t.Errorf("%s: the reviewer's copy holds the candidate's name", at.Name)
		}
		_ = strings.Contains
	}
}
