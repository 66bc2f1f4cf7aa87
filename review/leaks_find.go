package review

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Finding leaks fast. Go's regexp runs case-insensitive alternations and
// patterns that start with a character class at a few MB/s, and an import
// scans every submission, so no pattern is run over a whole text. Each is
// run only on the windows that can hold a match: around each occurrence of
// a key word (a name's last word, a listed name's longest word) found with
// strings.Index in an ASCII-lowered copy of the text, around each "@" for
// e-mails, and over runs of digits and separators for phones. Matches are
// then checked for boundaries against the whole text, so a window's edge
// never cuts a word into a false match.

// Patterns that need no vault value.
var (
	emailPattern = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)
	// Ten digits with an optional +1 and separators between the groups
	// (after an area code in brackets the rest may run together,
	// "(808)5550199", and after a dash or dot the last seven,
	// "808-5550199"); seven digits as 555-0199 / 555.0199; or a plus and 9
	// to 15 digits, as international numbers are written ("+44 20 7946
	// 0958", "+18085550199"). A separator or the plus is required: a bare
	// run of digits, or two runs a space apart ("room 204 5551234"), is
	// more often a count or an id than a phone.
	phonePattern = regexp.MustCompile(`(?:\+?1[ .-]?)?(?:\(\d{3}\)[ .-]?\d{3}[ .-]?|\d{3}[ .-]\d{3}[ .-]|\d{3}[.-]\d{3})\d{4}|\+\d(?:[ .-]?\d){8,14}|\d{3}[.-]\d{4}`)
)

// keyedPattern is a case-insensitive pattern whose every match holds one of
// its keys, and reaches at most reach bytes beyond it on either side.
type keyedPattern struct {
	src   string
	re    *regexp.Regexp // compiled on first use, see compile
	keys  []string       // ASCII-lowered; nil means scan whole texts
	reach int
}

