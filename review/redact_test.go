package review

import (
	"slices"
	"testing"
)

func TestRedact(t *testing.T) {
	c := &Candidate{Name: "José Halvorsen", Email: "jose.h@mail.example.org", District: "Hilo Uplands", State: "HI",
		Extra: map[string]string{PhoneField: "+1 (808) 555-0199", "educator_id": "ED-123456"}}
	r := NewRedactor(c)
	for _, tc := range []struct{ in, want string }{
		{"My name is José Halvorsen.", "My name is [candidate name]."},
		{"My name is JOSE  halvorsen.", "My name is [candidate name]."},
		{"My name is Jose\nHalvorsen.", "My name is [candidate name]."},
		{"see jose_halvorsen.pdf", "see [candidate name].pdf"},
		{"josehalvorsen wrote", "[candidate name] wrote"},
		{"Mr. Hálvorsen said", "Mr. [candidate name] said"},
		{"Jose said", "[candidate name] said"},
		{"Halvorsens and halvorsenite", "Halvorsens and halvorsenite"}, // whole words only
		{"mail jose.h@mail.example.org today", "mail [candidate email] today"},
		{"mail JOSE.H @ MAIL.example.org.", "mail [candidate email]."},
		{"call (808) 555-0199 or 808.555.0199 or 1 808 555 0199", "call [candidate phone] or [candidate phone] or [candidate phone]"},
		{"(call 808-555-0199)", "(call [candidate phone])"},
		{"call +1 (808) 555-0199 or +1 808 555 0199.", "call [candidate phone] or [candidate phone]."},
		{"call (+1 808) 555-0199", "call [candidate phone]"},
		// An address built on the name is the candidate's: all of it goes.
		{"write to jose.halvorsen@waiakea.k12.hi.us.", "write to [candidate email]."},
		{"or JHalvorsen@school.org, or halvorsen.j@school.org", "or JHalvorsen@school.org, or [candidate email]"},
		{"Halvorsen@Home: notes", "[candidate name]@Home: notes"},
		{"call 808-555-0198", "call 808-555-0198"},
		{"I teach in hilo uplands, Hawaii.", "I teach in [candidate district], [candidate state]."},
		{"Hawaii, HI and hi", "[candidate state], HI and hi"}, // codes are ordinary words
		{"ID ED-123456", "ID ED-123456"},                      // other extras stay flagged, not redacted
		{"nothing here", "nothing here"},
	} {
		got, n := r.Redact(tc.in)
		if got != tc.want {
			t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if (n > 0) != (got != tc.in) {
			t.Errorf("Redact(%q) count %d", tc.in, n)
		}
	}
}

// TestRedactDotlessI: "ı" has no decomposition; drawn like an i in a
// Latin name, it is read as one.
func TestRedactDotlessI(t *testing.T) {
	if got, _ := NewRedactor(&Candidate{Name: "Dana Ruiz"}).Redact("Ms. Ruız and DANA RUİZ"); got != "Ms. [candidate name] and [candidate name]" {
		t.Errorf("got %q", got)
	}
}

func TestRedactCommonWordParts(t *testing.T) {
	r := NewRedactor(&Candidate{Name: "Will Young"})
	got, _ := r.Redact("I will ask Will; Young students grow young. Will Young signed.")
	want := "I will ask [candidate name]; [candidate name] students grow young. [candidate name] signed."
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// Parts of two letters are words as often: written small they stay.
	r = NewRedactor(&Candidate{Name: "An Do"})
	got, _ = r.Redact("I do it, an example. Ask Do; An Do signed. 小龍 stays.")
	want = "I do it, an example. Ask [candidate name]; [candidate name] signed. 小龍 stays."
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	r = NewRedactor(&Candidate{Name: "李 小龍"}) // no capitals in its script: found as it is written
	if got, _ = r.Redact("我是李小龍老师。小龍 signed."); got != "我是[candidate name]老师。[candidate name] signed." {
		t.Errorf("got %q", got)
	}
}

func TestRedactEvidenceKeepsOriginal(t *testing.T) {
	parts := []EvidencePart{
		{Title: "Part 1", Text: "clean"},
		{Title: "Part 2: Ruiz overview", Text: "By Dana Ruiz", Files: []string{"ruiz-plan.pdf", "b.csv"},
			Attachments: []Attachment{{Name: "ruiz-plan.pdf", Hash: "h1"}, {Name: "b.csv", Hash: "h2"}}},
	}
	out, note, spans := NewRedactor(&Candidate{Name: "Dana Ruiz"}).RedactEvidence(parts, "Dana changed part 2")
	want := []Leak{{Part: -1, Start: 0, End: 4, Kind: LeakCandidateName}, {Part: 1, Title: true, Start: 8, End: 12, Kind: LeakCandidateName},
		{Part: 1, Start: 3, End: 12, Kind: LeakCandidateName}, {Part: 1, File: 1, Start: 0, End: 4, Kind: LeakCandidateName}}
	if !slices.Equal(spans, want) {
		t.Errorf("spans = %+v, want %+v", spans, want)
	}
	if out[1].Title != "Part 2: [candidate name] overview" || out[1].Text != "By [candidate name]" || out[1].Files[0] != "[candidate name]-plan.pdf" || out[1].Attachments[0].Name != "[candidate name]-plan.pdf" || out[1].Files[1] != "b.csv" {
		t.Errorf("redacted = %+v", out[1])
	}
	if got := LeakPlaceOf(out, spans[1], nil); got != "the title of part 2" {
		t.Errorf("a title's span is in %q", got)
	}
	if note != "[candidate name] changed part 2" {
		t.Errorf("note = %q", note)
	}
	if parts[1].Title != "Part 2: Ruiz overview" || parts[1].Text != "By Dana Ruiz" || parts[1].Files[0] != "ruiz-plan.pdf" || parts[1].Attachments[0].Name != "ruiz-plan.pdf" {
		t.Errorf("original changed: %+v", parts[1])
	}
	if same, _, spans := NewRedactor(&Candidate{Name: "Kim Ota"}).RedactEvidence(parts, ""); len(spans) != 0 || &same[0] != &parts[0] {
		t.Errorf("no match should return parts as they are, spans %v", spans)
	}
}

// TestRedactSpellings: a value written so that a reader sees the same word
// is redacted: compatibility and look-alike letters, digits of any script,
// apostrophes and ʻokina inside a word, a percent escape between words, a
// name run together with digits, and the district without its kind.
func TestRedactSpellings(t *testing.T) {
	r := NewRedactor(&Candidate{Name: "Marisol Kaʻaihue", District: "Hilo Complex Area", State: "HI",
		Extra: map[string]string{PhoneField: "(808) 555-0199"}})
	for _, tc := range []struct{ in, want string }{
		{"Ｍａｒｉｓｏｌ wrote", "[candidate name] wrote"}, // full-width
		{"Mаrisol wrote", "[candidate name] wrote"}, // Cyrillic а
		{"Marisοl wrote", "[candidate name] wrote"}, // Greek ο
		{"Kaaihue, Ka'aihue, Ka’aihue", "[candidate name], [candidate name], [candidate name]"},
		{"name=Marisol%20Kaʻaihue&x=1", "name=[candidate name]&x=1"},
		{"lesson%20by%20Marisol%20Kaaihue.pdf", "lesson%20by%20[candidate name].pdf"}, // ASCII: the quick test too
		{"Kaaihue2024_portfolio.pdf, 2024Marisol.pdf", "[candidate name]2024_portfolio.pdf, 2024[candidate name].pdf"},
		{"plan-MarisolKaaihue2024.pdf", "plan-[candidate name]2024.pdf"},
		{"call 808/555/0199 or 808–555–0199", "call [candidate phone] or [candidate phone]"},
		{"call ８０８ ５５５ ０１９９ or ٨٠٨-٥٥٥-٠١٩٩", "call [candidate phone] or [candidate phone]"},
		{"I teach in Hilo, in Hilo Complex Area.", "I teach in [candidate district], in [candidate district]."},
		{"a hilo of thread", "a hilo of thread"}, // the district's name alone only as a place name
		{"Hawaiʻi and Hawai'i and Hawaii", "[candidate state] and [candidate state] and [candidate state]"},
		{"Maria and Kai", "Maria and Kai"},
	} {
		if got, _ := r.Redact(tc.in); got != tc.want {
			t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// Names in other scripts, in any case; a word wholly in one script is
	// not read as a Latin look-alike.
	for _, tc := range []struct{ name, in, want string }{
		{"Ольга Петрова", "ОЛЬГА ПЕТРОВА и ольга петрова", "[candidate name] и [candidate name]"},
		{"Ελένη Μαρκου", "ΕΛΕΝΗ ΜΑΡΚΟΥ, ελένη μαρκου", "[candidate name], [candidate name]"},
		{"Νίκος Παπαδόπουλος", "ΝΙΚΟΣ ΠΑΠΑΔΟΠΟΥΛΟΣ", "[candidate name]"},
		{"Cam Tom", "сам том, Cаm Tоm", "сам том, [candidate name]"},
		{"Ana Shell", "She'll check; she’ll regroup. Shell Oil.", "She'll check; she’ll regroup. [candidate name] Oil."},
		// An everyday word run together with digits is a file's or a
		// date's; a name that is no word is the candidate's there too.
		{"Daniel Day", "Unit2_Day3.pdf, May2024, Day 3: Day", "Unit2_Day3.pdf, May2024, [candidate name] 3: [candidate name]"},
		{"Tina Rustova", "Rustova2023_plan.pdf", "[candidate name]2023_plan.pdf"},
		{"Lee Cant", "I can't stop. Cant stops.", "I can't stop. [candidate name] stops."},
		{"Jon Ive", "I've tried; Ive tried.", "I've tried; [candidate name] tried."},
	} {
		if got, _ := NewRedactor(&Candidate{Name: tc.name}).Redact(tc.in); got != tc.want {
			t.Errorf("%s: Redact(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
	// An ASCII value, whose quick check must read through the apostrophe too.
	r = NewRedactor(&Candidate{Name: "Sean ONeill", District: "Waianae"})
	if got, _ := r.Redact("by O'Neill in Wai'anae"); got != "by [candidate name] in [candidate district]" {
		t.Errorf("ASCII values through an apostrophe: %q", got)
	}
	// The other way round: the vault's ʻokina or apostrophe, the evidence's bare word.
	r = NewRedactor(&Candidate{Name: "Sean O'Neill", District: "Waiʻanae"})
	for in, want := range map[string]string{
		"ONeill and Oneill and O’Neill": "[candidate name] and [candidate name] and [candidate name]",
		"Ms. Neill":                     "Ms. [candidate name]",
		"in Waianae and Wai'anae":       "in [candidate district] and [candidate district]",
	} {
		if got, _ := r.Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRedactUnspacedScripts: a name in a script that runs words together,
// or joins words to it, is found with no word edge around it; a name's
// part of one letter is not matched alone, as a Latin initial is not.
func TestRedactUnspacedScripts(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"李 小龍", "我是李小龍老师。我的名字是李 小龍。小龍老师的班级。 Signed: 小龍",
			"我是[candidate name]老师。我的名字是[candidate name]。[candidate name]老师的班级。 Signed: [candidate name]"},
		{"李 小龍", "李子和小学", "李子和小学"}, // the surname's one letter alone, and not the given name
		{"山田 太郎", "私は山田太郎です。太郎より", "私は[candidate name]です。[candidate name]より"},
		{"김민수", "저는 김민수입니다. 김민수는 교사입니다.", "저는 [candidate name]입니다. [candidate name]는 교사입니다."},
		{"สมชาย ใจดี", "ครูสมชายใจดีสอน", "ครู[candidate name]สอน"},
		// Arabic: "and", "with", "for" joined before the name stay.
		{"محمد العلي", "أنا محمد العلي، معلم. اسمي محمد. والعلي هنا. بمحمد وللعلي",
			"أنا [candidate name]، معلم. اسمي [candidate name]. و[candidate name] هنا. ب[candidate name] ول[candidate name]"},
		// A short name after a letter is another word: fa + Ali is "actually".
		{"علي حسن", "فعلي قال علي", "فعلي قال [candidate name]"},
		// Stretched with tatweel, a name reads the same; two proclitics.
		{"سارة العـلي", "أنا سارة العلي. العـــلي. سـارة. وبالعلي", "أنا [candidate name]. [candidate name]. [candidate name]. وب[candidate name]"},
		// Hebrew joins "and", "in", "to", "from", "that" to a name, up to three.
		{"מיכל לוי", "אני מיכל לוי. ומיכל ולוי כתבו. למיכל, וכשמיכל, מ-לוי", "אני [candidate name]. ו[candidate name] ולוי כתבו. ל[candidate name], וכש[candidate name], מ-[candidate name]"},
		{"דוד כהן", "ודוד ובכהן; דודה", "ודוד ובכהן; דודה"}, // three letters: "and a boiler", "aunt"
		// A name of three letters or less after them is as often a word,
		// and "the" (ה) never comes before a person's name.
		{"לאה כהן", "וכן הלאה", "וכן הלאה"},                                          // "and so on"
		{"שני לוי", "בשלב השני", "בשלב השני"},                                        // "in the second stage"
		{"גיל לוי", "בגיל 10", "בגיל 10"},                                            // "at age 10"
		{"מיכל לוי", "המיכל התמלא", "המיכל התמלא"},                                   // "the container filled"
		{"שלמה לוי", "השלמה של המשימה; ושלמה", "השלמה של המשימה; ו[candidate name]"}, // "the completion"
		// A one-syllable Korean surname is a particle in other words.
		{"이 민호", "이것은 학생이 좋아했다. 이민호 선생님. 민호야", "이것은 학생이 좋아했다. [candidate name] 선생님. [candidate name]야"},
		// Run together, the given name after a one- or two-letter family name.
		{"王小明", "我叫王小明。小明老师说。", "我叫[candidate name]。[candidate name]老师说。"},
		{"山田太郎", "山田さんと太郎くん", "[candidate name]さんと[candidate name]くん"},
		{"田中一", "田中一です。田中さん。", "[candidate name]です。[candidate name]さん。"},
		{"김민수", "김민 씨", "김민 씨"}, // a Korean family name is one syllable
		{"김민수", "민수야 안녕", "[candidate name]야 안녕"},
		// A Thai name is not split into words that are not its parts.
		{"สมชาย ใจดี", "ชายคนนั้นสมควร", "ชายคนนั้นสมควร"}, // "that man deserves": not ชาย, สม of สมชาย
	} {
		if got, _ := NewRedactor(&Candidate{Name: tc.name}).Redact(tc.in); got != tc.want {
			t.Errorf("%s: Redact(%q)\n got %q\nwant %q", tc.name, tc.in, got, tc.want)
		}
	}
}

// TestRedactNameRunTogetherBackwards: the name run together last name
// first is the candidate's name; user names made with an initial are not
// read (too many are words: "trust" of Tina Rust).
func TestRedactNameRunTogetherBackwards(t *testing.T) {
	r := NewRedactor(&Candidate{Name: "Keala Mahoe"})
	got, _ := r.Redact("MahoeKeala signed; mahoekeala too.")
	if want := "[candidate name] signed; [candidate name] too."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	r = NewRedactor(&Candidate{Name: "Tina Rust"})
	if got, _ = r.Redact("We trust the rustt data."); got != "We trust the rustt data." {
		t.Errorf("got %q", got)
	}
	r = NewRedactor(&Candidate{Name: "An Do"}) // short: "Doan" is a name of its own
	if got, _ = r.Redact("Ms. Doan said."); got != "Ms. Doan said." {
		t.Errorf("got %q", got)
	}
}

// TestRedactRunTogetherInCapitals: a name run together with other words
// in capitals, as many file names, tags and class sites are written, is
// redacted (and a name written with an inner capital is found in any
// case); an everyday word of the name run together so is a product's or a
// file's ("PowerPoint"), and stays.
func TestRedactRunTogetherInCapitals(t *testing.T) {
	for _, tc := range []struct {
		who      Candidate
		in, want string
	}{
		{Candidate{Name: "Keanu Halvorsen", District: "Hilo Uplands"}, "HalvorsenLessonPlan.docx", "[candidate name]LessonPlan.docx"},
		{Candidate{Name: "Keanu Halvorsen", District: "Hilo Uplands"}, "KeanuHalvorsenReflection.pdf", "[candidate name]Reflection.pdf"},
		{Candidate{Name: "Keanu Halvorsen", District: "Hilo Uplands"}, "Follow #MrHalvorsenScience", "Follow #Mr[candidate name]Science"},
		{Candidate{Name: "Keanu Halvorsen", District: "Hilo Uplands"}, "sites.google.com/view/MrsHalvorsenClass", "sites.google.com/view/Mrs[candidate name]Class"},
		{Candidate{Name: "Keanu Halvorsen", District: "Hilo Uplands"}, "HiloUplandsPlan.pdf", "[candidate district]Plan.pdf"},
		{Candidate{Name: "Rose McDonald"}, "McDonald, mcdonald, MCDONALD", "[candidate name], [candidate name], [candidate name]"},
		{Candidate{Name: "Rose McDonald"}, "RoseMcDonaldPlan.pdf", "[candidate name]Plan.pdf"},
		{Candidate{Name: "Ann Power"}, "my PowerPoint and MrsPowerSlides.pptx", "my PowerPoint and MrsPowerSlides.pptx"},
		{Candidate{Name: "Ann Power"}, "Slides by Ann Power", "Slides by [candidate name]"},
		{Candidate{Name: "Carlos De La Cruz"}, "DeLaCruzLessonPlan.pdf, #MrDeLaCruz", "[candidate name]LessonPlan.pdf, #Mr[candidate name]"},
		{Candidate{Name: "Lisa Van Dyke"}, "MrsVanDykeClass", "Mrs[candidate name]Class"},
	} {
		if got, _ := NewRedactor(&tc.who).Redact(tc.in); got != tc.want {
			t.Errorf("%s, %q:\n got %q\nwant %q", tc.who.Name, tc.in, got, tc.want)
		}
	}
}
