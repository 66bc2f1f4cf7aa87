package review

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Redaction (docs/workflow.md, "Anonymity"). The leak scan flags a detail;
// redaction removes it. At import, every occurrence of the candidate's own
// vault values in what a reviewer will read (evidence text, the note, file
// names, the text of files) is replaced by a marker. The evidence as
// submitted is kept apart for leads (store: bucketSubmitted).

// Markers that replace a candidate's own values.
const (
	MarkName     = "[candidate name]"
	MarkEmail    = "[candidate email]"
	MarkPhone    = "[candidate phone]"
	MarkDistrict = "[candidate district]"
	MarkState    = "[candidate state]"
	MarkRedacted = "[redacted]" // what a lead redacts (assessor leaks redact)
)

// Kinds of redacted span, beside LeakCandidateName and LeakCandidateEmail:
// what was redacted at import, recorded for leads (never stored on the
// attempt a reviewer reads, so not Leak kinds the scan reports).
const (
	leakCandidatePhone    = "candidate-phone"
	leakCandidateDistrict = "candidate-district"
	leakCandidateState    = "candidate-state"
)

// PhoneField is the candidate.* extra field that holds a phone number.
const PhoneField = "phone"

// Redactor replaces one candidate's own values in texts. What it matches,
// on whole words, ignoring case, accents ("José" = "jose") and the spacing
// and punctuation between words:
//   - the full name ("Keanu Halvorsen", "keanu_halvorsen", "KeanuHalvorsen",
//     "HalvorsenKeanu", "Keanu\nHalvorsen"), and each of its parts alone. A part of one
//     letter is never matched alone; a part that is an everyday English
//     word ("Grace", "Young") alone only when written with a capital, as a
//     name is, so "will" in "I will" survives a candidate named Will, as
//     does a part of two letters: "do" of An Do;
//   - the e-mail address, with any spacing around its punctuation, and its
//     user name alone where that identifies (userNames);
//   - the phone (candidate.phone), by its digits: "(808) 555-0199",
//     "808.555.0199" and "+1 808 555 0199" are one number;
//   - the district, and the state when it is written out (MinLeakValueLen
//     letters or more: a postal code such as "OR" is an ordinary word).
//
// Other extra fields are not redacted: they are flagged, and a lead decides.
type Redactor struct {
	pats   []redactPattern
	phones []string // the phone's digits, without a leading country code 1 (phoneForms)
	keys   []string // ASCII-lowered words one of which any match holds
	// starts marks the bytes a key starts with, in both cases.
	starts [256]bool
}

// redactPattern is a sequence of folded words and what replaces it.
type redactPattern struct {
	words []string
	// gaps[i] is what must separate words[i] and words[i+1] once spaces are
	// removed; nil means any run of spaces and name punctuation.
	gaps []string
	kind string
	// capital: matched alone only when its first letter is upper case.
	capital bool
	// tight[i]: between words[i] and words[i+1] stands exactly gaps[i],
	// spaces included, invisible characters not (where the letters and
	// digits of a user name meet: "mkeoni77", "science.7"); elsewhere
	// what gaps nil allows.
	tight []bool
}

// gapFits reports whether gap may stand between words[i] and words[i+1].
func (p redactPattern) gapFits(gap string, i int) bool {
	if p.tight != nil {
		if p.tight[i] {
			return dropInvisible(gap) == p.gaps[i]
		}
		return gapOK(gap, nil, i)
	}
	return gapOK(gap, p.gaps, i)
}

// minDistrictLen is the fewest letters of a district, or of its name
// without its kind, that is redacted, and under MinLeakValueLen only
// written with a capital.
const minDistrictLen = 3

