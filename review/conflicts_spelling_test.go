package review

import "testing"

// TestDistrictKeyApostropheSpellings: rule 7 compares districts without
// case, accents or punctuation, and fold.go holds "Waiʻanae", "Wai'anae"
// and "Waianae" to be one word. The ʻokina is typed as ' or ‘ on most
// keyboards, so a reviewer who declared one spelling of their district
// must conflict with a candidate who typed another.
func TestDistrictKeyApostropheSpellings(t *testing.T) {
	for _, pair := range [][2]string{
		{"Waiʻanae", "Wai'anae"},
		{"Waiʻanae", "Wai‘anae"},
		{"Waiʻanae", "Wai’anae"},
		{"Waiʻanae", "Waiʼanae"},
		{"Waiʻanae", "Wai`anae"},
		{"Waianae", "Wai'anae"},
		{"Nānākuli-Waiʻanae Complex Area", "Nanakuli-Wai'anae"},
	} {
		if !SameDistrict(pair[0], pair[1]) {
			t.Errorf("SameDistrict(%q, %q) = false (keys %q, %q)", pair[0], pair[1], DistrictKey(pair[0]), DistrictKey(pair[1]))
		}
		if !Conflicts(Reviewer{ID: "r", ConflictDistricts: []string{pair[0]}}, Candidate{District: pair[1], State: "HI"}) {
			t.Errorf("conflict district %q misses a candidate in %q", pair[0], pair[1])
		}
	}
}

// TestDistrictApostropheAsSpaceStillConflicts: a reviewer who declared
// "O Fallon" (or "Coeur d Alene"), the apostrophe written as a space as
// many exported lists write punctuation, conflicts with a candidate in
// "O'Fallon School District", as before DistrictKey read that apostrophe
// as an ʻokina and dropped it. Rule 7 is a safety rule: reading "OFallon"
// as the same district too must not stop "O Fallon" being it, or the
// queue offers the reviewer the candidate.
func TestDistrictApostropheAsSpaceStillConflicts(t *testing.T) {
	for _, p := range [][2]string{
		{"O Fallon", "O'Fallon School District"},
		{"OFallon", "O'Fallon School District"},
		{"Coeur d Alene", "Coeur d'Alene School District"},
		{"D Iberville", "D'Iberville School District"},
		{"Wai anae", "Wai‘anae Complex Area"},
		{"O'Fallon", "O Fallon"},
	} {
		if !Conflicts(Reviewer{ConflictDistricts: []string{p[0]}}, Candidate{District: p[1], State: "MO"}) {
			t.Errorf("reviewer who declared %q: no conflict with a candidate in %q", p[0], p[1])
		}
		if NearDistrict(p[0], p[1]) {
			t.Errorf("NearDistrict(%q, %q): the same district listed as a near miss", p[0], p[1])
		}
	}
	// A typo beside either reading is still a near miss, not the same.
	if SameDistrict("O Falon", "O'Fallon") || !NearDistrict("O Falon", "O'Fallon") {
		t.Errorf("\"O Falon\" and \"O'Fallon\": same %v, near %v", SameDistrict("O Falon", "O'Fallon"), NearDistrict("O Falon", "O'Fallon"))
	}
	// Keys the reviewer's districts share under DistrictKey alone are not
	// the same conflicts: "O'Fallon" holds a candidate in "O Fallon" too,
	// so the change must release that claim.
	if SameConflicts(Reviewer{ConflictDistricts: []string{"OFallon"}}, Reviewer{ConflictDistricts: []string{"O'Fallon"}}) {
		t.Error(`SameConflicts("OFallon", "O'Fallon") = true`)
	}
	if !SameConflicts(Reviewer{ConflictDistricts: []string{"O'Fallon"}}, Reviewer{ConflictDistricts: []string{"O’Fallon School District"}}) {
		t.Error(`SameConflicts("O'Fallon", "O’Fallon School District") = false`)
	}
}

// TestStateCodeOkinaAsQuote: "Hawai‘i" (U+2018, the usual stand-in for the
// ʻokina), "Hawaiʼi" (U+02BC), "Hawai`i" (a backtick, as the University
// of Hawaiʻi's pages long wrote it) and "Hawai´i" (an acute accent) are
// Hawaii, as "Hawaiʻi" and "Hawai’i" are, and as DistrictKey and the leak
// scan read every character of okinas; import refuses a line whose state
// is unknown, so the whole file failed.
func TestStateCodeOkinaAsQuote(t *testing.T) {
	spellings := []string{"Hawai‘i", "Hawaiʻi", "Hawai’i", "Hawaiʼi", "Hawai'i", "Hawai`i", "Hawai\u00b4i"}
	for _, r := range okinas {
		spellings = append(spellings, "Hawai"+string(r)+"i")
	}
	for _, s := range spellings {
		if code, ok := StateCode(s); !ok || code != "HI" {
			t.Errorf("StateCode(%q) = %q, %v; want HI", s, code, ok)
		}
	}
}
