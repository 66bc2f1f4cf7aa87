package review

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kinds of likely identity leak (docs/workflow.md, "Anonymity").
const (
	LeakCandidateName   = "candidate-name"   // the candidate's full name, or last name alone
	LeakCandidateEmail  = "candidate-email"  // the candidate's own e-mail address
	LeakCandidateDetail = "candidate-detail" // the candidate's district, state or an extra field
	LeakEmail           = "email"            // any other e-mail address
	LeakPhone           = "phone"            // a US-style phone number
	LeakListedName      = "listed-name"      // a school or district name from the configured list
)

// Leak is one likely identifying detail found in an attempt's evidence. It
// records where the detail is and what kind it is, never the matched text:
// the span is enough to highlight it, and a stored copy of a vault value
// outside the vault would be a leak of its own.
type Leak struct {
	// Part is the index into the attempt's Parts, or -1 for the
	// resubmission note.
	Part int `json:"part"`
	// File is 0 when the span is in the part's text (or the note), and n ≥ 1
	// when it is in the part's n-th file name, Files[n-1].
	File int `json:"file,omitempty"`
	// Attachment is set when the span is in the text of the file itself
	// (its bytes, or a PDF's extracted text; see AttachmentText) rather
	// than in its name. File then says which file.
	Attachment bool `json:"attachment,omitempty"`
	// Title is set when the span is in the part's title (File is then 0):
	// a submission names its own parts, so a title may name its candidate.
	Title bool `json:"title,omitempty"`
	// Start and End are the byte span [Start, End) in that text or file name.
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  string `json:"kind"`
}

// MinLeakValueLen is the length, in letters, under which an identity value
// (a short last name, a two-letter state) is not looked for on its own:
// such strings occur in ordinary prose far more often than as a leak.
const MinLeakValueLen = 4

// LeakScanner finds likely identity leaks in evidence. Build it once with
// the configured list of school and district names and scan many attempts;
// it is safe for concurrent use.
//
// What it looks for, all case-insensitive:
//   - the candidate's full name ("Dana Ruiz"; tokens may be joined by
//     spaces, dots, dashes or underscores, so "dana_ruiz.pdf" counts), first
//     and last name when the full name has more tokens, and the last name on
//     its own when it has MinLeakValueLen letters or more and is not a common
//     English word ("Young", "Brown"). A first name alone is never flagged:
//     too many first names are ordinary words;
//   - the candidate's own e-mail address, and any other e-mail address;
//   - US-style phone numbers with separators: (808) 555-0199, 808-555-0199,
//     808.555.0199, +1 808 555 0199, and seven digits as 555-0199. Years,
//     ranges and dates ("2023-2024", "14 of 22", "2024-02-01") are not phones;
//   - the candidate's district, state and extra fields, when they have
//     MinLeakValueLen letters or more;
//   - every listed school or district name.
//
// Names match whole words only: "Hall" does not match "hallway". Overlapping
// finds keep the one that starts first (then the longest), so a name inside
// an e-mail address is reported once, as the e-mail.
type LeakScanner struct {
	listed *keyedPattern // nil when the list is empty
}

// NewLeakScanner returns a scanner for the configured list of school and
// district names; blank entries are ignored.
func NewLeakScanner(listed []string) *LeakScanner {
	var pats, keys []string
	longest := 0
	for _, n := range listed {
		n = unaccented(n)
		if p := phrasePattern(n, nameSep); p != "" {
			pats = append(pats, p)
			keys = append(keys, longestWord(n))
			longest = max(longest, len(n))
		}
	}
	// Compiled now: a scanner is shared, and find must not write to it.
	return &LeakScanner{listed: newKeyedPattern(pats, keys, longest).compile()}
}

// ScanLeaks is NewLeakScanner(listed).Scan(parts, note, c), for one attempt.
func ScanLeaks(parts []EvidencePart, note string, c *Candidate, listed []string) []Leak {
	return NewLeakScanner(listed).Scan(parts, note, c)
}