// NewRedactor returns the redactor of c; nil when c is nil or has nothing
// to redact. A nil Redactor redacts nothing.
func NewRedactor(c *Candidate) *Redactor {
	if c == nil {
		return nil
	}
	r := &Redactor{}
	for _, spelt := range spellings(c.Name) {
		name := foldWords(spelt)
		if len(name) > 1 {
			r.pats = append(r.pats, redactPattern{words: name, kind: LeakCandidateName})
			r.pats = append(r.pats, redactPattern{words: []string{strings.Join(name, "")}, kind: LeakCandidateName})
			// Run together the other way: "RuizDana", when long enough
			// not to be a name of its own ("Doan" of An Do). Not the user
			// names made with an initial ("druiz"): too many make words
			// ("trust" of Tina Rust, "ranges" of Sara Range).
			if back := name[len(name)-1] + name[0]; utf8.RuneCountInString(back) >= 6 {
				r.pats = append(r.pats, redactPattern{words: []string{back}, kind: LeakCandidateName})
			}
			if rest := name[1:]; len(rest) > 1 && utf8.RuneCountInString(rest[0]) > 1 {
				// The family name of several words ("De La Cruz", "Van
				// Dyke") run together in capitals ("DeLaCruzPlan.pdf"),
				// and only so: apart, "a young" of Sarah A. Young or
				// "will park" of John Will Park are words.
				n := len(rest) - 1
				r.pats = append(r.pats, redactPattern{words: rest, kind: LeakCandidateName,
					gaps: make([]string, n), tight: slices.Repeat([]bool{true}, n)})
			}
		}
		for _, part := range nameParts(spelt) {
			if len(part) > 1 { // "小龍": a given name of two letters, each a word
				r.pats = append(r.pats, redactPattern{words: part, kind: LeakCandidateName})
			} else if w := part[0]; utf8.RuneCountInString(w) >= 2 {
				// A part of two letters of a cased script ("Do", "An", "Le")
				// is as often a word ("do", "an", "le") as an everyday one.
				short := utf8.RuneCountInString(w) == 2 && strings.ToUpper(w) != w
				r.pats = append(r.pats, redactPattern{words: []string{w}, kind: LeakCandidateName, capital: commonWords[w] || short})
			}
		}
	}
	if e := strings.TrimSpace(c.Email); e != "" {
		words, gaps := foldWordsGaps(e)
		if len(words) > 0 {
			r.pats = append(r.pats, redactPattern{words: words, gaps: gaps, kind: LeakCandidateEmail})
		}
	}
	r.pats = append(r.pats, userNames(c.Email, c.Name)...)
	values := []struct{ value, kind string }{{c.District, leakCandidateDistrict}, {c.State, leakCandidateState}}
	if code, ok := StateCode(c.State); ok {
		for _, name := range stateNames[code] {
			values = append(values, struct{ value, kind string }{name, leakCandidateState})
		}
	}
	for _, v := range values {
		n := letters(v.value)
		// A district of three letters ("Rye", "Ewa") is a place's name
		// only where it is written as one, with a capital: "rye" is grain.
		short := v.kind == leakCandidateDistrict && n >= minDistrictLen && n < MinLeakValueLen
		if n >= MinLeakValueLen || short {
			for _, spelt := range spellings(v.value) {
				r.pats = append(r.pats, redactPattern{words: foldWords(spelt), kind: v.kind, capital: short})
			}
		}
	}
	// The district without its kind ("Hilo" of "Hilo Complex Area", "Rye"
	// of "Rye City School District"), as rule 7 compares districts; alone,
	// only written as a place name is, with a capital, so "central"
	// survives Central School District.
	if key := DistrictKey(c.District); letters(key) >= minDistrictLen && key != strings.Join(foldWords(c.District), " ") {
		for _, spelt := range spellings(key) {
			r.pats = append(r.pats, redactPattern{words: foldWords(spelt), kind: leakCandidateDistrict, capital: true})
		}
	}
	if d := phoneDigits(c.Extra[PhoneField]); d != "" {
		r.phones = phoneForms(d)
	}
	if len(r.pats) == 0 && r.phones == nil {
		return nil
	}
	// Longest first: at one position the full name wins over a part.
	sortPatterns(r.pats)
	for _, p := range r.pats {
		k := p.key()
		if !isASCII(k) {
			r.keys = nil // an accented value: no quick check
			return r
		}
		r.keys = append(r.keys, k)
	}
	for _, phone := range r.phones {
		if len(phone) <= 10 {
			// The area code starts a word, or follows the country code 1
			// in one ("+18085550199").
			r.keys = append(r.keys, phone[:3], "1"+phone[:3])
		} else {
			// Longer, it starts with a country code, which may be of one
			// digit ("+7 495 …"): a word starting with its first digit
			// may start it.
			r.keys = append(r.keys, phone[:1])
		}
	}
	for _, k := range r.keys {
		if k != "" {
			r.starts[k[0]] = true
			if 'a' <= k[0] && k[0] <= 'z' {
				r.starts[k[0]-('a'-'A')] = true
			}
		}
	}
	return r
}

