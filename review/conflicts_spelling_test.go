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
