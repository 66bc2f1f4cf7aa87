package review

import "testing"

// TestWorkFlagInTitle: redacting a flag in a part's title replaces it in
// the title; a later flag in the same title still marks its text, and the
// part's text and its flags are left alone.
func TestWorkFlagInTitle(t *testing.T) {
	a := Attempt{Parts: []EvidencePart{{Title: "Part 2: k.lee@school.org and 808-555-0100", Text: "Ask k.lee@school.org."}}}
	a.Leaks = ScanLeaks(a.Parts, "", nil, nil)
	if len(a.Leaks) != 3 || !a.Leaks[0].Title || !a.Leaks[1].Title || a.Leaks[2].Title {
		t.Fatalf("flags %+v: want two in the title, then one in the text", a.Leaks)
	}
	out, _, err := WorkFlag(a, 0, FlagRedact, "")
	if err != nil {
		t.Fatal(err)
	}
	p := out.Parts[0]
	if p.Title != "Part 2: [redacted] and 808-555-0100" || p.Text != "Ask k.lee@school.org." {
		t.Fatalf("after redacting the title's e-mail: %q / %q", p.Title, p.Text)
	}
	if len(out.Leaks) != 2 || p.Title[out.Leaks[0].Start:out.Leaks[0].End] != "808-555-0100" ||
		p.Text[out.Leaks[1].Start:out.Leaks[1].End] != "k.lee@school.org" {
		t.Errorf("flags left %+v", out.Leaks)
	}
}