// Redact returns text with every match replaced by its marker, and how many
// were replaced.
func (r *Redactor) Redact(text string) (string, int) {
	spans := r.Spans(text)
	return ReplaceSpans(text, spans), len(spans)
}

// Spans returns where text holds the candidate's values, in order, as
// leaks of the kind each value is (candidate-name, candidate-email, phone,
// candidate-detail); Part and File unset.
func (r *Redactor) Spans(text string) []Leak {
	if r == nil || text == "" || !r.mayMatch(text) {
		return nil
	}
	toks := tokenize(text)
	var out []Leak
	for i := 0; i < len(toks); {
		end, kind, skip := r.matchAt(text, toks, i)
		if end == 0 {
			i++
			continue
		}
		start := toks[i].start + skipLetters(text[toks[i].start:], skip)
		if before, size := utf8.DecodeLastRuneInString(text[:start]); modifierApostrophe(before) {
			// After an ʻokina inside a word, a match is the rest of that
			// word ("Kaʻiulani" is a school, not Iulani); at a word's
			// start, the ʻokina is the name's own ("ʻEwa").
			if inner, _ := utf8.DecodeLastRuneInString(text[:start-size]); isWordRune(inner) {
				i++
				continue
			}
			start -= size
		}
		out = append(out, Leak{Start: start, End: toks[end-1].end, Kind: kind})
		i = end
	}
	return widenSpans(text, out)
}

// widenSpans widens spans that a marker would leave half a thing of:
//   - the candidate's name inside an e-mail address ("jose.alvarez@school.org")
//     is their address: the whole address goes, as their e-mail, since
//     "[candidate name]@school.org" names the school and is no longer an
//     address the leak scan flags;
//   - a phone number written "(808) 555-0199" goes with its opening bracket,
//     and "+1 808 …" with its plus, which its match starts after.
//
// Spans that come to overlap are merged.
func widenSpans(text string, spans []Leak) []Leak {
	out := spans[:0]
	for _, l := range spans {
		switch l.Kind {
		case LeakCandidateName, LeakCandidateEmail:
			lo, hi := l.Start, l.End
			for lo > 0 && (addrByte(text[lo-1]) || text[lo-1] == '@') {
				lo--
			}
			for hi < len(text) && (addrByte(text[hi]) || text[hi] == '@') {
				hi++
			}
			if addr := text[lo:hi]; strings.Contains(addr, "@") && emailPattern.MatchString(addr) {
				l = Leak{Start: lo, End: hi, Kind: LeakCandidateEmail}
				// The address may end in a sentence's full stop.
				for l.End > l.Start && text[l.End-1] == '.' {
					l.End--
				}
			}
		case leakCandidatePhone:
			if l.Start > 0 && text[l.Start-1] == '+' { // "+1 (808) …"
				l.Start--
			}
			if l.Start > 0 && text[l.Start-1] == '(' && strings.IndexByte(text[l.Start:l.End], ')') >= 0 &&
				strings.IndexByte(text[l.Start:l.End], '(') < 0 { // "(808) …", "(+1 808) …"
				l.Start--
			}
		}
		if n := len(out); n > 0 && l.Start < out[n-1].End {
			out[n-1].End = max(out[n-1].End, l.End)
			if l.Kind == LeakCandidateEmail {
				out[n-1].Kind = l.Kind
			}
			continue
		}
		out = append(out, l)
	}
	return out
}