// Scan returns the leaks in every part's title, text and file names and in
// the note, ordered by part (the note, -1, first), title, file and start. c
// may be nil when the application has no identity on record; then only
// e-mails, phones and listed names are found. A submission names its own
// parts, so a title may name someone as a text may.
func (s *LeakScanner) Scan(parts []EvidencePart, note string, c *Candidate) []Leak {
	who := newCandidatePatterns(c)
	var out []Leak
	add := func(at Leak, text string) {
		for _, l := range s.scanText(text, who) {
			l.Part, l.File, l.Title = at.Part, at.File, at.Title
			out = append(out, l)
		}
	}
	add(Leak{Part: -1}, note)
	for i, p := range parts {
		add(Leak{Part: i, Title: true}, p.Title)
		add(Leak{Part: i}, p.Text)
		for j, f := range p.Files {
			add(Leak{Part: i, File: j + 1}, f)
		}
	}
	return out
}

// ScanAttachment returns the leaks in the text of part's file-th file
// (1-based, as Leak.File), found as Scan finds them in evidence text, with
// Attachment set. text is what AttachmentText returned for the file.
func (s *LeakScanner) ScanAttachment(part, file int, text string, c *Candidate) []Leak {
	out := s.scanText(text, newCandidatePatterns(c))
	for i := range out {
		out[i].Part, out[i].File, out[i].Attachment = part, file, true
	}
	return out
}

// handles are the user-name forms of a name (first, last) that hold the
// last name: its first initial before or after it ("kmahoe", "mahoek"), as
// logins and file names write a person, e-mail or not; and as logins are
// ASCII, also without accents ("jalvarez" of José Álvarez), and a last name
// of parts joined by a hyphen or apostrophe as written, run together and
// by its parts of four letters or more ("so'neill", "soneill", "druizlopez",
// "dlopez"); none under four letters. They are flagged, not redacted: such
// a form may be a word ("shape" of Sam Hape) that a lead reading the flag
// will know from a name.
func handles(first, last string) []string {
	initial, _ := utf8.DecodeRuneInString(first)
	if !unicode.IsLetter(initial) {
		return nil
	}
	parts := strings.FieldsFunc(last, notLetter)
	lasts := []string{last, strings.Join(parts, "")}
	for _, p := range parts {
		if len(parts) > 1 && letters(p) >= MinLeakValueLen {
			lasts = append(lasts, p)
		}
	}
	var forms []string
	seen := map[string]bool{}
	for _, l := range lasts {
		for _, l := range []string{l, unaccented(l)} {
			if letters(l)+1 < MinLeakValueLen {
				continue // a last name of no letters would leave the initial alone
			}
			// Þóra's login is typed with a t, Ægir's with an a: the first
			// letter of the initial as typed (unaccented gives "Th", "Ae").
			typed := unaccented(string(initial))
			first, _ := utf8.DecodeRuneInString(typed) // 李 has none but itself
			for _, i := range []string{string(initial), typed, string(first)} {
				for _, form := range []string{i + l, l + i} {
					if f := strings.ToLower(form); !seen[f] {
						seen[f] = true
						forms = append(forms, form)
					}
				}
			}
		}
	}
	return forms
}

// minProseHandle is the fewest letters of a handle (a user-name form of a
// name) taken for the name in prose: "kmahoe" is a login, "trust" of Tina
// Rust and "shape" of Sam Hape are words.
const minProseHandle = 6

// newHandlePattern is the pattern of the handles of (first, last).
func newHandlePattern(first, last string) *keyedPattern {
	var pats []string
	keys := []string{last}
	longest := 0
	for _, form := range handles(first, last) {
		pats = append(pats, regexp.QuoteMeta(form))
		longest = max(longest, len(form))
		// A key is a pass over every text: a form that holds one already
		// ("druiz" holds "ruiz") needs none.
		if f := strings.ToLower(form); !slices.ContainsFunc(keys, func(k string) bool { return strings.Contains(f, strings.ToLower(k)) }) {
			keys = append(keys, form)
		}
	}
	return newKeyedPattern(pats, keys, longest)
}

// identifierReach is how far inIdentifier reads on either side of a match.
const identifierReach = 256 // a file name is at most 255 bytes