// newKeyedPattern builds the alternation of pats, longest first (Go's
// alternation is leftmost-first, so at one position "Kapolei High School"
// wins over "Kapolei High"). keys are words every match contains, in any
// case; longest is the longest value's length in bytes. A key with non-ASCII
// letters disables keying: its case variants would escape the ASCII-lowered
// search. Nil when pats has no pattern. The pattern compiles on its first
// key hit, since most texts hold no candidate's name; call compile first
// to share one between goroutines.
func newKeyedPattern(pats, keys []string, longest int) *keyedPattern {
	var ps []string
	for _, p := range pats {
		if p != "" {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return nil
	}
	sort.SliceStable(ps, func(i, j int) bool { return len(ps[i]) > len(ps[j]) })
	k := &keyedPattern{src: `(?i)(?:` + strings.Join(ps, "|") + `)`, reach: 2*longest + 32}
	for _, key := range keys {
		if key == "" || !isASCII(key) {
			k.keys = nil
			break
		}
		k.keys = append(k.keys, asciiLower(key))
	}
	return k
}

// compile compiles the pattern if it is not yet; it returns k for chaining.
// Patterns are quoted literals, so compiling cannot fail.
func (k *keyedPattern) compile() *keyedPattern {
	if k != nil && k.re == nil {
		k.re = regexp.MustCompile(k.src)
	}
	return k
}

// find calls fn with each match in text that ok accepts; lower is
// asciiLower(text). The same match may be reported more than once (from two
// keys); resolveOverlaps keeps one.
func (k *keyedPattern) find(text, lower string, ok func(string, int, int) bool, fn func(int, int)) {
	if k == nil {
		return
	}
	if k.keys == nil {
		findIn(k.compile().re, text, 0, len(text), ok, fn)
		return
	}
	for _, key := range k.keys {
		for i := 0; i < len(lower); {
			j := strings.Index(lower[i:], key)
			if j < 0 {
				break
			}
			at := i + j
			findIn(k.compile().re, text, runeStart(text, at-k.reach), runeStart(text, at+len(key)+k.reach), ok, fn)
			i = at + len(key)
		}
	}
}

// findIn calls fn with each match of re in text[lo:hi] that ok accepts,
// judged against the whole text, scanning on from inside a rejected match
// so that a later, valid one is not missed.
func findIn(re *regexp.Regexp, text string, lo, hi int, ok func(text string, start, end int) bool, fn func(start, end int)) {
	for pos := lo; pos < hi; {
		loc := re.FindStringIndex(text[pos:hi])
		if loc == nil {
			return
		}
		start, end := pos+loc[0], pos+loc[1]
		if end > start && ok(text, start, end) {
			fn(start, end)
			pos = end
			continue
		}
		_, size := utf8.DecodeRuneInString(text[start:])
		pos = start + max(size, 1)
	}
}

// HoldsEmail reports whether text holds what reads as an email address,
// in any script (josé@example.org, name@例え.jp).
func HoldsEmail(text string) bool {
	return strings.Contains(text, "@") && anyEmail.MatchString(text)
}

// anyEmail is emailPattern with letters and digits of every script.
var anyEmail = regexp.MustCompile(`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[\p{L}]{2,}`)

// addrText is text for the e-mail scan, the same length, so its matches
// are spans of text. What a reader still reads as an address is written
// as one: the markers redaction leaves where the candidate's district or
// state stood read as address characters, so another person's address at
// the district's domain ("lani.kai@[candidate district].org") is still
// one; an at sign written wide (＠, ﹫), percent-encoded (%40), as an HTML
// entity (&#64;, &#x40;, &commat;), or ending a line the address goes on
// after, is "@", the bytes it leaves over read as letters (a line that
// starts with one is code's: "@pytest.fixture"); letters and dots
// written full width read as theirs; and letters of the scripts that
// space their words (accented, Greek, Cyrillic: "josé@", "иван@"), and
// the ʻokina, read as letters. Other scripts' letters do not: "请联系
// pua@gmail.com" run together is the sentence's, then the address.
func addrText(text string) string {
	if !strings.ContainsAny(text, "@＠﹫") && !strings.Contains(text, "%40") && !strings.Contains(text, "&#") &&
		!strings.Contains(text, "&commat;") {
		return text // most texts: no address in any form
	}
	b := []byte(addrMarkers.Replace(text))
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r < utf8.RuneSelf:
		case r >= 'Ａ' && r <= 'Ｚ' || r >= 'ａ' && r <= 'ｚ' || r >= '０' && r <= '９' || r == '．' || r == '＠':
			b[i] = byte(r - 0xFEE0) // the ASCII it is drawn wide for
			pad(b[i+1 : i+size])
		case r == '﹫':
			b[i] = '@'
			pad(b[i+1 : i+size])
		case strings.ContainsRune(okinas, r) || unicode.Is(unicode.Mn, r) ||
			(unicode.IsLetter(r) || unicode.IsDigit(r)) && unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic):
			pad(b[i : i+size])
		}
		i += size
	}
	return string(b)
}

// pad writes over b with address letters.
func pad(b []byte) {
	for k := range b {
		b[k] = 'x'
	}
}

// addrMarkers are addrText's same-length replacements.
var addrMarkers = strings.NewReplacer(
	MarkDistrict, strings.Repeat("x", len(MarkDistrict)),
	MarkState, strings.Repeat("x", len(MarkState)),
	"%40", "@xx", "&#64;", "@xxxx", "&#x40;", "@xxxxx", "&commat;", "@xxxxxxx",
	"@\r\n", "@xx", "@\n", "@x")

// emailRegions calls fn with the run of address characters around each "@".
func emailRegions(text string, fn func(lo, hi int)) {
	for i := 0; i < len(text); {
		j := strings.IndexByte(text[i:], '@')
		if j < 0 {
			return
		}
		lo, hi := i+j, i+j+1
		for lo > 0 && addrByte(text[lo-1]) {
			lo--
		}
		for hi < len(text) && (addrByte(text[hi]) || text[hi] == '@') {
			hi++
		}
		fn(lo, hi)
		i = hi
	}
}

// phoneRegions calls fn with each run of digits, spaces and phone
// punctuation that holds seven digits or more. Such a run is at least seven
// bytes long, so it holds every seventh byte's position it passes: the scan
// looks at one byte in seven until it meets a phone byte, then walks back
// to its run's start and on to its end.
func phoneRegions(text string, fn func(lo, hi int)) {
	const minRun = 7
	// Invariant: i == 0 or text[i-1] is not a phone byte, so no run that
	// starts before i is still open.
	for i := 0; i+minRun <= len(text); {
		p := i + minRun - 1
		if phoneBytes[text[p]] == 0 {
			i = p + 1
			continue
		}
		lo := p
		for lo > i && phoneBytes[text[lo-1]] != 0 {
			lo--
		}
		hi, digits := lo, 0
		for ; hi < len(text) && phoneBytes[text[hi]] != 0; hi++ {
			digits += int(phoneBytes[text[hi]] - 1)
		}
		if digits >= minRun {
			fn(lo, hi)
		}
		i = hi + 1 // text[hi] is not a phone byte, or hi is the end
	}
}

