package store

import (
	"encoding/json"
	"strings"
	"testing"

	"assessor/review"
)

// leakTexts are the leak scan's test texts (review/leaks_test.go) that hold
// the candidate's own values, and a few spellings the scan misses.
var leakTexts = []string{
	"My name is Dana Ruiz and I teach.", "signed, dana   RUIZ", "Ms. Ruiz's class",
	"Reach me at Dana.Ruiz@Example.org.", "write dana.ruiz@example.org", "Dana Ruiz, 808-555-0199, x@y.org",
	"Teachers in hilo uplands meet monthly", "Dána Rúiz wrote this", "call me: +1 (808) 555-0199", "Dana\nRuiz",
	"Da\u200bna Ru\u00adiz, in Hi\u2060lo Uplands", // invisible characters: drawn as the name
}

// TestReviewerReadsNoVaultValue: whatever a reviewer's claim returns (the
// attempt, its file names, the text of its files) holds none of the
// candidate's name, its parts, e-mail, phone or district, while the phone
// of someone else and the other e-mail stay, flagged.
func TestReviewerReadsNoVaultValue(t *testing.T) {
	f := newFixture(t)
	var parts []map[string]any
	for i, text := range leakTexts {
		parts = append(parts, map[string]any{"title": "Part " + string(rune('1'+i)), "text": text, "files": []string{}})
	}
	parts[0]["files"] = []string{"dana-ruiz-plan.txt"}
	src := Files{"dana-ruiz-plan.txt": []byte("Plan\nPrepared by Dana Ruiz (dana.ruiz@example.org), Hilo Uplands\nSigned: Da\u200bna Ru\u200biz")}
	// Files whose bytes are not the name a terminal draws from them.
	hidden := Files{"ctl.txt": []byte("by Da\x00na Ru\x1b[0miz"), "utf16.txt": []byte("\xff\xfeD\x00a\x00n\x00a\x00 \x00R\x00u\x00i\x00z\x00"),
		"notes": []byte("by Dana Ruiz"), "page.html": []byte("<p>by Dana Ruiz</p>"), "plan.docx": docx(t, "Dana Ruiz")}
	for name, data := range hidden {
		src[name] = data
		parts[1]["files"] = append(parts[1]["files"].([]string), name)
	}
	sub := submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("parts", parts).with("note", "Dana fixed part 2").
		with("candidate", map[string]string{"name": "Dana Ruiz", "email": "dana.ruiz@example.org", "district": "Hilo Uplands", "state": "HI", "phone": "808 555 0199", "educator_id": "ED-482913"})
	if _, err := f.importFiles(src, sub); err != nil {
		t.Fatal(err)
	}
	asg, err := f.Claim("rev-1", key("A-1", 1))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(asg)
	at := asg.Attempt.Parts[0].Attachments[0]
	file, err := f.Attachment("rev-1", key("A-1", 1), at.Hash)
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range asg.Attempt.Parts[1].Attachments {
		data, err := f.Attachment("rev-1", key("A-1", 1), at.Hash)
		if err != nil {
			t.Fatal(err)
		}
		text, err := review.AttachmentText(at.Type, data)
		if err != nil {
			text = string(data) // what the reviewer's own viewer would open
		}
		file = append(file, "\n"+text...)
	}
	seen := strings.ToLower(review.Sanitize(string(raw) + "\n" + string(file)))
	for _, v := range []string{"dana", "ruiz", "rúiz", "dána", "example.org", "555-0199", "555 0199", "hilo"} {
		if strings.Contains(seen, v) {
			t.Errorf("reviewer reads %q:\n%s", v, seen)
		}
	}
	if !strings.Contains(seen, "x@y.org") || len(asg.Attempt.Leaks) == 0 {
		t.Errorf("another person's e-mail should stay, flagged: leaks %+v", asg.Attempt.Leaks)
	}
	if !strings.Contains(string(file), "Prepared by [candidate name] ([candidate email]), [candidate district]") {
		t.Errorf("redacted file text %q", file)
	}
	var orig submittedEvidence
	if err := f.view(func(tx *txn) (err error) { orig, _, err = tx.submitted(key("A-1", 1)); return err }); err != nil {
		t.Fatal(err)
	}
	if orig.Parts[0].Text != leakTexts[0] || orig.Note != "Dana fixed part 2" || orig.Parts[0].Attachments[0].Redacted {
		t.Errorf("evidence as submitted %+v", orig)
	}
	// The same file again is unchanged, not a conflict with the redacted copy.
	if st, err := f.importFiles(src, sub); err != nil || st.Unchanged != 1 || st.Submissions != 0 {
		t.Errorf("the same line again: %+v %v, want it unchanged", st, err)
	}
	f.mustCheck()
}

// docx is a Word document whose metadata names its author.
func docx(t *testing.T, author string) []byte {
	return officeZip(t, map[string]string{
		"word/document.xml": `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>My plan</w:t></w:r></w:p></w:body></w:document>`,
		"docProps/core.xml": `<cp:coreProperties xmlns:cp="cp" xmlns:dc="dc"><dc:creator>` + author + `</dc:creator></cp:coreProperties>`,
	})
}

// TestImportRedactsNameBrokenWithSoftHyphen: a name broken at a line's end
// with a soft hyphen, as word processors and text taken from a PDF break
// it ("Halvor\u00ad\nsen"), is redacted in every place an import reads:
// a part's text and title, the note and a file's text. Sanitizing drops
// the soft hyphen as invisible, so it must first draw the one at a line's
// end as the hyphen it is there, or the redactor reads two words.
func TestImportRedactsNameBrokenWithSoftHyphen(t *testing.T) {
	f := newFixture(t)
	said := "My mentor, Ms. Halvor\u00ad\nsen, observed the lesson."
	parts := []map[string]any{{"title": "Halvor\u00ad\nsen's unit", "text": said, "files": []string{"plan.txt"}}}
	sub := submission("sh1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("parts", parts).with("note", said).
		with("candidate", map[string]string{"name": "Dana Halvorsen", "district": "Hilo", "state": "HI"})
	if _, err := f.importFiles(Files{"plan.txt": []byte("Plan by " + said)}, sub); err != nil {
		t.Fatal(err)
	}
	asg, err := f.Claim("rev-1", key("sh1", 1))
	if err != nil {
		t.Fatal(err)
	}
	p := asg.Attempt.Parts[0]
	data, err := f.Attachment("rev-1", key("sh1", 1), p.Attachments[0].Hash)
	if err != nil {
		t.Fatal(err)
	}
	for _, seen := range []string{p.Title, p.Text, asg.Attempt.Note, string(data)} {
		if strings.Contains(seen, "Halvor") || strings.Contains(seen, "sen") {
			t.Errorf("the reviewer reads the name broken with a soft hyphen: %q", seen)
		}
	}
}