// inIdentifier reports whether text[start:end] is in a file name,
// address, path or handle: the run of text between spaces around it holds
// an underscore, slash, at sign or digit, a percent escape, or a dot or
// colon between letters ("druiz.pdf", "drive/druiz"), not a sentence's
// full stop or a hyphenated word ("trust-building").
func inIdentifier(text string, start, end int) bool {
	// Only so far on either side: a file name or address is shorter, and
	// a text of many matches without a space must not cost each the run.
	from, to := runeStart(text, start-identifierReach), runeStart(text, end+identifierReach)
	lo := from + strings.LastIndexFunc(text[from:start], unicode.IsSpace) + 1
	hi := end + strings.IndexFunc(text[end:to], unicode.IsSpace)
	if hi < end {
		hi = to
	}
	run := text[lo:hi]
	if strings.ContainsAny(run, "_/\\@#=~+%") || strings.ContainsFunc(run, unicode.IsDigit) {
		return true
	}
	for i, r := range run {
		if r == '.' || r == ':' {
			before, _ := utf8.DecodeLastRuneInString(run[:i])
			after, _ := utf8.DecodeRuneInString(run[i+1:])
			if isWordRune(before) && isWordRune(after) {
				return true
			}
		}
	}
	return false
}

// gluedWord is a word of the candidate's that redaction leaves where
// digits are run together with it (an everyday word or two letters of the
// name, the district's key): kind is what it is flagged as there.
type gluedWord struct{ word, kind string }

// findGlued calls fn with each whole word of text that is one of words,
// capitalised, with digits run together with it before or after ("Gr5Ng",
// "Day2024_plan.pdf", "Hilo2024_report.pdf"): a file's or a date's name,
// which may be the candidate's. It looks only beside digits: most of a
// text is words.
func findGlued(text string, words []gluedWord, fn func(kind string, start, end int)) {
	if len(words) == 0 {
		return
	}
	last := -1 // the start of the word reported last: "5Ng2" has digits on both sides
	check := func(start, end int) {
		first, _ := utf8.DecodeRuneInString(text[start:])
		if start == last || !unicode.IsUpper(first) {
			return
		}
		run := unaccented(text[start:end])
		for _, w := range words {
			if strings.EqualFold(run, w.word) {
				fn(w.kind, start, end)
				last = start
				return
			}
		}
	}
	for i, size := 0, 1; i < len(text); i += size {
		// ASCII bytes are compared; other runes decoded, for digits of
		// other scripts ("Day٢٠٢٤"), as the redactor reads them.
		size = 1
		if c := text[i]; c >= utf8.RuneSelf {
			var r rune
			// No digit of another script comes before U+0660 (Arabic-Indic).
			if r, size = utf8.DecodeRuneInString(text[i:]); r < 0x660 || !unicode.IsDigit(r) {
				continue
			}
		} else if !isDigitByte(c) {
			continue
		}
		if r, n := utf8.DecodeLastRuneInString(text[:i]); n > 0 && unicode.IsLetter(r) {
			start := i - n
			for r, n := utf8.DecodeLastRuneInString(text[:start]); n > 0 && unicode.IsLetter(r); r, n = utf8.DecodeLastRuneInString(text[:start]) {
				start -= n
			}
			check(start, i)
		}
		if r, n := utf8.DecodeRuneInString(text[i+size:]); n > 0 && unicode.IsLetter(r) {
			end := i + size + n
			for r, n := utf8.DecodeRuneInString(text[end:]); n > 0 && unicode.IsLetter(r); r, n = utf8.DecodeRuneInString(text[end:]) {
				end += n
			}
			check(i+size, end)
		}
	}
}

// candidatePatterns are one candidate's identity as patterns.
type candidatePatterns struct {
	names *keyedPattern // full name, first+last, last name alone
	// handles are the name's user-name forms, found where a file name,
	// address or path has them, and in prose too when handlesInProse: of
	// a last name of five letters or more, not an everyday word ("mkeoni"
	// is a login; "trust" of Tina Rust a word, and "group" of Gina Roup).
	handles        *keyedPattern
	handlesInProse bool
	// glued are the words redaction leaves where digits are run together
	// with them, as in a file's or a date's name ("Unit2_Day3.pdf"):
	// flagged there, capitalised, for a lead to judge ("Day2024_plan.pdf").
	glued []gluedWord
	// endings are the name's words, found with an ending, as languages
	// that decline names write them (leaks_endings.go).
	endings []endingStem
	email   *keyedPattern
	details *keyedPattern // district, state, extras
	// marked reads the markers redaction leaves for the district and
	// state as the words they replaced, for the listed names and details
	// around them: {marker, value} pairs.
	marked [][2]string
}

