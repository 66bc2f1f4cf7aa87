package review

import "testing"

// TestRedactFamilyNameRunTogetherOnly: the family name of several words
// is matched run together (DeLaCruz) and only so: apart, the words after a
// middle initial or an everyday middle name are prose ("a young" of Sarah
// A. Young, "will park" of John Will Park).
func TestRedactFamilyNameRunTogetherOnly(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"Sarah A. Young", "Each student read to a young partner."},
		{"Maria A Little", "We slowed down a little before the quiz."},
		{"Jane A. Long", "It took a long time to finish."},
		{"John Will Park", "Students will park their bikes by the gym."},
	} {
		got, n := NewRedactor(&Candidate{Name: tc.name}).Redact(tc.in)
		if n != 0 {
			t.Errorf("candidate %q: %q redacted to %q", tc.name, tc.in, got)
		}
	}
}

// TestRedactFamilyNameAgreesWithScan: what the scan does not flag as the
// name, the redactor does not replace.
func TestRedactFamilyNameAgreesWithScan(t *testing.T) {
	c := &Candidate{Name: "Sarah A. Young"}
	in := "Each student read to a young partner."
	flags := ScanLeaks([]EvidencePart{{Title: "Part 1", Text: in}}, "", c, nil)
	got, n := NewRedactor(c).Redact(in)
	if n != len(flags) {
		t.Errorf("scan flags %d, redactor replaces %d: %q", len(flags), n, got)
	}
}
