package review

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

var dana = &Candidate{Name: "Dana Ruiz", Email: "dana.ruiz@example.org", District: "Hilo Uplands", State: "HI",
	Extra: map[string]string{"educator_id": "ED-482913"}}

// found scans one text as part 0 and returns each leak as "kind:matched".
func found(t *testing.T, text string, c *Candidate, listed ...string) []string {
	t.Helper()
	var out []string
	for _, l := range ScanLeaks([]EvidencePart{{Title: "Part 1", Text: text}}, "", c, listed) {
		if l.Part != 0 || l.File != 0 || l.Start < 0 || l.End > len(text) || l.Start >= l.End {
			t.Fatalf("bad span %+v in %q", l, text)
		}
		out = append(out, l.Kind+":"+text[l.Start:l.End])
	}
	return out
}

func TestScanLeaksKinds(t *testing.T) {
	tests := []struct {
		name, text string
		listed     []string
		want       []string
	}{
		{"full name", "My name is Dana Ruiz and I teach.", nil, []string{"candidate-name:Dana Ruiz"}},
		{"name any case", "signed, dana   RUIZ", nil, []string{"candidate-name:dana   RUIZ"}},
		{"last name alone", "Ms. Ruiz's class", nil, []string{"candidate-name:Ruiz"}},
		{"own email", "Reach me at Dana.Ruiz@Example.org.", nil, []string{"candidate-email:Dana.Ruiz@Example.org"}},
		{"other email", "or my aide at k.lee@school.k12.hi.us today", nil, []string{"email:k.lee@school.k12.hi.us"}},
		{"phone parens", "call (808) 555-0199 any time", nil, []string{"phone:(808) 555-0199"}},
		{"phone dashes", "call 808-555-0199.", nil, []string{"phone:808-555-0199"}},
		{"phone dots", "call 808.555.0199", nil, []string{"phone:808.555.0199"}},
		{"phone +1", "call +1 808 555 0199", nil, []string{"phone:+1 808 555 0199"}},
		{"phone seven digits", "extension 555-0199 works", nil, []string{"phone:555-0199"}},
		{"phone brackets, no spaces", "call (808)5550123 now", nil, []string{"phone:(808)5550123"}},
		{"phone last seven together", "call 808-5550123 or 808.5550124", nil, []string{"phone:808-5550123", "phone:808.5550124"}},
		{"phone international", "+44 20 7946 0958, +49 30 1234567, tel:+18085550123", nil,
			[]string{"phone:+44 20 7946 0958", "phone:+49 30 1234567", "phone:+18085550123"}},
		{"district", "Teachers in hilo uplands meet monthly", nil, []string{"candidate-detail:hilo uplands"}},
		{"extra field", "my id is ED-482913", nil, []string{"candidate-detail:ED-482913"}},
		{"listed", "I teach at Kapolei High School.", []string{"Kapolei High", "Kapolei High School"}, []string{"listed-name:Kapolei High School"}},
		{"listed any case", "KAPOLEI HIGH students", []string{"Kapolei High"}, []string{"listed-name:KAPOLEI HIGH"}},
		{"listed, joined as in a file name", "See kapolei_high-plan.pdf", []string{"Kapolei High"}, []string{"listed-name:kapolei_high"}},
		{"name run together with digits", "see Ruiz2024_plan.pdf", nil, []string{"candidate-name:Ruiz"}},
		// Ruiz is four letters: its handles only where a file name, path or
		// address has them, as "trust" of Tina Rust is a word in prose.
		{"user-name forms of the name", "files of druiz: drive/druiz2024/, RuizD_plan.pdf, druiz.pdf, k-druiz.doc", nil,
			[]string{"candidate-name:druiz", "candidate-name:RuizD", "candidate-name:druiz", "candidate-name:druiz"}},
		{"not inside a longer word", "adruiz_ ruizdo_", nil, nil},
		{"name after a percent escape", "lesson%20by%20Dana%20Ruiz.pdf", nil, []string{"candidate-name:Ruiz"}},
		{"name run together in capitals", "see #MrRuizScience and RuizLessonPlan.docx, not Ruizdo", nil, []string{"candidate-name:Ruiz", "candidate-name:Ruiz"}},
		{"not the rest of an inner-capital name", "Fort McRuiz and DeRuiz", nil, nil},
		{"listed, run together with digits", "kapolei_high2024.pdf", []string{"Kapolei High"}, []string{"listed-name:kapolei_high"}},
		// Accents and the ʻokina on either side, as the redactor reads them.
		{"listed, text accented", "at Waiākea High School, Hilo", []string{"Waiakea High School"}, []string{"listed-name:Waiākea High School"}},
		{"listed accented, text not", "at WAIAKEA HIGH, Hilo", []string{"Waiākea High"}, []string{"listed-name:WAIAKEA HIGH"}},
		// Scripts that run words together or join words to a name.
		{"listed, unspaced", "我在北京第一中学教书", []string{"北京第一中学"}, []string{"listed-name:北京第一中学"}},
		{"listed after a proclitic", "أعمل بمدرسة النور منذ", []string{"مدرسة النور"}, []string{"listed-name:مدرسة النور"}},
		{"listed after Hebrew proclitics", "לימדתי ובבית ספר אורט", []string{"בית ספר אורט"}, []string{"listed-name:בית ספר אורט"}},
		{"listed inside a longer word", "Kapolei Highlands", []string{"Kapolei High"}, nil},
		{"listed with an ʻokina", "Waiʻanae Intermediate and Wáianae Intermediate", []string{"Waianae Intermediate"},
			[]string{"listed-name:Waiʻanae Intermediate", "listed-name:Wáianae Intermediate"}},
		{"extra field accented", "my id is ÉD-482913 now", nil, []string{"candidate-detail:ÉD-482913"}},
		{"listed, the ʻokina as an apostrophe or quote", "Wai'ākea High School, Wai‘ākea High School, Waia\u0304kea High School", []string{"Waiakea High School"},
			[]string{"listed-name:Wai'ākea High School", "listed-name:Wai‘ākea High School", "listed-name:Waia\u0304kea High School"}},
		{"listed, an ʻokina starting a word", "Ke Kula 'o Nawahiokalani'opu'u", []string{"Ke Kula ʻo Nāwahīokalaniʻōpuʻu"},
			[]string{"listed-name:Ke Kula 'o Nawahiokalani'opu'u"}},
		{"listed, a possessive is not an ʻokina", "Kapolei High's band and Kapolei Highs", []string{"Kapolei High"}, []string{"listed-name:Kapolei High"}},
		{"name inside email reported once", "write dana.ruiz@example.org", nil, []string{"candidate-email:dana.ruiz@example.org"}},
		{"several", "Dana Ruiz, 808-555-0199, x@y.org", nil, []string{"candidate-name:Dana Ruiz", "phone:808-555-0199", "email:x@y.org"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := found(t, tt.text, dana, tt.listed...); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ScanLeaks(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestScanLeaksFalsePositives(t *testing.T) {
	young := &Candidate{Name: "Grace Young", Email: "gy@example.org", State: "OR", District: "Sandhill"}
	for _, text := range []string{
		"In 2023-2024 and 2024-2025 the class grew.",
		"14 of 22 students met the target on 2024-02-01.",
		"Scores rose from 61.5 to 78.25 percent; see pages 12-15.",
		"ISBN 978-0-13-110362-7 and room 204.",
		"Grades 6-8, about 1,250 students, $1,250.00 budget.",
		"Young readers grow; grace notes; a hallway display.",                // common words, first name alone
		"Students in OR and HI compared notes.",                              // two-letter state is not looked for
		"The sandhills are far away.",                                        // whole words only
		"id 12025-555-0199x and 555-0199-12",                                 // digits run on
		"code 8085550123 and 123-45678901",                                   // no separator, or too many digits after it
		"Room 204 5551234 is ours; 5 +1234567 = 1234572.",                    // a space is no dash; a plus and seven digits is sums
		"Counting by hundreds 100–1000 and ١٠٠–١٠٠٠; GPS 19.7241, -155.0868", // ranges; coordinates
		"import pytest\n@pytest.fixture\ndef bot():",                         // a decorator
	} {
		if got := found(t, text, young); len(got) != 0 {
			t.Errorf("ScanLeaks(%q) = %q, want none", text, got)
		}
	}
}

func TestScanLeaksNoCandidate(t *testing.T) {
	if got := found(t, "Dana Ruiz, x@y.org", nil); !reflect.DeepEqual(got, []string{"email:x@y.org"}) {
		t.Errorf("without a candidate only generic kinds: %q", got)
	}
}

func TestScanLeaksPlaces(t *testing.T) {
	parts := []EvidencePart{
		{Title: "Part 1: Overview", Text: "clean"},
		{Title: "Part 2: Artifacts", Text: "call 808-555-0199", Files: []string{"plan.pdf", "dana_ruiz_samples.pdf"}},
	}
	got := ScanLeaks(parts, "Thanks, Dana Ruiz", dana, nil)
	want := []Leak{
		{Part: -1, Start: 8, End: 17, Kind: LeakCandidateName},
		{Part: 1, Start: 5, End: 17, Kind: LeakPhone},
		{Part: 1, File: 2, Start: 0, End: 9, Kind: LeakCandidateName},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	notes := LeakNotes(parts, got)
	wantNotes := []string{
		"possible identifying detail in the resubmission note (name)",
		"possible identifying detail in part 2 (phone)",
		"possible identifying detail in a file name of part 2 (name)",
	}
	if !reflect.DeepEqual(notes, wantNotes) {
		t.Errorf("notes %q", notes)
	}
	for _, n := range notes {
		if strings.Contains(n, "Dana") || strings.Contains(n, "555") {
			t.Errorf("note shows the matched text: %q", n)
		}
	}
	if n := LeakParts(got); n != 2 {
		t.Errorf("LeakParts = %d, want 2 (the note and part 2)", n)
	}
}

func TestLeakNotesGroupsKinds(t *testing.T) {
	parts := []EvidencePart{{Title: "Overview", Text: "a"}, {Title: "Artifacts", Text: "b"}}
	got := LeakNotes(parts, []Leak{{Part: 1, Kind: LeakEmail}, {Part: 1, Kind: LeakCandidateEmail}, {Part: 1, Kind: LeakPhone}})
	if want := []string{"possible identifying detail in part 2 (email, phone)"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q", got)
	}
}

func TestScanLeaksBlankList(t *testing.T) {
	if got := found(t, "anything at all", nil, "", "   "); len(got) != 0 {
		t.Errorf("blank listed names match: %q", got)
	}
}

// TestScanLeaksKeyedWindows: matches are found far into a long text, in
// any case, also for names with non-ASCII letters (which skip keying).
func TestScanLeaksKeyedWindows(t *testing.T) {
	pad := strings.Repeat("Students revised their drafts after feedback. ", 200)
	jose := &Candidate{Name: "José Muñoz", Email: "jmunoz@example.org", District: "Río Arenoso"}
	tests := []struct {
		text string
		c    *Candidate
		want []string
	}{
		{pad + "Signed, DANA RUIZ.", dana, []string{"candidate-name:DANA RUIZ"}},
		{pad + "write JMUNOZ@EXAMPLE.ORG", jose, []string{"candidate-email:JMUNOZ@EXAMPLE.ORG"}},
		{pad + "soy JOSÉ MUÑOZ de " + "río arenoso", jose, []string{"candidate-name:JOSÉ MUÑOZ", "candidate-detail:río arenoso"}},
		{pad + "Ruizes and ruizdana are not names", dana, nil},
	}
	for _, tt := range tests {
		got := found(t, tt.text, tt.c)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ScanLeaks(…%q) = %q, want %q", tt.text[len(pad):], got, tt.want)
		}
	}
}

// FuzzScanLeaks: whatever the text, every leak found is a span of it, on
// rune boundaries, for a candidate and listed names with accents and
// ʻokina (the scan matches them on a copy without either). A stray byte
// of invalid UTF-8 is a boundary of its own ("High\xbc" ends a name at
// the h).
func FuzzScanLeaks(f *testing.F) {
	for _, s := range []string{"Wai'ākea High School", "Waia\u0304kea 'o Dana's Ruız", "\xff'a\u0304", "Ke Kula 'o Nawahi", "ʻʻʻ"} {
		f.Add(s)
	}
	c := &Candidate{Name: "Dana Ruiz", District: "Waiʻanae", State: "HI", Extra: map[string]string{"school": "Kula ʻo Pūʻōhala"}}
	sc := NewLeakScanner([]string{"Waiākea High", "Ke Kula ʻo Nāwahī"})
	f.Fuzz(func(t *testing.T, text string) {
		for _, l := range sc.Scan([]EvidencePart{{Title: "P", Text: text}}, "", c) {
			if l.Part != 0 || l.Title {
				continue
			}
			if l.Start < 0 || l.End > len(text) || l.Start >= l.End || splitsRune(text, l.Start) || splitsRune(text, l.End) {
				t.Fatalf("span %d:%d of %q", l.Start, l.End, text)
			}
		}
	})
}

// splitsRune reports whether offset i of s falls inside a valid
// multi-byte rune (not before or after one, nor beside a stray byte).
func splitsRune(s string, i int) bool {
	for p := i - 1; p >= 0 && p > i-utf8.UTFMax; p-- {
		if utf8.RuneStart(s[p]) {
			r, size := utf8.DecodeRuneInString(s[p:])
			return (r != utf8.RuneError || size > 1) && p+size > i
		}
	}
	return false
}

// TestScanLeaksUnspacedName: a candidate's name run into the words around
// it, as Chinese writes it, is found.
func TestScanLeaksUnspacedName(t *testing.T) {
	got := found(t, "我是李小龍老师。", &Candidate{Name: "李 小龍"})
	if want := []string{"candidate-name:李小龍"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestHoldsEmail: an address in any script reads as one; a handle or an
// "@" in prose does not.
func TestHoldsEmail(t *testing.T) {
	for text, want := range map[string]bool{
		"Revoked: pat@x.org asked":  true,
		"<Zoe.Nunez@Example.org>":   true,
		"josé@example.org":          true,
		"name@例え.jp":                true,
		"pat@xn--r8jz45g.jp":        true,
		"meet @ noon, room 4":       false,
		"plagiarised (see CE-YA97)": false,
		"rev@home":                  false,
	} {
		if got := HoldsEmail(text); got != want {
			t.Errorf("HoldsEmail(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestScanLeaksAddressAtRedactedDistrict: another person's address at the
// candidate's district's domain is redacted in part at import, and the
// scan of what the reviewer reads still flags what is left of it as an
// e-mail for a lead.
func TestScanLeaksAddressAtRedactedDistrict(t *testing.T) {
	c := &Candidate{Name: "Keala Mahoe", Email: "keala.mahoe@kaimuki.org", District: "Kaimuki", State: "Hawaii"}
	for _, tt := range []struct{ text, want string }{
		{"Ask my principal at lani.kai@kaimuki.org today.", "email:lani.kai@[candidate district].org"},
		{"or kaimuki.office@school.org", "email:[candidate district].office@school.org"},
		{"or office@hawaii.gov", "email:office@[candidate state].gov"},
	} {
		read, _ := NewRedactor(c).Redact(tt.text)
		if got := found(t, read, c); !reflect.DeepEqual(got, []string{tt.want}) {
			t.Errorf("scan of %q = %q, want %q", read, got, tt.want)
		}
	}
}

// TestScanLeaksListedNameAtRedactedPlace: a listed school, or the
// candidate's own, named for the candidate's district or state is
// redacted in part at import, and the scan of what the reviewer reads
// still flags what is left of it; the marker alone (a listed name that
// is the district), or the same words with no name around them, are not
// flagged.
func TestScanLeaksListedNameAtRedactedPlace(t *testing.T) {
	c := &Candidate{Name: "Keala Mahoe", District: "Kaimuki Complex Area", State: "HI", Extra: map[string]string{"school": "Kaimuki High School"}}
	listed := []string{"Kaimuki Christian School", "Hawaii Technology Academy", "Riverside High", "Kaimuki"}
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"I teach at Kaimuki Christian School nearby.", []string{"listed-name:[candidate district] Christian School"}},
		{"I teach at Hawaiʻi Technology Academy in town.", []string{"listed-name:[candidate state] Technology Academy"}},
		{"Teachers in Kaimuki meet at the Christian center.", nil},
		{"At Riverside High, in Kaimuki.", []string{"listed-name:Riverside High"}},
		{"I teach at Kaimuki High School.", []string{"candidate-detail:[candidate district] High School"}},
	} {
		read, _ := NewRedactor(c).Redact(tt.text)
		if got := found(t, read, c, listed...); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("scan of %q = %q, want %q", read, got, tt.want)
		}
	}
}

// TestScanLeaksAddressesAsReadersReadThem: an address written with a wide
// or encoded at sign, in wide letters, broken after its at sign, or with
// accented, Cyrillic letters or an ʻokina in it is flagged whole, as a
// reader reads it; an address run into Chinese text starts where its
// letters do.
func TestScanLeaksAddressesAsReadersReadThem(t *testing.T) {
	foundOnce(t, []struct{ text, want string }{
		{"ask pua.kahale＠school.org now", "email:pua.kahale＠school.org"},
		{"ask ｐｕａ＠ｇｍａｉｌ．ｃｏｍ now", "email:ｐｕａ＠ｇｍａｉｌ．ｃｏｍ"},
		{"mailto:pua.kahale%40gmail.com", "email:pua.kahale%40gmail.com"},
		{"<p>pua.kahale&#64;gmail.com</p>", "email:pua.kahale&#64;gmail.com"},
		{"write to pua.kahale@\nschool.org soon", "email:pua.kahale@\nschool.org"},
		{"or pūa@gmail.com", "email:pūa@gmail.com"},
		{"Write to josé@gmail.com please", "email:josé@gmail.com"},
		{"Write to jose\u0301@gmail.com please", "email:jose\u0301@gmail.com"},
		{"Write to иван@mail.ru please", "email:иван@mail.ru"},
		{"Write to pua@gmāil.com please", "email:pua@gmāil.com"},
		{"Write to kaʻiulani@gmail.com please", "email:kaʻiulani@gmail.com"},
		{"lani&#x40;gmail.com, then", "email:lani&#x40;gmail.com"},
		{"lani&commat;gmail.com, then", "email:lani&commat;gmail.com"},
		{"lani﹫gmail.com, then", "email:lani﹫gmail.com"},
		{"write to lani.kai@\r\ngmail.com soon", "email:lani.kai@\r\ngmail.com"},
		{"请联系pua@gmail.com", "email:pua@gmail.com"},
	})
}

// TestScanLeaksPhonesAsReadersReadThem: a phone written with Unicode's
// other dashes or digits is flagged as one, spans in the text as written;
// the candidate's own so written is redacted.
func TestScanLeaksPhonesAsReadersReadThem(t *testing.T) {
	foundOnce(t, []struct{ text, want string }{
		{"call 808\u2011555\u20110123 now", "phone:808\u2011555\u20110123"},
		{"call ８０８-５５５-０１２３ now", "phone:８０８-５５５-０１２３"},
		{"call ٨٠٨-٥٥٥-٠١٢٣ now", "phone:٨٠٨-٥٥٥-٠١٢٣"},
		{"café, call 808‒555‒0123", "phone:808‒555‒0123"},
	})
	r := NewRedactor(&Candidate{Name: "Lena Ortiz", Extra: map[string]string{PhoneField: "808-555-0123"}})
	if got, _ := r.Redact("Call 808\u2011555\u20110123 now."); got != "Call [candidate phone] now." {
		t.Errorf("the candidate's phone with non-breaking hyphens: %q", got)
	}
	if got, _ := r.Redact("Call tel:+18085550123 now."); got != "Call tel:[candidate phone] now." {
		t.Errorf("the candidate's phone with its country code, unspaced: %q", got)
	}
}

// foundOnce checks that each text, of no candidate, holds the one leak
// want ("kind:matched").
func foundOnce(t *testing.T, cases []struct{ text, want string }) {
	t.Helper()
	for _, tt := range cases {
		if got := found(t, tt.text, nil); !reflect.DeepEqual(got, []string{tt.want}) {
			t.Errorf("ScanLeaks(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestHandlesFlagged: the user-name forms of a candidate's name are
// flagged also as an ASCII login writes them: without accents, and a last
// name of parts run together or by one of its parts.
func TestHandlesFlagged(t *testing.T) {
	for _, tt := range []struct{ name, text, want string }{
		{"José Álvarez", "login jalvarez", "jalvarez"},
		{"Émile Dubois", "see edubois.pdf", "edubois"},
		{"Dana Ruiz-Lopez", "login druizlopez", "druizlopez"},
		{"Dana Ruiz-Lopez", "login dlopez", "dlopez"},
		{"Sean O'Neill", "login soneill", "soneill"},
		{"Sean O'Neill", "login neills", "neills"},
		{"Sean O'Neill", "file so'neill_plan.pdf", "so'neill"}, // as written too
		{"Ana Li-Wu", "file li-wua_plan.pdf", "li-wua"},
		{"Dana Ruiz-Lopez", "login druiz-lopez here", "druiz-lopez"},
		{"Kalani Mahoe", "my login is kmahoe, or so.", "kmahoe"}, // five letters: in prose too
		{"Kalani Mahoe", "my login is mahoek.", "mahoek"},
		{"Tina Rust", "see trust_plan.pdf", "trust"},
		{"Grace Hall", "see ghall_plan.pdf", "ghall"}, // an everyday word's handle, in a file name
		{"Sarah Lee", "see slee_plan.pdf", "slee"},
		// An everyday word of the name, which redaction leaves beside
		// digits, is flagged there.
		{"Daniel Day", "see Day2024_plan.pdf", "Day"},
		{"Grace Hall", "by Gr5Hall", "Hall"},
		{"Kim Ng", "by Gr5Ng", "Ng"}, // two letters, redacted alone only capitalised
		{"Mai Le", "Le2025_plan.pdf", "Le"},
		{"Daniel Day", "see Day٢٠٢٤_plan.pdf", "Day"}, // digits of another script
		{"Mai Le-Ng", "by Gr5Ng", "Ng"},
		{"Mai Lê", "Le2025_plan.pdf", "Le"},
		// A long file name is a file name still.
		{"Dana Ruiz", "druiz-" + strings.Repeat("lesson-", 30) + "plan.pdf", "druiz"},
	} {
		c := &Candidate{Name: tt.name}
		var got []string
		for _, l := range ScanLeaks([]EvidencePart{{Title: "Part 1", Text: tt.text}}, "", c, nil) {
			got = append(got, l.Kind+":"+tt.text[l.Start:l.End])
		}
		if want := []string{LeakCandidateName + ":" + tt.want}; !slices.Equal(got, want) {
			t.Errorf("%s in %q: flags %q, want %q", tt.name, tt.text, got, want)
		}
	}
}

// TestHandlesNeitherBareNorCommon: a last name of no letters gives no
// handle (it would be the initial alone, flagged wherever "a" is); the
// handles of a last name under five letters are words too often to flag
// in prose ("trust", "group", "learn"); and a part of a last name is not a
// key of the scan: "Lopez" alone is in many texts, and each key found runs
// the pattern around it.
func TestHandlesNeitherBareNorCommon(t *testing.T) {
	for _, tt := range []struct{ name, text string }{
		{"Ana Wxyz 2024", "a plan, and a rubric; a_plan.pdf"},
		{"Tina Rust", "We built trust. Trust-building; trust."},
		{"Gina Roup", "Each group met."},
		{"Dana Ruiz", "login druiz here"},
		{"Daniel Day", "day2024.csv, today3, Day 3, Monday2"},
		{"Mai Le", "Le Monde, le2024, Lee2024, Les3"},
	} {
		if got := ScanLeaks([]EvidencePart{{Title: "Part A", Text: tt.text}}, "", &Candidate{Name: tt.name}, nil); len(got) != 0 {
			t.Errorf("%s in %q: flags %v, want none", tt.name, tt.text, got)
		}
	}
	keys := newCandidatePatterns(&Candidate{Name: "Dana Ruiz-Lopez"}).handles.keys
	for _, k := range keys {
		if k == "ruiz" || k == "lopez" {
			t.Errorf("keys %q hold a part of the last name alone", keys)
		}
	}
	if !slices.Contains(keys, "druizlopez") {
		t.Errorf("keys %q lack the handle druizlopez", keys)
	}
}

// TestDistrictKeyGluedToDigits: the district's key, which redaction
// takes alone only capitalised and not run together with digits, is
// flagged there as a detail of the candidate's.
func TestDistrictKeyGluedToDigits(t *testing.T) {
	for _, tt := range []struct{ district, text, want string }{
		{"Hilo Complex Area", "Hilo2024_report.pdf, hilo2024.csv, Hilo 2024", "Hilo"},
		{"Kōloa Complex Area", "Kōloa2024_report.pdf", "Kōloa"},
	} {
		c := &Candidate{Name: "Dana Ruiz", District: tt.district}
		var got []string
		for _, l := range ScanLeaks([]EvidencePart{{Title: "Part 1", Text: tt.text}}, "", c, nil) {
			got = append(got, l.Kind+":"+tt.text[l.Start:l.End])
		}
		if want := []string{LeakCandidateDetail + ":" + tt.want}; !slices.Equal(got, want) {
			t.Errorf("%s: flags %q, want %q", tt.district, got, want)
		}
	}
}

// TestScanLeaksDetailOfMinLength: a district, state or extra field of
// exactly MinLeakValueLen letters ("Kona", a school "Kapa") is looked for,
// as LeakScanner documents ("MinLeakValueLen letters or more"); shorter
// ones ("Ewa") are not.
func TestScanLeaksDetailOfMinLength(t *testing.T) {
	c := &Candidate{Name: "Dana Ruiz", District: "Kona", Extra: map[string]string{"school": "Kapa"}}
	want := []string{"candidate-detail:Kapa", "candidate-detail:Kona"}
	if got := found(t, "Our team at Kapa in Kona met weekly.", c); !slices.Equal(got, want) {
		t.Errorf("ScanLeaks = %q, want %q", got, want)
	}
	c.Extra["school"] = "Ewa"
	if got := found(t, "Our team at Ewa met weekly.", c); len(got) != 0 {
		t.Errorf("ScanLeaks of a three-letter school = %q, want none", got)
	}
}