// nameSep joins the words of a candidate's name, details and listed names:
// spaces in prose, and the dots, dashes and underscores of file names and
// e-mail local parts.
const nameSep = `[\s._-]+`

func newCandidatePatterns(c *Candidate) candidatePatterns {
	var p candidatePatterns
	if c == nil {
		return p
	}
	var names []string
	tokens := strings.Fields(c.Name)
	if len(tokens) > 1 {
		names = append(names, phrasePattern(c.Name, nameSep))
		if len(tokens) > 2 {
			names = append(names, phrasePattern(tokens[0]+" "+tokens[len(tokens)-1], nameSep))
		}
	}
	if len(tokens) > 0 {
		// Every name pattern holds the last name: it is the key.
		last := tokens[len(tokens)-1]
		prose := letters(last) >= MinLeakValueLen && !commonWords[strings.ToLower(last)]
		if prose {
			names = append(names, regexp.QuoteMeta(last))
		}
		p.names = newKeyedPattern(names, []string{last}, len(c.Name))
		if len(tokens) > 1 {
			p.handles, p.handlesInProse = newHandlePattern(tokens[0], last), prose && letters(last)+1 >= minProseHandle
		}
		for _, w := range strings.FieldsFunc(c.Name, notLetter) {
			// The parts redaction takes alone only capitalised, and not
			// run together with digits (Redactor: capital).
			if n, plain := letters(w), unaccented(w); n == 2 || n >= 3 && commonWords[strings.ToLower(plain)] {
				p.glued = append(p.glued, gluedWord{plain, LeakCandidateName})
			}
		}
	}
	p.endings = endingStems(c.Name)
	if e := strings.TrimSpace(c.Email); e != "" {
		p.email = newKeyedPattern([]string{regexp.QuoteMeta(e)}, []string{e}, len(e))
	}
	var details, keys []string
	longest := 0
	for _, v := range append([]string{c.District, c.State}, sortedValues(c.Extra)...) {
		if v = unaccented(v); letters(v) >= MinLeakValueLen {
			details = append(details, phrasePattern(v, nameSep)) // "Waiakea_Elementary_plan.txt" too
			keys = append(keys, longestWord(v))
			longest = max(longest, len(v))
		}
	}
	p.details = newKeyedPattern(details, keys, longest)
	if d := DistrictKey(c.District); d != "" {
		p.marked = append(p.marked, [2]string{MarkDistrict, d})
		if letters(d) >= MinLeakValueLen && !strings.Contains(d, " ") {
			p.glued = append(p.glued, gluedWord{unaccented(d), LeakCandidateDetail}) // "Hilo2024_report.pdf"
		}
	}
	if code, ok := StateCode(c.State); ok && len(stateNames[code]) > 0 {
		p.marked = append(p.marked, [2]string{MarkState, stateNames[code][0]})
	}
	return p
}

// scanText finds the leaks in one text, overlaps resolved, Part unset. It
// matches as if the text had no invisible characters, and reports spans of
// the text as it is.
func (s *LeakScanner) scanText(text string, who candidatePatterns) []Leak {
	seen, at := withoutInvisible(text)
	found := s.scanVisible(seen, who)
	if at != nil {
		for i := range found {
			found[i].Start, found[i].End = at[found[i].Start], at[found[i].End-1]+1
		}
	}
	return found
}

