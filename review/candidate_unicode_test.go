package review

import "testing"

// The same name composed (NFC, "é" one character) and decomposed (NFD,
// "e" and a combining accent, as macOS and many web forms send it) is
// drawn identically: one candidate, however each attempt spells it.
const (
	nameNFC = "Jos\u00e9 N\u00fa\u00f1ez"
	nameNFD = "Jose\u0301 Nu\u0301n\u0303ez"
)

// TestCandidateEqualUnicodeForms: a later attempt may repeat its
// candidate (formats.md §2); the name in the other Unicode form is the
// same candidate, not a mismatch that refuses the whole file.
func TestCandidateEqualUnicodeForms(t *testing.T) {
	a := Candidate{Name: nameNFC, District: "Hilo", Extra: map[string]string{"school": "Kea\u02bbau Elementary"}}
	b := Candidate{Name: nameNFD, District: "Hilo", Extra: map[string]string{"school": "Kea\u02bbau Elementary"}}
	if !a.Equal(b) || !b.Equal(a) {
		t.Errorf("%q and %q are not one candidate", nameNFC, nameNFD)
	}
	if b.Name = "Jose Nunez"; a.Equal(b) {
		t.Errorf("%q without its accents is still %q", b.Name, nameNFC)
	}
}

// TestFairnessPersonKeyUnicodeForms: the fairness section counts a
// candidate once across applications with the same e-mail, or without
// one the same name, without case (formats.md §3). Counted twice, a group
// of nine people reaches min_group 10 and is shown instead of suppressed.
func TestFairnessPersonKeyUnicodeForms(t *testing.T) {
	if a, b := personKey(&Candidate{Name: nameNFC}), personKey(&Candidate{Name: nameNFD}); a != b {
		t.Errorf("one candidate, two keys: %q and %q", a, b)
	}
}

// TestCandidateEqualInnerSpaces: a later attempt repeating its candidate
// with a no-break space or two spaces inside a value, as a web form or a
// spreadsheet's export gives it, is the same candidate, as the fairness
// section already counts it (personKey).
func TestCandidateEqualInnerSpaces(t *testing.T) {
	a := Candidate{Name: "Dana Ruiz", Email: "dana@example.org", District: "North Hilo", Extra: map[string]string{"school": "Kea\u02bbau Elementary"}}
	for _, b := range []Candidate{
		{Name: "Dana\u00a0Ruiz", Email: "dana@example.org", District: "North Hilo", Extra: map[string]string{"school": "Kea\u02bbau Elementary"}},
		{Name: "Dana  Ruiz", Email: "dana@example.org", District: "North\u202fHilo", Extra: map[string]string{"school": "Kea\u02bbau  Elementary "}},
	} {
		if !a.Equal(b) || !b.Equal(a) {
			t.Errorf("%q and %q are not one candidate", []string{a.Name, a.District, a.Extra["school"]}, []string{b.Name, b.District, b.Extra["school"]})
		}
		if personKey(&a) != personKey(&b) {
			t.Errorf("%q and %q: two people", a.Name, b.Name)
		}
	}
	if b := (Candidate{Name: "DanaRuiz", Email: "dana@example.org", District: "North Hilo", Extra: a.Extra}); a.Equal(b) {
		t.Errorf("%q without its space is still %q", b.Name, a.Name)
	}
}
