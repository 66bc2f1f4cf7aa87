package review

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// How a Redactor finds the candidate's values in a text: a quick test
// that most texts fail, the text's words folded as a reader sees them
// (fold.go), and each pattern matched word by word, or a phone by its
// digits.

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
		if !r.starts[c] {
			continue
		}
		// A word starts after no letter or digit, and as tokenize cuts
		// words: where letters meet digits ("Ruiz2024", "2024Ruiz"), at a
		// capital after a small letter ("MrRuiz"), or after a percent
		// escape.
		if i > 0 {
			p := text[i-1]
			if isAlnumByte(p) && isDigitByte(p) == isDigitByte(c) && !('a' <= p && p <= 'z' && 'A' <= c && c <= 'Z') &&
				(i < 3 || text[i-3] != '%' || !percentEscape(text, i-3)) {
				continue
			}
		}
		for _, k := range r.keys {
			if keyAt(text, i, k) {
				return true
			}
		}
	}
	return false
}

func isAlnumByte(c byte) bool { return isDigitByte(c) || 'a' <= c|0x20 && c|0x20 <= 'z' }

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

// keyAt reports whether ASCII text at i spells lower-case key, ignoring
// case, the apostrophes inside it ("Wai'anae" spells waianae: matchWord
// joins words across them), and hyphens and spaces, as a word broken at a
// line's end has them ("Halvor-\nsen"): a quick check, it may pass what
// the matcher then refuses, never the other way round.
func keyAt(text string, i int, key string) bool {
	for j := 0; j < len(key); i++ {
		if i >= len(text) {
			return false
		}
		c := text[i]
		if j > 0 && (c == '\'' || c == '`' || c == '-' || c == '\n' || c == '\r' || c == ' ' || c == '\t') {
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
// token i, its kind, and how many letters of token i come before it (Arabic
// proclitics, scripts.go); end 0 when none starts there.
func (r *Redactor) matchAt(text string, toks []token, i int) (end int, kind string, skip int) {
	for _, phone := range r.phones {
		if end := matchPhone(text, toks, i, phone); end > 0 {
			return end, leakCandidatePhone, 0
		}
	}
	for _, p := range r.pats {
		if end, skip := p.matchAt(text, toks, i); end > 0 {
			return end, p.kind, skip
		}
	}
	return 0, "", 0
}

func (p redactPattern) matchAt(text string, toks []token, i int) (end, skip int) {
	if i+len(p.words) > len(toks) {
		return 0, 0
	}
	j := i
	for k, w := range p.words {
		if j >= len(toks) || (k > 0 && !p.gapFits(text[toks[j-1].end:toks[j].start], k-1)) {
			return 0, 0
		}
		next := matchWord(text, toks, j, w)
		if next == 0 && k == 0 && p.gaps == nil {
			if skip = afterProclitics(toks[j].folded, w); skip > 0 {
				next = j + 1
			}
		}
		if j = next; j == 0 {
			return 0, 0
		}
	}
	if p.capital {
		// After an ʻokina, as Hawaiian place names start ("ʻEwa").
		first, _ := utf8.DecodeRuneInString(strings.TrimLeft(text[toks[i].start:], okinas))
		if !unicode.IsUpper(first) {
			return 0, 0
		}
		// Run together with digits or other words an everyday word is a
		// file's, a date's or a product's ("Unit2_Day3.pdf", "May2024.csv",
		// "PowerPoint"), not a name.
		before, _ := utf8.DecodeLastRuneInString(text[:toks[i].start])
		after, _ := utf8.DecodeRuneInString(text[toks[j-1].end:])
		if glued(before) || glued(after) {
			return 0, 0
		}
	}
	if i > 0 && toks[i].start == toks[i-1].end && afterNamePrefix(text, toks[i].start) {
		// Cut at its capital, the rest of a name such as "McHenry",
		// "DeAndre" or "MacArthur" is not a name of its own (but
		// "ClaseDeRuiz" is Ruiz's: the word does not begin with "De").
		return 0, 0
	}
	return j, skip
}

// glued reports whether r, just before or after a word, runs it together
// with a word of Latin letters or digits: a letter of a script written
// without spaces ("Li老师", Teacher Li) does not.
func glued(r rune) bool {
	return unicode.IsDigit(r) || isWordRune(r) && !unspaced(r) && !modifierApostrophe(r)
}

// namePrefix are the beginnings of family and given names written with an
// inner capital (McHenry, MacArthur, DeAndre, LaToya, VanDyke, DiCaprio),
// folded: a name is not matched in the rest of such a word alone.
var namePrefix = map[string]bool{"mc": true, "mac": true, "de": true, "di": true, "da": true, "du": true,
	"la": true, "le": true, "van": true, "von": true, "fitz": true, "st": true, "o": true}

// matchWord returns the token index after word w when token j is w, or
// when the tokens from j joined across apostrophes spell it ("Wai'anae"
// for Waianae, "O'Neill" for ONeill), the end of a contraction aside
// ("she'll" is not Shell), across a hyphen, or a line break alone (where
// import dropped a soft hyphen), that breaks the word at a line's end
// ("Halvor-\nsen", "Halvor\nsen"), or with nothing between them, as
// tokenize cuts "McDonald"; 0 when they do not.
func matchWord(text string, toks []token, j int, w string) int {
	got := toks[j].folded
	if got == w {
		return j + 1
	}
	for k := j + 1; k < len(toks) && len(got) < len(w) && strings.HasPrefix(w, got); k++ {
		// A soft hyphen ends the word before it (invisible, it belongs to
		// it), but breaks the word at a line's end as a hyphen does.
		from := toks[k-1].end
		if from < toks[k].start && strings.HasSuffix(text[toks[k-1].start:from], softHyphen) {
			from -= len(softHyphen)
		}
		if gap := text[from:toks[k].start]; gap != "" && (!apostropheGap(gap) || contraction[toks[k].folded]) && !lineEndHyphen(gap) && !lineBreakGap(gap) {
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
// code 1; "" when it has fewer than seven. An extension after the number
// ("ext. 12", "x12", "#12") is not dialled with it, and evidence writes
// the number without it; a label before it ("Text:", "Tel #:") has no
// digits to keep.
func phoneDigits(s string) string {
	var d []byte
	for i, r := range s {
		if r >= '0' && r <= '9' {
			d = append(d, byte(r))
			continue
		}
		if len(d) >= 7 && (r == 'x' || r == 'X' || r == '#' || len(s)-i >= 3 && strings.EqualFold(s[i:i+3], "ext")) {
			break
		}
	}
	if len(d) == 11 && d[0] == '1' {
		d = d[1:]
	}
	if len(d) < 7 {
		return ""
	}
	return string(d)
}

// phoneForms are the digits a phone on record may be written with: as on
// record, and for one with a country code (more than 10 digits) as its
// owner writes it at home, the country code of 1 to 3 digits dropped for
// a trunk 0 ("020 7946 0958" for +44 20 7946 0958) or kept with it
// ("+44 (0)20 7946 0958").
func phoneForms(phone string) []string {
	forms := []string{phone}
	if len(phone) > 10 {
		for k := 1; k <= 3; k++ {
			forms = append(forms, "0"+phone[k:], phone[:k]+"0"+phone[k:])
		}
	}
	return forms
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// token is one word of a text: a run of letters and digits (or one letter
// of an unspaced script, scripts.go), its byte span in the text and its
// folded form.
type token struct {
	start, end int
	folded     string
}

// tokenize splits text into words; marks inside a word (a decomposed
// accent) and invisible characters ("Ja\u200bne") belong to it, a percent
// escape separates words as what it encodes would ("Dana%20Ruiz"), and so
// does the change from letters to digits, as in a file name run together
// with its year ("Ruiz2024"), and from a small letter to a capital, as in
// one run together in capitals ("HalvorsenLessonPlan.docx",
// "#MrHalvorsenScience"). matchWord joins words so cut again where a
// value is written as one ("McDonald").
func tokenize(text string) []token { return cutWords(text, true) }

// tokenizeValue is tokenize for a value of the candidate's, whose words
// are not cut at capitals: "McDonald" is one word, which matchWord finds
// written "McDonald" and "mcdonald" alike.
func tokenizeValue(s string) []token { return cutWords(s, false) }

func cutWords(text string, camel bool) []token {
	var toks []token
	start := -1
	skip := 0
	solo := false   // the word open is one letter of an unspaced script
	digits := false // the word open is digits
	var prev rune   // the last letter or digit
	for i, r := range text {
		switch {
		case skip > 0:
			skip, r = skip-1, ' '
		case percentEscape(text, i):
			skip, r = 2, ' '
		}
		digit := unicode.IsDigit(r)
		// In a text, the ʻokina and ʼ, letters to Unicode, cut words as an
		// apostrophe does: typed for one ("Ruizʻs class"), they would
		// otherwise join a name to its ending.
		letter := unicode.IsLetter(r) && !(camel && modifierApostrophe(r)) || digit
		capital := camel && camelCut(prev, r)
		if letter {
			prev = r
		}
		if start >= 0 && letter && (solo || unspaced(r) || digit != digits || capital) {
			toks = append(toks, token{start, i, fold(text[start:i])})
			start = -1
		}
		word := letter || (start >= 0 && (unicode.In(r, unicode.Mn, unicode.Mc) || Invisible(r)))
		switch {
		case word && start < 0:
			start, solo, digits = i, unspaced(r), digit
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

// nameParts is the folded words of a name in the parts it is written in:
// words with nothing between them (the letters of "小龍") are one part,
// any other word a part alone; for a part in an unspaced script, also the
// given and family names it likely runs together, and no part of one
// letter.
func nameParts(s string) [][]string {
	s = Sanitize(s)
	var parts [][]string
	if isASCII(s) {
		for _, w := range foldWords(s) {
			parts = append(parts, []string{w})
		}
		return parts
	}
	var groups [][]token // tokens with nothing between them
	for _, t := range tokenizeValue(s) {
		if n := len(groups); n > 0 && t.start == groups[n-1][len(groups[n-1])-1].end {
			groups[n-1] = append(groups[n-1], t)
			continue
		}
		groups = append(groups, []token{t})
	}
	for _, g := range groups {
		words := make([]string, len(g))
		for i, t := range g {
			words[i] = t.folded
		}
		if !unspaced(firstRune(s[g[0].start:])) {
			parts = append(parts, words)
			continue
		}
		switch k := len(g); {
		case k == 1:
			// One letter ("李", "이"): not matched alone, as an initial
			// is not. (Folded, a Hangul syllable is two or three runes.)
		case k >= 3 && familyFirst(firstRune(s[g[0].start:])):
			// Written without a space ("王小明", "田中一", "山田太郎",
			// "김민수"), the family name is one or two letters and the
			// given name the rest: 小明, 田中, 山田 and 太郎, 민수. A
			// Korean family name is one syllable.
			parts = append(parts, words, words[1:])
			if k >= 4 || !unicode.Is(unicode.Hangul, firstRune(s[g[0].start:])) {
				parts = append(parts, words[:2])
			}
			if k >= 4 {
				parts = append(parts, words[2:])
			}
		default:
			parts = append(parts, words)
		}
	}
	return parts
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
		toks := tokenizeValue(s)
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
		if inWord && start >= 0 && isDigitByte(lower[i]) != isDigitByte(lower[i-1]) {
			// Letters meeting digits part words, as in tokenize.
			words = append(words, lower[start:i])
			prevEnd, start = i, -1
		}
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
