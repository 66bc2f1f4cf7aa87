package review

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Conflicts of interest match what people write (rule 7). A state is
// compared by its postal code, whether it was written "HI", "hi" or
// "Hawaii"; a district by its name without case, accents, punctuation or a
// trailing kind ("Hilo", "Hilo District" and "HILO Complex Area" are one
// district). Import stores states as postal codes and refuses unknown ones.

// ErrUnknownState means a state is neither a US state, DC or territory nor
// its postal code.
var ErrUnknownState = errors.New("not a US state, DC or territory, nor its two-letter postal code")

// stateCodes maps folded state names and codes to postal codes.
var stateCodes = func() map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(`AL alabama|AK alaska|AZ arizona|AR arkansas|CA california|CO colorado|CT connecticut|DE delaware|FL florida|GA georgia|HI hawaii|ID idaho|IL illinois|IN indiana|IA iowa|KS kansas|KY kentucky|LA louisiana|ME maine|MD maryland|MA massachusetts|MI michigan|MN minnesota|MS mississippi|MO missouri|MT montana|NE nebraska|NV nevada|NH new hampshire|NJ new jersey|NM new mexico|NY new york|NC north carolina|ND north dakota|OH ohio|OK oklahoma|OR oregon|PA pennsylvania|RI rhode island|SC south carolina|SD south dakota|TN tennessee|TX texas|UT utah|VT vermont|VA virginia|WA washington|WV west virginia|WI wisconsin|WY wyoming|DC district of columbia|DC washington dc|PR puerto rico|GU guam|VI us virgin islands|VI virgin islands|AS american samoa|MP northern mariana islands`, "|") {
		code, name, _ := strings.Cut(line, " ")
		m[strings.ToLower(code)] = code
		m[name] = code
		stateNames[code] = append(stateNames[code], name)
	}
	return m
}()

// stateNames are the written-out names of each postal code, folded.
var stateNames = map[string][]string{}

// stateNoise is what goes from a state's name before it is looked up:
// dots ("D.C.") and the ʻokina in every character it is typed in
// ("Hawai‘i", "Hawai`i"), the set the leak scan and DistrictKey read.
var stateNoise = func() *strings.Replacer {
	pairs := []string{".", ""}
	for _, r := range okinas {
		pairs = append(pairs, string(r), "")
	}
	return strings.NewReplacer(pairs...)
}()

// StateCode returns the postal code of s, written as a code or a name in
// any case, with or without accents and dots ("Hawaiʻi", "D.C."); ok is
// false when s is not one. A blank s is "", true.
func StateCode(s string) (code string, ok bool) {
	if strings.TrimSpace(s) == "" {
		return "", true
	}
	// "Hawaiʻi": the ʻokina is a letter to Unicode, not a mark; dots and
	// apostrophes go too ("D.C.").
	code, ok = stateCodes[strings.Join(foldWords(stateNoise.Replace(s)), " ")]
	return code, ok
}

// NormalizeState is StateCode as an import check: the postal code, or an
// error naming the value.
func NormalizeState(s string) (string, error) {
	code, ok := StateCode(s)
	if !ok {
		return "", fmt.Errorf("%q: %w", s, ErrUnknownState)
	}
	return code, nil
}

// districtSuffixes are the kinds of district people add to its name, in
// folded words, longest first so "unified school district" goes whole.
var districtSuffixes = [][]string{
	{"unified", "school", "district"}, {"independent", "school", "district"}, {"public", "school", "district"},
	{"school", "district"}, {"public", "schools"}, {"complex", "area"}, {"county", "schools"},
	{"school", "division"}, {"district"}, {"schools"}, {"unified"}, {"complex"}, {"area"},
	{"usd"}, {"isd"}, {"sd"},
}