// ReplaceSpans replaces each span of text (in order, not overlapping) by
// the marker of its kind (RedactionMark).
func ReplaceSpans(text string, spans []Leak) string {
	return replaceSpansWith(text, spans, RedactionMark)
}

// replaceSpansWith is ReplaceSpans with mark giving each kind's marker.
func replaceSpansWith(text string, spans []Leak, mark func(kind string) string) string {
	if len(spans) == 0 {
		return text
	}
	var b strings.Builder
	from := 0
	for _, l := range spans {
		b.WriteString(text[from:l.Start])
		b.WriteString(mark(l.Kind))
		from = l.End
	}
	b.WriteString(text[from:])
	return b.String()
}

// RedactionMark is the marker that replaces a span of kind: the candidate's
// own values by what they are, anything a lead redacts as "[redacted]".
func RedactionMark(kind string) string {
	switch kind {
	case LeakCandidateName:
		return MarkName
	case LeakCandidateEmail:
		return MarkEmail
	case leakCandidatePhone:
		return MarkPhone
	case leakCandidateDistrict:
		return MarkDistrict
	case leakCandidateState:
		return MarkState
	}
	return MarkRedacted
}

// RedactEvidence returns parts and note as a reviewer may read them: the
// candidate's values replaced in the texts, the titles, the note and the
// file names (Files and their Attachments' names). spans says what was
// replaced, where, in the evidence as submitted (Part -1 for the note,
// Title for a part's title, File n for the n-th file name). When nothing
// was, parts is returned as it is, otherwise a copy. The text inside files
// is left alone (the store redacts it, as it holds the files).
func (r *Redactor) RedactEvidence(parts []EvidencePart, note string) (out []EvidencePart, redactedNote string, spans []Leak) {
	redact := func(at Leak, text string) string {
		found := r.Spans(text)
		for _, l := range found {
			l.Part, l.File, l.Title = at.Part, at.File, at.Title
			spans = append(spans, l)
		}
		return ReplaceSpans(text, found)
	}
	redactedNote = redact(Leak{Part: -1}, note)
	out = parts
	cloned := false
	for i, p := range parts {
		before := len(spans)
		title := redact(Leak{Part: i, Title: true}, p.Title)
		text := redact(Leak{Part: i}, p.Text)
		var files []string // a copy once a name changes
		for j, f := range p.Files {
			if name := redact(Leak{Part: i, File: j + 1}, f); name != f || files != nil {
				if files == nil {
					files = slices.Clone(p.Files)
				}
				files[j] = name
			}
		}
		if len(spans) == before {
			continue
		}
		if !cloned {
			out, cloned = CloneParts(parts), true
		}
		out[i].Title, out[i].Text = title, text
		if files == nil {
			continue
		}
		out[i].Files = files
		for j := range out[i].Attachments {
			if j < len(files) {
				out[i].Attachments[j].Name = files[j]
			}
		}
	}
	return out, redactedNote, spans
}

// CloneParts copies parts deeply enough to change texts, names and
// attachments without touching the original.
func CloneParts(parts []EvidencePart) []EvidencePart {
	out := make([]EvidencePart, len(parts))
	for i, p := range parts {
		p.Files = append([]string(nil), p.Files...)
		p.Attachments = append([]Attachment(nil), p.Attachments...)
		out[i] = p
	}
	return out
}
