package review

import (
	"strings"
	"testing"
)

// TestRedactFamilyNameWithParticle: a family name of several words (De La
// Cruz, Van Dyke, Le Blanc) run together in capitals is redacted whole, and
// a name after a word that ends in a particle ("ClaseDeRuiz", Ruiz's class)
// is the name: only a word that begins with the prefix (McHenry) keeps its
// rest.
func TestRedactFamilyNameWithParticle(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"Carlos De La Cruz", "Plan: DeLaCruzLessonPlan.pdf"},
		{"Carlos De La Cruz", "Follow #MrDeLaCruzScience"},
		{"Lisa Van Dyke", "sites.google.com/view/MrsVanDykeClass"},
		{"Ann Le Blanc", "Follow #MsLeBlancReads"},
		{"Dana Ruiz", "Archivo: ClaseDeRuiz.pdf"},
	} {
		c := &Candidate{Name: tc.name}
		got, _ := NewRedactor(c).Redact(tc.in)
		flags := ScanLeaks([]EvidencePart{{Title: "Part 1", Text: tc.in}}, "", c, nil)
		var flagged []string
		for _, l := range flags {
			flagged = append(flagged, tc.in[l.Start:l.End])
		}
		surname := tc.name[strings.LastIndex(tc.name, " ")+1:]
		if strings.Contains(got, surname) {
			t.Errorf("%s, %q:\n redacted to %q: the surname %q reaches the reviewer (the scan flags %q as the candidate's name)",
				tc.name, tc.in, got, surname, flagged)
		}
	}
}
