package review

import "testing"

// TestRedactNotTheRestOfAnInnerCapitalName: words are cut at a capital,
// but a candidate's name that is only the rest of a word written with an
// inner capital ("McDonald's", "Fort McHenry", "MacArthur", "DeAndre") is
// not their name: cut and replaced, it would garble the evidence and, the
// rest of the word standing, tell the reviewer the name.
func TestRedactNotTheRestOfAnInnerCapitalName(t *testing.T) {
	for _, tc := range []struct {
		who Candidate
		in  string
	}{
		{Candidate{Name: "Donald Reyes"}, "Field trip lunch at McDonald's."},
		{Candidate{Name: "Henry Ortiz"}, "We read about Fort McHenry and the anthem."},
		{Candidate{Name: "Arthur Lindqvist"}, "A MacArthur Foundation grant funded it."},
		{Candidate{Name: "Andre Kowalski"}, "DeAndre led the lab group."},
		{Candidate{Name: "Gill Parata"}, "Adapted from a McGill University module."},
	} {
		if got, _ := NewRedactor(&tc.who).Redact(tc.in); got != tc.in {
			t.Errorf("%s, %q:\n got %q\nwant it unchanged", tc.who.Name, tc.in, got)
		}
	}
}
