package review

import (
	"maps"
	"slices"
	"strings"
	"unicode"
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
//     "Keanu\nHalvorsen"), and each of its parts alone. A part of one
//     letter is never matched alone; a part that is an everyday English
//     word ("Grace", "Young") alone only when written with a capital, as a
//     name is, so "will" in "I will" survives a candidate named Will;
//   - the e-mail address, with any spacing around its punctuation;
//   - the phone (candidate.phone), by its digits: "(808) 555-0199",
//     "808.555.0199" and "+1 808 555 0199" are one number;
//   - the district, and the state when it is written out (MinLeakValueLen
//     letters or more: a postal code such as "OR" is an ordinary word).
//
// Other extra fields are not redacted: they are flagged, and a lead decides.
type Redactor struct {
	pats  []redactPattern
	phone string   // the phone's digits, without a leading country code 1
	keys  []string // ASCII-lowered words one of which any match holds
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
}

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
		}
		for _, w := range name {
			if utf8.RuneCountInString(w) >= 2 {
				r.pats = append(r.pats, redactPattern{words: []string{w}, kind: LeakCandidateName, capital: commonWords[w]})
			}
		}
	}
	if e := strings.TrimSpace(c.Email); e != "" {
		words, gaps := foldWordsGaps(e)
		if len(words) > 0 {
			r.pats = append(r.pats, redactPattern{words: words, gaps: gaps, kind: LeakCandidateEmail})
		}
	}
	values := []struct{ value, kind string }{{c.District, leakCandidateDistrict}, {c.State, leakCandidateState}}
	if code, ok := StateCode(c.State); ok {
		for _, name := range stateNames[code] {
			values = append(values, struct{ value, kind string }{name, leakCandidateState})
		}
	}
	for _, v := range values {
		if letters(v.value) >= MinLeakValueLen {
			for _, spelt := range spellings(v.value) {
				r.pats = append(r.pats, redactPattern{words: foldWords(spelt), kind: v.kind})
			}
		}
	}
	// The district without its kind ("Hilo" of "Hilo Complex Area"), as
	// rule 7 compares districts; alone, only written as a place name is,
	// with a capital, so "central" survives Central School District.
	if key := DistrictKey(c.District); letters(key) >= MinLeakValueLen && key != strings.Join(foldWords(c.District), " ") {
		for _, spelt := range spellings(key) {
			r.pats = append(r.pats, redactPattern{words: foldWords(spelt), kind: leakCandidateDistrict, capital: true})
		}
	}
	r.phone = phoneDigits(c.Extra[PhoneField])
	if len(r.pats) == 0 && r.phone == "" {
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
	if r.phone != "" {
		r.keys = append(r.keys, r.phone[:3]) // the area code starts a word
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

// key is a word every match of p holds, for mayMatch: its longest, and
// for an e-mail address the longest of its local part ("example" and "org"
// are in half the addresses a program sees).
func (p redactPattern) key() string {
	words := p.words
	if i := slices.Index(p.gaps, "@"); i >= 0 {
		words = words[:i+1]
	}
	best := ""
	for _, w := range words {
		if len(w) > len(best) {
			best = w
		}
	}
	return best
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
		end, kind := r.matchAt(text, toks, i)
		if end == 0 {
			i++
			continue
		}
		out = append(out, Leak{Start: toks[i].start, End: toks[end-1].end, Kind: kind})
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
	if len(spans) == 0 {
		return text
	}
	var b strings.Builder
	from := 0
	for _, l := range spans {
		b.WriteString(text[from:l.Start])
		b.WriteString(RedactionMark(l.Kind))
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

// mayMatch is a quick test: an ASCII text that holds none of the keys, in
// any case, cannot match. Most evidence names nobody, and every import
// runs it on every text, so it is one pass without allocating: only where
// a word starts with a byte a key starts with (r.starts) are the keys
// compared.
func (r *Redactor) mayMatch(text string) bool {
	if r.keys == nil {
		return true
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c >= utf8.RuneSelf {
			return true // accents: fold before comparing
		}
		// Every match starts a word and its key is one of its words, so
		// a key starts a word too.
		if !r.starts[c] || (i > 0 && isAlnumByte(text[i-1])) {
			continue
		}
		for _, k := range r.keys {
			if keyAt(text, i, k) {
				return true
			}
		}
	}
	return false
}

func isAlnumByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'z'
}

// keyAt reports whether ASCII text at i spells lower-case key, ignoring
// case and the apostrophes inside it ("Wai'anae" spells waianae: matchWord
// joins words across them).
func keyAt(text string, i int, key string) bool {
	for j := 0; j < len(key); i++ {
		if i >= len(text) {
			return false
		}
		c := text[i]
		if (c == '\'' || c == '`') && j > 0 {
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != key[j] {
			return false
		}
		j++
	}
	return true
}

// matchAt returns the token index after the longest match starting at
// token i and its kind, or 0 when none starts there.
func (r *Redactor) matchAt(text string, toks []token, i int) (int, string) {
	if r.phone != "" {
		if end := matchPhone(text, toks, i, r.phone); end > 0 {
			return end, leakCandidatePhone
		}
	}
	for _, p := range r.pats {
		if end := p.matchAt(text, toks, i); end > 0 {
			return end, p.kind
		}
	}
	return 0, ""
}

func (p redactPattern) matchAt(text string, toks []token, i int) int {
	if i+len(p.words) > len(toks) {
		return 0
	}
	j := i
	for k, w := range p.words {
		if j >= len(toks) || (k > 0 && !gapOK(text[toks[j-1].end:toks[j].start], p.gaps, k-1)) {
			return 0
		}
		if j = matchWord(text, toks, j, w); j == 0 {
			return 0
		}
	}
	if p.capital {
		first, _ := utf8.DecodeRuneInString(text[toks[i].start:])
		if !unicode.IsUpper(first) {
			return 0
		}
	}
	return j
}

// matchWord returns the token index after word w when token j is w, or
// when the tokens from j joined across apostrophes spell it ("Wai'anae"
// for Waianae, "O'Neill" for ONeill), the end of a contraction aside
// ("she'll" is not Shell); 0 when they do not.
func matchWord(text string, toks []token, j int, w string) int {
	got := toks[j].folded
	if got == w {
		return j + 1
	}
	for k := j + 1; k < len(toks) && len(got) < len(w) && strings.HasPrefix(w, got); k++ {
		if !apostropheGap(text[toks[k-1].end:toks[k].start]) || contraction[toks[k].folded] {
			return 0
		}
		if got += toks[k].folded; got == w {
			return k + 1
		}
	}
	return 0
}

// gapOK: the text between two words of a match is, spaces removed, the
// value's own punctuation there (gaps), or for a name any of . _ - '.
func gapOK(gap string, gaps []string, i int) bool {
	squeezed := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || Invisible(r) {
			return -1
		}
		return r
	}, strings.ReplaceAll(gap, "%20", " "))
	if gaps != nil {
		return squeezed == gaps[i]
	}
	return len(squeezed) <= 1 && strings.Trim(squeezed, "._-'’") == ""
}

// matchPhone matches digit tokens from i whose digits are phone's, with an
// optional leading 1, separated by phone punctuation only.
func matchPhone(text string, toks []token, i int, phone string) int {
	got := ""
	for j := i; j < len(toks); j++ {
		t := toks[j]
		if !isDigits(t.folded) {
			return 0
		}
		if j > i && strings.Trim(dropInvisible(text[toks[j-1].end:t.start]), phoneSeparators) != "" {
			return 0
		}
		got += t.folded
		if got == phone || got == "1"+phone {
			return j + 1
		}
		if len(got) >= len(phone)+1 {
			return 0
		}
	}
	return 0
}

// phoneDigits is the digits of a phone number, without a leading country
// code 1; "" when it has fewer than seven.
func phoneDigits(s string) string {
	d := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	if len(d) == 11 && d[0] == '1' {
		d = d[1:]
	}
	if len(d) < 7 {
		return ""
	}
	return d
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// token is one word of a text: a run of letters and digits, its byte span
// in the text and its folded form.
type token struct {
	start, end int
	folded     string
}

// tokenize splits text into words; marks inside a word (a decomposed
// accent) and invisible characters ("Ja\u200bne") belong to it, and a
// percent escape separates words as what it encodes would ("Dana%20Ruiz").
func tokenize(text string) []token {
	var toks []token
	start := -1
	skip := 0
	for i, r := range text {
		switch {
		case skip > 0:
			skip, r = skip-1, ' '
		case percentEscape(text, i):
			skip, r = 2, ' '
		}
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || (start >= 0 && (unicode.Is(unicode.Mn, r) || Invisible(r)))
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			toks = append(toks, token{start, i, fold(text[start:i])})
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, token{start, len(text), fold(text[start:])})
	}
	return toks
}

// foldWords is the folded words of a value.
func foldWords(s string) []string {
	words, _ := foldValue(s, false)
	return words
}

// foldWordsGaps is the folded words of a value and, between each two, the
// punctuation that separates them, spaces removed.
func foldWordsGaps(s string) (words, gaps []string) { return foldValue(s, true) }

// foldValue is foldWords, with the gaps when wantGaps. An ASCII value, the
// usual case, is lowered once and cut into words without tokenize's
// allocations: every import builds a Redactor per submission.
func foldValue(s string, wantGaps bool) (words, gaps []string) {
	// A value with control sequences in it ("Hilo\x1b[31m") would fold to
	// words its reader never sees, and match nothing it should.
	s = Sanitize(s)
	gap := func(g string) string {
		if strings.IndexFunc(g, unicode.IsSpace) < 0 {
			return g
		}
		return strings.Join(strings.Fields(g), "")
	}
	if !isASCII(s) {
		toks := tokenize(s)
		for i, t := range toks {
			words = append(words, t.folded)
			if i > 0 && wantGaps {
				gaps = append(gaps, gap(s[toks[i-1].end:t.start]))
			}
		}
		return words, gaps
	}
	lower := asciiLower(s)
	start, prevEnd := -1, 0
	for i := 0; i <= len(lower); i++ {
		inWord := i < len(lower) && isAlnumByte(lower[i])
		switch {
		case inWord && start < 0:
			if len(words) > 0 && wantGaps {
				gaps = append(gaps, gap(s[prevEnd:i]))
			}
			start = i
		case !inWord && start >= 0:
			words = append(words, lower[start:i])
			prevEnd, start = i, -1
		}
	}
	return words, gaps
}

// sortPatterns orders patterns by word count, then total length, longest
// first (stable, so equal ones keep their order).
func sortPatterns(ps []redactPattern) {
	size := func(p redactPattern) (int, int) {
		n := 0
		for _, w := range p.words {
			n += len(w)
		}
		return len(p.words), n
	}
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0; j-- {
			aw, al := size(ps[j])
			bw, bl := size(ps[j-1])
			if aw < bw || (aw == bw && al <= bl) {
				break
			}
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
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

// RedactFeedback returns feedback (criterion → text) with the candidate's
// values replaced, as a reviewer may read an earlier decision: feedback
// imported from another system, or amended by a lead, may address the
// candidate by name. When nothing was replaced, feedback is returned as it
// is, otherwise a copy.
func (r *Redactor) RedactFeedback(feedback map[string]string) map[string]string {
	out, copied := feedback, false
	for id, text := range feedback {
		red, n := r.Redact(text)
		if n == 0 {
			continue
		}
		if !copied {
			out, copied = maps.Clone(feedback), true
		}
		out[id] = red
	}
	return out
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
