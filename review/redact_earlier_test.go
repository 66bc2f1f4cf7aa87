package review

import "testing"

// TestNamedIn: where an attempt names its candidate, as the import format
// names fields, the files' texts last; "" where it does not.
func TestNamedIn(t *testing.T) {
	who := &Candidate{Name: "Dana Ruiz", Email: "dana@example.org", State: "Hawaii", Extra: map[string]string{"school": "Waiakea Elementary", "staff_id": "HI-E-55123"}}
	file := Attachment{Name: "notes.txt", Hash: "h1", Type: TypeText}
	texts := map[string]string{"h1": "Week 3, by dana@example.org", "h2": "Room 4, Waiakea Elementary"}
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
		{"an extra field", Attempt{Parts: []EvidencePart{part("P1", "I teach at Waiakea Elementary.")}}, "parts[0].text"},
		{"an extra field in the note", Attempt{Parts: []EvidencePart{part("P1", "x")}, Note: "Educator HI-E-55123"}, "note"},
		{"an extra field in a file name, joined by underscores", Attempt{Parts: []EvidencePart{part("P1", "x", "Waiakea_Elementary_plan.txt")}}, "parts[0].files[0]"},
		{"the state alone", Attempt{Parts: []EvidencePart{part("P1", "Our school in Hawaii.")}}, ""},
		{"a file's text", Attempt{Parts: []EvidencePart{{Title: "P1", Text: "x", Files: []string{"notes.txt"}, Attachments: []Attachment{file}}}}, "parts[0].files[0], the file's text"},
		{"an extra field in a file's text", Attempt{Parts: []EvidencePart{{Title: "P1", Text: "x", Files: []string{"n.txt"}, Attachments: []Attachment{{Name: "n.txt", Hash: "h2", Type: TypeText}}}}}, "parts[0].files[0], the file's text"},
	} {
		if got := NamedIn(who, tt.a, fileText); got != tt.want {
			t.Errorf("%s: NamedIn = %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := NamedIn(nil, Attempt{Note: "Dana Ruiz"}, fileText); got != "" {
		t.Errorf("no candidate: %q", got)
	}
}