// scanVisible is scanText on a text without invisible characters.
func (s *LeakScanner) scanVisible(text string, who candidatePatterns) []Leak {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	var found []Leak
	add := func(kind string) func(int, int) {
		return func(start, end int) { found = append(found, Leak{Start: start, End: end, Kind: kind}) }
	}
	lower := asciiLower(text)
	who.email.find(text, lower, emailBoundary, add(LeakCandidateEmail))
	addrs := addrText(text)
	emailRegions(addrs, func(lo, hi int) {
		findIn(emailPattern, addrs, lo, hi, emailBoundary, add(LeakEmail))
	})
	if digits, at := phoneText(text); at == nil {
		phoneRegions(text, func(lo, hi int) { findIn(phonePattern, text, lo, hi, phoneBoundary, add(LeakPhone)) })
	} else {
		phoneRegions(digits, func(lo, hi int) {
			findIn(phonePattern, digits, lo, hi, phoneBoundary, func(start, end int) { add(LeakPhone)(at[start], at[end]) })
		})
	}
	who.names.find(text, lower, wordBoundary, add(LeakCandidateName))
	who.handles.find(text, lower, func(text string, start, end int) bool {
		return wordBoundary(text, start, end) && (who.handlesInProse || inIdentifier(text, start, end))
	}, add(LeakCandidateName))
	findGlued(text, who.glued, func(kind string, start, end int) { add(kind)(start, end) })
	findEndings(text, who.endings, add(LeakCandidateName))
	// Details and listed names are matched without accents on either side.
	plain, at := withoutAccents(text)
	inText := add
	if at != nil {
		lower = asciiLower(plain)
		inText = func(kind string) func(int, int) {
			return func(start, end int) { found = append(found, Leak{Start: at[start], End: at[end], Kind: kind}) }
		}
	}
	who.details.find(plain, lower, wordBoundary, inText(LeakCandidateDetail))
	s.listed.find(plain, lower, wordBoundary, inText(LeakListedName))
	// A listed school, or one of the candidate's own (an extra field),
	// named for their district or state is still that school once
	// redaction has marked the place in it: "[candidate district]
	// Christian School" of Kaimuki Christian School.
	if who.marked != nil && strings.Contains(text, "[candidate ") {
		named, at := unmark(text, who.marked)
		if plain, at2 := withoutAccents(named); at2 != nil {
			named, at = plain, composeMaps(at2, at)
		}
		lower := asciiLower(named)
		around := func(kind string) func(int, int) {
			return func(start, end int) {
				// Around a marker, not the marker alone: the district is
				// a detail, and already redacted.
				if l := (Leak{Start: at[start], End: at[end], Kind: kind}); strings.Contains(text[l.Start:l.End], "[candidate ") &&
					text[l.Start:l.End] != MarkDistrict && text[l.Start:l.End] != MarkState {
					found = append(found, l)
				}
			}
		}
		who.details.find(named, lower, wordBoundary, around(LeakCandidateDetail))
		s.listed.find(named, lower, wordBoundary, around(LeakListedName))
	}
	return resolveOverlaps(found)
}

// unmark is s with each marker of marked ({marker, value} pairs) read as
// its value, and where each byte of the result came from in s (a value's
// bytes: its marker's start), as mapRunes maps.
func unmark(s string, marked [][2]string) (string, []int) {
	var b strings.Builder
	at := make([]int, 0, len(s)+1)
next:
	for i := 0; i < len(s); {
		if s[i] == '[' {
			for _, m := range marked {
				if strings.HasPrefix(s[i:], m[0]) {
					b.WriteString(m[1])
					for range len(m[1]) {
						at = append(at, i)
					}
					i += len(m[0])
					continue next
				}
			}
		}
		b.WriteByte(s[i])
		at = append(at, i)
		i++
	}
	return b.String(), append(at, len(s))
}

// composeMaps is the map of a text mapped by inner from one mapped by
// outer: where each byte came from in the first text.
func composeMaps(inner, outer []int) []int {
	out := make([]int, len(inner))
	for k, i := range inner {
		out[k] = outer[i]
	}
	return out
}

// kindRank orders kinds found on the same span: the more specific wins.
var kindRank = map[string]int{
	LeakCandidateEmail: 0, LeakEmail: 1, LeakCandidateName: 2,
	LeakCandidateDetail: 3, LeakListedName: 4, LeakPhone: 5,
}

// resolveOverlaps keeps, of overlapping leaks, the one starting first, then
// the longest, then the most specific kind. The same find reached twice
// (from two keys) is kept once.
func resolveOverlaps(ls []Leak) []Leak {
	sort.Slice(ls, func(i, j int) bool {
		a, b := ls[i], ls[j]
		switch {
		case a.Start != b.Start:
			return a.Start < b.Start
		case a.End != b.End:
			return a.End > b.End
		}
		return kindRank[a.Kind] < kindRank[b.Kind]
	})
	var out []Leak
	for _, l := range ls {
		if n := len(out); n > 0 && l.Start < out[n-1].End {
			continue
		}
		out = append(out, l)
	}
	return out
}