// phoneText is text for the phone scan when it writes a phone as the
// scan does not read one: digits of other forms (full width,
// Arabic-Indic, any decimal digit) as ASCII digits, and the hyphens
// Unicode has beside the hyphen-minus (hyphen, non-breaking hyphen,
// figure dash) as "-"; with where each byte came from (mapRunes). A nil
// map when text needs none of this. En and em dashes are not: they
// write ranges ("100–1000"), which a phone's seven digits would read.
func phoneText(text string) (string, []int) {
	if isASCII(text) || !strings.ContainsFunc(text, phoneOther) {
		return text, nil
	}
	return mapRunes(text, func(_ int, r rune, raw string) string {
		switch {
		case !phoneOther(r):
			return raw
		case unicode.IsDigit(r):
			return string(rune('0' + digitValue(r)))
		}
		return "-"
	})
}

// phoneOther reports whether r is a digit or dash phoneText rewrites.
func phoneOther(r rune) bool {
	return r >= utf8.RuneSelf && (unicode.IsDigit(r) || r >= '‐' && r <= '‒')
}

// phoneBytes is 2 for a digit, 1 for a space or phone punctuation, else 0:
// a table, since phoneRegions looks at every byte of every submission.
var phoneBytes = func() (t [256]byte) {
	for _, b := range []byte(" ()+.-") {
		t[b] = 1
	}
	for b := '0'; b <= '9'; b++ {
		t[b] = 2
	}
	return t
}()

// wordBoundary: no letter or digit touches the match on either side, but
// for a letter of an unspaced script beside one, digits beside letters
// ("Ruiz2024") and a percent escape before it ("by%20Dana"), as the
// redactor cuts words (tokenize), and Arabic proclitics before it
// (scripts.go).
func wordBoundary(text string, start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:start])
	after, _ := utf8.DecodeRuneInString(text[end:])
	first, _ := utf8.DecodeRuneInString(text[start:])
	last, _ := utf8.DecodeLastRuneInString(text[:end])
	okBefore := start == 0 || !isWordRune(before) || unspaced(before) && unspaced(first) || digitMeetsLetter(before, first) ||
		camelCut(before, first) && !afterNamePrefix(text, start) || start >= 3 && percentEscape(text, start-3) || procliticsBefore(text, start, end)
	okAfter := end == len(text) || !isWordRune(after) || unspaced(after) && unspaced(last) || digitMeetsLetter(last, after) ||
		camelCut(last, after)
	return okBefore && okAfter
}

// digitMeetsLetter reports whether one of a and b is a digit and the
// other a letter.
func digitMeetsLetter(a, b rune) bool {
	return unicode.IsDigit(a) && unicode.IsLetter(b) || unicode.IsLetter(a) && unicode.IsDigit(b)
}

// camelCut reports whether a small letter a meets a capital b, where
// tokenize cuts words run together in capitals ("MrHalvorsenScience").
func camelCut(a, b rune) bool { return unicode.IsLower(a) && unicode.IsUpper(b) }

// afterNamePrefix reports whether text before start ends in a word that
// begins names written with an inner capital (namePrefix: "Mc" of
// "McHenry"): a match cut there is the rest of such a name.
func afterNamePrefix(text string, start int) bool {
	i := strings.LastIndexFunc(text[:start], notLetter) + 1
	return i < start && len(text[i:start]) <= len("fitz") && namePrefix[asciiLower(text[i:start])]
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// procliticsBefore reports whether the word text[start:end] matched in is
// proclitics, then the match, and the match is long enough to be read so
// (afterProclitics).
func procliticsBefore(text string, start, end int) bool {
	p, ok := procliticsOf(text[start:end])
	if !ok {
		return false
	}
	i, n := start, 0
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		switch {
		case unicode.Is(unicode.Mn, r):
		case strings.ContainsRune(p.letters, r) && n < p.most:
			n++
		default:
			return n > 0 && !isWordRune(r)
		}
		i -= size
	}
	return n > 0
}