// DistrictKey is the form districts are grouped and redacted in, and one
// a conflict compares them in (districtKeys): folded words (no
// case, accents or punctuation) without a trailing kind of district. A
// name that is only a kind ("District") keeps it. An apostrophe before a
// letter goes as the ʻokina does ("Wai'anae", "Wai‘anae" and "Waiʻanae"
// are waianae), the ʻokina being typed as one, but not a contraction's
// ("St. Mary's" stays st mary s, as redaction finds it written).
func DistrictKey(s string) string { return withoutKind(foldWords(withoutOkinas(s))) }

// districtKeys are the keys a conflict compares a district by: DistrictKey,
// and split, the key with each apostrophe cutting its word as releases
// before the ʻokina reading had it ("O'Fallon" is ofallon and o fallon).
// Rule 7 must not narrow: a reviewer who declared "O Fallon" conflicts
// with "O'Fallon" still, as one who declared "OFallon" now does.
func districtKeys(s string) (key, split string) {
	t := withoutOkinas(s)
	key = withoutKind(foldWords(t))
	if t == s {
		return key, key
	}
	return key, withoutKind(foldWords(s))
}

// withoutKind is a district's folded words without a trailing kind of
// district, joined; only a kind ("District") stays.
func withoutKind(words []string) string {
	for trimmed := true; trimmed; {
		trimmed = false
		for _, suf := range districtSuffixes {
			if n := len(words) - len(suf); n > 0 && slices.Equal(words[n:], suf) {
				words, trimmed = words[:n], true
				break
			}
		}
	}
	return strings.Join(words, " ")
}

// withoutOkinas is s without the apostrophes that stand for an ʻokina
// (okinaAt), as withoutAccents drops them.
func withoutOkinas(s string) string {
	if !strings.ContainsAny(s, okinas) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if !strings.ContainsRune(okinas, r) || !okinaAt(s, i, utf8.RuneLen(r)) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TypedOkinas reports whether s holds an apostrophe DistrictKey reads as
// an ʻokina ("Wai'anae"): earlier releases split the word there.
func TypedOkinas(s string) bool { return withoutOkinas(s) != s }

// SameDistrict reports whether a and b name one district: whether a key
// of one (districtKeys) is a key of the other.
func SameDistrict(a, b string) bool {
	return anyKeys(a, b, func(ka, kb string) bool { return ka == kb })
}

// anyKeys reports whether match holds for some non-empty key of a and
// some of b (districtKeys).
func anyKeys(a, b string, match func(ka, kb string) bool) bool {
	a1, a2 := districtKeys(a)
	b1, b2 := districtKeys(b)
	for _, ka := range [...]string{a1, a2} {
		for _, kb := range [...]string{b1, b2} {
			if ka != "" && kb != "" && match(ka, kb) {
				return true
			}
		}
	}
	return false
}

// SameState reports whether a and b name one state: by postal code when
// both are one, else as folded text.
func SameState(a, b string) bool {
	ca, okA := StateCode(a)
	cb, okB := StateCode(b)
	if okA && okB {
		return ca != "" && ca == cb
	}
	fa := strings.Join(foldWords(a), " ")
	return fa != "" && fa == strings.Join(foldWords(b), " ")
}

// NearDistrict reports whether a and b are not the same district but
// close enough that a lead should confirm: one's words begin or end the
// other's ("Hilo" and "Hilo Uplands"), or their keys are within two edits
// ("Kealakehe" and "Kealakahe").
func NearDistrict(a, b string) bool {
	return !SameDistrict(a, b) && anyKeys(a, b, nearKeys)
}

// nearKeys reports whether two different district keys are near
// (NearDistrict).
func nearKeys(ka, kb string) bool {
	if strings.HasPrefix(ka+" ", kb+" ") || strings.HasPrefix(kb+" ", ka+" ") ||
		strings.HasSuffix(" "+ka, " "+kb) || strings.HasSuffix(" "+kb, " "+ka) {
		return true
	}
	return min(len(ka), len(kb)) >= 4 && editDistance(ka, kb) <= 2
}

// editDistance is the Levenshtein distance between a and b, by rune.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
