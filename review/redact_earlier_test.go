package review

import "testing"

// TestNamedIn: where an attempt names its candidate, as the import format
// names fields, the files' texts last; "" where it does not.
func TestNamedIn(t *testing.T) {
	r := NewRedactor(&Candidate{Name: "Dana Ruiz", Email: "dana@example.org"})
	file := Attachment{Name: "notes.txt", Hash: "h1", Type: TypeText}
	texts := map[string]string{"h1": "Week 3, by dana@example.org"}
	fileText := func(a Attachment) string { return texts[a.Hash] }
	part := func(title, text string, files ...string) EvidencePart {
		return EvidencePart{Title: title, Text: text, Files: files}
	}
	for _, tt := range []struct {
		name string
		a    Attempt
		want string
	}{
		{"nowhere", Attempt{Parts: []EvidencePart{part("P1", "Goals each week.")}}, ""},
		{"a part's text", Attempt{Parts: []EvidencePart{part("P1", "x"), part("P2", "Signed, Dana Ruiz")}}, "parts[1].text"},
		{"a title", Attempt{Parts: []EvidencePart{part("Dana Ruiz's plan", "x")}}, "parts[0].title"},
		{"the note", Attempt{Parts: []EvidencePart{part("P1", "x")}, Note: "Dana Ruiz changed part 1"}, "note"},
		{"a file name", Attempt{Parts: []EvidencePart{part("P1", "x", "a.pdf", "dana-ruiz.pdf")}}, "parts[0].files[1]"},
		{"a file's text", Attempt{Parts: []EvidencePart{{Title: "P1", Text: "x", Files: []string{"notes.txt"}, Attachments: []Attachment{file}}}}, "parts[0].files[0], the file's text"},
	} {
		if got := r.NamedIn(tt.a, fileText); got != tt.want {
			t.Errorf("%s: NamedIn = %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := (*Redactor)(nil).NamedIn(Attempt{Note: "Dana Ruiz"}, fileText); got != "" {
		t.Errorf("no candidate: %q", got)
	}
}
