package store

import (
	"bytes"
	"testing"
)

// TestImportOfficeBadHeaderOrPropsKeepsBody: a damaged header, comments or
// metadata part is left out as any part beside the body is: the body that
// names the candidate is redacted, and the file never reaches a reviewer as
// submitted.
func TestImportOfficeBadHeaderOrPropsKeepsBody(t *testing.T) {
	f := newFixture(t)
	body := `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Lesson plan by Dana Ruiz</w:t></w:r></w:p></w:body></w:document>`
	files := Files{
		"header.docx": officeZip(t, map[string]string{"word/document.xml": body,
			"word/header1.xml": "<w:hdr xmlns:w=\"w\"><w:p><w:r><w:t>Unit 3</w:t></w:r></w:p><x>\xff</x></w:hdr>"}),
		"props.docx": officeZip(t, map[string]string{"word/document.xml": body,
			"docProps/app.xml": "<Properties><Company>Hilo</Company><x>\xff</x></Properties>"}),
	}
	names := []string{"header.docx", "props.docx"}
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
	}
}
