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

// TestRedactNameBeforeOkinaEnding: the ʻokina and ʼ, typed for an
// apostrophe (a Hawaiian keyboard's apostrophe key types the ʻokina), end a
// name before its ending as an apostrophe does, and join a word's parts
// as it does ("Waiʻanae").
func TestRedactNameBeforeOkinaEnding(t *testing.T) {
	for _, tc := range []struct {
		who      Candidate
		in, want string
	}{
		{Candidate{Name: "Dana Ruiz"}, "Students in Ms. Ruizʻs class wrote to Danaʼs", "Students in Ms. [candidate name]ʻs class wrote to [candidate name]ʼs"},
		{Candidate{Name: "Ayşe Yılmaz"}, "Yılmazʼın öğrencileri", "[candidate name]ʼın öğrencileri"},
		{Candidate{Name: "Dana Ruiz", District: "Waianae"}, "in Waiʻanae and Waiʼanae", "in [candidate district] and [candidate district]"},
		{Candidate{Name: "Keʻala Mahoe"}, "Keʻala and Keala", "[candidate name] and [candidate name]"},
		{Candidate{Name: "Dana Shell"}, "sheʻll go", "sheʻll go"}, // a contraction is not the name
		// Inside a word, the rest after an ʻokina is that word's: the
		// school Kaʻiulani, the mountain Kaʻala. At its start, the
		// ʻokina goes with the name.
		{Candidate{Name: "Iulani Kahale"}, "I teach at Kaʻiulani Elementary.", "I teach at Kaʻiulani Elementary."},
		{Candidate{Name: "Ala Mahoe"}, "We hiked Kaʻala.", "We hiked Kaʻala."},
		{Candidate{Name: "Dana Ruiz", District: "ʻEwa"}, "ʻEwa Beach", "[candidate district] Beach"},
	} {
		if got, _ := NewRedactor(&tc.who).Redact(tc.in); got != tc.want {
			t.Errorf("%s, %q:\n got %q\nwant %q", tc.who.Name, tc.in, got, tc.want)
		}
	}
}

// TestRedactNameHyphenatedAtLineEnd: a name broken with a hyphen at a
// line's end, as justified text and text taken from a PDF break words, is
// redacted whole; a hyphen between words that stay apart is not joined.
func TestRedactNameHyphenatedAtLineEnd(t *testing.T) {
	r := NewRedactor(&Candidate{Name: "Dana Halvorsen"})
	for in, want := range map[string]string{
		"taught by Dana Halvor-\nsen this year": "taught by [candidate name] this year",
		"Ms. Halvor\u2010\n  sen's class":       "Ms. [candidate name]'s class",
		"Halvor-\r\nsen":                        "[candidate name]",
		"Halvor\u00ad\nsen, Halvor\u00adsen":    "[candidate name], [candidate name]",
		"Halvor- sen and Halvor-\n\nsen":        "Halvor- sen and Halvor-\n\nsen",
		// As import keeps it, the soft hyphen dropped as invisible: the
		// two parts on two lines spell the name; across a paragraph, or
		// on one line, they are two words.
		"Ms. Halvor\nsen, Halvor \r\n sen": "Ms. [candidate name], [candidate name]",
		"Halvor sen and Halvor\n\nsen":     "Halvor sen and Halvor\n\nsen",
	} {
		if got, _ := r.Redact(in); got != want {
			t.Errorf("Redact(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}