// addrByte reports whether b may appear in an e-mail address (besides "@").
func addrByte(b byte) bool {
	return b == '.' || b == '_' || b == '%' || b == '+' || b == '-' ||
		'0' <= b && b <= '9' || 'a' <= b|0x20 && b|0x20 <= 'z'
}

// emailBoundary: the address is not part of a longer one.
func emailBoundary(text string, start, end int) bool {
	if start > 0 && (addrByte(text[start-1]) || text[start-1] == '@') {
		return false
	}
	// A sentence may end right after an address: "at dana@x.org." is fine.
	if end < len(text) && (addrByte(text[end]) || text[end] == '@') &&
		!(text[end] == '.' && (end+1 == len(text) || !addrByte(text[end+1]))) {
		return false
	}
	return true
}

// phoneBoundary: digits do not run on, so "12025-555-0199", "2023-2024" or
// "555-0199-12" are not phones, nor is a number after a minus sign
// ("-155.0868", a longitude).
func phoneBoundary(text string, start, end int) bool {
	isAlnum := func(b byte) bool { return '0' <= b && b <= '9' || 'a' <= b|0x20 && b|0x20 <= 'z' }
	if start > 0 {
		b := text[start-1]
		if isAlnum(b) || b == '+' || ((b == '-' || b == '.' || b == '/') && start > 1 && isAlnum(text[start-2])) {
			return false
		}
		// A minus sign: a negative number ("-155.0868", a longitude).
		if b == '-' || strings.HasSuffix(text[:start], "−") {
			return false
		}
	}
	if end < len(text) {
		b := text[end]
		if isAlnum(b) || ((b == '-' || b == '.' || b == '/') && end+1 < len(text) && '0' <= text[end+1] && text[end+1] <= '9') {
			return false
		}
	}
	return true
}

// phrasePattern matches the words of s in order, joined by sep; "" for a
// blank s.
func phrasePattern(s, sep string) string {
	var b strings.Builder
	prev := ""
	for _, w := range strings.Fields(s) {
		if prev != "" {
			last, _ := utf8.DecodeLastRuneInString(prev)
			if unspaced(last) && unspaced(firstRune(w)) {
				b.WriteString("(?:" + sep + ")?") // "李小龍" is "李 小龍"
			} else {
				b.WriteString(sep)
			}
		}
		b.WriteString(regexp.QuoteMeta(w))
		prev = w
	}
	return b.String()
}

// longestWord is the longest whitespace-separated word of s.
func longestWord(s string) string {
	best := ""
	for _, w := range strings.Fields(s) {
		if len(w) > len(best) {
			best = w
		}
	}
	return best
}

// asciiLower lowers ASCII letters only, so byte offsets stay those of s.
// It copies the runs between capitals whole, into one allocation.
func asciiLower(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	from := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b.WriteString(s[from:i])
			b.WriteByte(c + 'a' - 'A')
			from = i + 1
		}
	}
	b.WriteString(s[from:])
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// runeStart clamps i to [0, len(s)] and moves it back to a rune's start.
func runeStart(s string, i int) int {
	i = min(max(i, 0), len(s))
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// letters counts the letters and digits of s.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

func sortedValues(m map[string]string) []string {
	var vs []string
	for _, k := range sortedKeys(m) {
		vs = append(vs, m[k])
	}
	return vs
}

// commonWords are surnames that are also everyday English words; a last
// name from this list is only flagged as part of the full name.
var commonWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		able baker banks bell best bird bishop black bond boone booth bowers brand brooks
		brown bush butler cage camp carter case chance chase church clay cloud coach cook
		cooke cooper cross dale dawn day dean early east english fair faith field fields
		fish fisher fletcher ford forest fox frank free friend frost gates glass gold good
		grace grant gray green greene guest hall hand hardy hart hill hills holiday holmes
		hope house hunt hunter james joy july june just keen king knight lake lamb land lane
		law lee little long love lowe major mark marsh mason may mills miles moody moon
		moore morning new noble north oakes page park parker parks payne pierce pike
		plain pope porter power powers price rich rivers rock rose ross rush sage salt
		sharp shepherd short silver small snow south sparks spear spring stamp steel
		stone storm story strong summer summers sweet swift taylor temple thomas till
		tower turner walker wall ward water waters webb well wells west white wild will
		winter wise wolf wood woods work wright young`) {
		m[w] = true
	}
	return m
}()
