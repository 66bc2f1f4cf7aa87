package review

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// A candidate's feedback is the reviewer's own words, and a reviewer may
// write what the candidate must not read: another attempt's handle ("compare
// DF-7KQ2#1, which did this well") or their own id ("rev-07 thinks so").
// The export withholds both (docs/formats.md §4: no reviewer id, no
// pseudonym), replacing them with what they stood for.

// Markers that stand in the candidate's feedback for what is withheld.
const (
	MarkYourApplication    = "[your application]"
	MarkAnotherApplication = "[another application]"
	MarkReviewer           = "[reviewer]"
	MarkContact            = "[contact withheld]"
)

// Withheld says what a candidate's feedback may not name: the candidate's
// own handles (Handles: one for an application's feedback, each pass of a
// stack for its badge), the ids of whoever decided or changed the
// application's attempts however they are written (Actors), and other
// reviewers' ids as they are written (Reviewers).
type Withheld struct {
	Handles   []string
	Reviewers []string // NewWithheld leaves it empty and sets registered
	Actors    []string
	// Prefixes are the credentials' handle prefixes that hold a digit
	// (CredentialPrefix of "3d-design" is "3D"): such a prefix is read
	// as a handle's only when it is one of these, as "Q3-2024" or
	// "K2-MATH" in feedback is a term or a team, not a handle.
	Prefixes []string
	// registered is NewWithheld's registered ids that read as ids,
	// indexed, shared by every Withheld made from the same list.
	registered *idIndex
}

// NewWithheld is what the feedback on the applications of handles may not
// name: the handles, the ids of actors (whoever decided or changed their
// attempts) however they read, and those of the registered ids that read
// as ids, not words ("rev-07", "ana.k"), as written: an id such as "grace"
// is also a word a reviewer may write, and "lead1" of someone who had no
// part in the application should not take "lead 1" from the text.
func NewWithheld(handles, registered, actors []string) Withheld {
	w := Withheld{Handles: handles}
	for _, id := range actors {
		if id != "" && !slices.Contains(w.Actors, id) {
			w.Actors = append(w.Actors, id)
		}
	}
	w.registered = registeredIDs(registered)
	return w
}

// idIndex is a list of ids with each one's skeleton, indexed by its last
// three letters (all of them, when shorter): a text's skeleton names the
// few ids to look for. A loop over every registered id cost each text of
// an export the program's reviewers: with 5,000, export feedback --all
// took seven times as long as with 200. The last letters, not the first:
// a program's ids share their starts ("rev-0001" … "rev-5000"), which
// "review" or "revise" in a text would hold.
type idIndex struct {
	ids, skels []string
	byGram     map[string][]int // last letters → indices, ascending
}

// gramLen is how many of a skeleton's last letters index it.
const gramLen = 3

func newIDIndex(ids []string) *idIndex {
	x := &idIndex{ids: ids, skels: make([]string, len(ids)), byGram: map[string][]int{}}
	for i, id := range ids {
		sk := idSkeleton(id)
		x.skels[i] = sk
		if sk != "" {
			g := sk[len(sk)-min(len(sk), gramLen):]
			x.byGram[g] = append(x.byGram[g], i)
		}
	}
	return x
}

// candidates are the indices from on, ascending, of the ids whose last
// letters skel holds somewhere: the only ones it may hold whole.
func (x *idIndex) candidates(skel string, from int) []int {
	var out []int
	for p := range len(skel) {
		for n := 1; n <= gramLen && p+n <= len(skel); n++ {
			for _, i := range x.byGram[skel[p:p+n]] {
				if i >= from {
					out = append(out, i)
				}
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// lastRegistered keeps the index of the last registered list asked for:
// an export asks for the same one for every application, and a server's
// claims of resubmissions for the same one until a reviewer is added.
var lastRegistered struct {
	sync.Mutex
	key string
	x   *idIndex
}

// registeredIDs is the index of those of registered that read as ids, not
// words ("rev-07", "ana.k"; not "grace").
func registeredIDs(registered []string) *idIndex {
	key := strings.Join(registered, "\x00")
	lastRegistered.Lock()
	defer lastRegistered.Unlock()
	if lastRegistered.x != nil && lastRegistered.key == key {
		return lastRegistered.x
	}
	var ids []string
	for _, id := range registered {
		if strings.ContainsFunc(id, func(c rune) bool { return !unicode.IsLetter(c) }) {
			ids = append(ids, id)
		}
	}
	lastRegistered.key, lastRegistered.x = key, newIDIndex(ids)
	return lastRegistered.x
}

// Apply is text with every handle replaced by MarkYourApplication (one of
// the candidate's own, w.Handles) or MarkAnotherApplication, and every reviewer id in
// w.Actors and w.Reviewers by MarkReviewer (ApplyReviewers). Handles are matched in
// capitals, full-width ones too, with any dash (handleShape): in lower
// case the shape is too common a word's ("re-read").
func (w Withheld) Apply(text string) string {
	text = replaceHandles(text, func(h string) string { // feedback_handles.go
		if slices.Contains(w.Handles, strings.SplitN(h, "#", 2)[0]) {
			return MarkYourApplication
		}
		if strings.ContainsAny(h[:2], "0123456789") && !slices.Contains(w.Prefixes, h[:2]) {
			return "" // not a credential's prefix: not a handle
		}
		return MarkAnotherApplication
	})
	// Contacts first: an address built on a reviewer's id goes whole.
	return w.ApplyReviewers(withholdContacts(text))
}

// contactScan finds e-mail addresses and phones as the leak scan does in
// evidence; it knows no candidate and lists no names.
var contactScan = NewLeakScanner(nil)

// withholdContacts replaces every e-mail address and every phone with its
// area code in text by MarkContact: in a candidate's feedback such a
// contact is most likely the reviewer's own ("call me at 808-555-7777"),
// and candidates never learn who reviewed them. A number of fewer digits
// reads as often as a range of scores and stays, as in earlier feedback.
func withholdContacts(text string) string {
	found := slices.DeleteFunc(contactScan.scanText(text, candidatePatterns{}), func(l Leak) bool {
		return l.Kind != LeakEmail && l.Kind != LeakPhone || shortPhone(text, l)
	})
	return replaceSpansWith(text, found, func(string) string { return MarkContact })
}

// ApplyReviewers is text with every reviewer id replaced by MarkReviewer,
// as a whole id (not inside a longer one, though a full stop may end it),
// in any case and in full-width letters: w.Actors however its parts are
// joined (writtenID: "rev-bob" as "Rev.Bob", "rev bob", "revbob"),
// w.Reviewers with the separators they have.
func (w Withheld) ApplyReviewers(text string) string {
	skel := idSkeleton(text) // text's letters and digits, lowered: most ids are not in it
	for _, id := range w.Actors {
		if want := idSkeleton(id); want != "" && strings.Contains(skel, want) {
			text = replaceID(text, writtenID(id, true), MarkReviewer)
			skel = idSkeleton(text)
		}
	}
	lists := []*idIndex{w.registered}
	if len(w.Reviewers) > 0 {
		lists = append(lists, newIDIndex(w.Reviewers))
	}
	for _, x := range lists {
		if x == nil {
			continue
		}
		// In the list's order, as a loop over it would: after a
		// replacement, the ids after it are looked for in the new text.
		for from := 0; from < len(x.ids); {
			next := len(x.ids)
			for _, i := range x.candidates(skel, from) {
				if strings.Contains(skel, x.skels[i]) && !slices.Contains(w.Actors, x.ids[i]) {
					text = replaceID(text, writtenID(x.ids[i], false), MarkReviewer)
					skel, next = idSkeleton(text), i+1
					break
				}
			}
			from = next
		}
	}
	return text
}

// idSkeleton is s's ASCII letters and digits, full-width ones as ASCII,
// lowered: what an id keeps however it is written.
func idSkeleton(s string) string {
	return strings.Map(func(c rune) rune {
		if l, ok := lookAlike[unicode.ToLower(c)]; ok {
			return l // "rеv" with a Cyrillic е reads rev
		}
		switch c = Narrow(c); {
		case c >= 'A' && c <= 'Z':
			return c + 'a' - 'A'
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			return c
		}
		return -1
	}, s)
}

// writtenIDs caches writtenID: the ids are the program's reviewers, few.
var writtenIDs sync.Map // writtenKey → *regexp.Regexp

type writtenKey struct {
	id    string
	loose bool
}

// writtenID matches id as a person may write it: each letter in either
// case, ASCII or full-width, or a Cyrillic or Greek letter drawn like it,
// each digit as written or full-width; loose,
// its parts (split at . _ - and where letters meet digits: "lead1" is
// "lead" and "1") are joined by nothing or up to two of . _ - a space or
// another dash, else each separator is the id's own (or full-width).
func writtenID(id string, loose bool) *regexp.Regexp {
	k := writtenKey{id, loose}
	if re, ok := writtenIDs.Load(k); ok {
		return re.(*regexp.Regexp)
	}
	const sep = `[\s._\-\x{2010}-\x{2015}\x{FF0D}\x{FF0E}\x{FF3F}]{0,2}`
	var b strings.Builder
	prev := byte(0)
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !isAlnumByte(c) {
			if !loose {
				fmt.Fprintf(&b, "[%s\\x{%X}]", regexp.QuoteMeta(string(c)), rune(c)+0xFEE0)
			}
			continue // loose: the sep below stands for it
		}
		if loose && prev != 0 && (!isAlnumByte(id[i-1]) || isDigitByte(prev) != isDigitByte(c)) {
			b.WriteString(sep)
		}
		prev = c
		lo, up := c, c
		if c >= 'A' && c <= 'Z' {
			lo = c + 'a' - 'A'
		}
		if lo >= 'a' && lo <= 'z' {
			up = lo - 'a' + 'A'
		}
		fmt.Fprintf(&b, "[%c%c\\x{%X}\\x{%X}%s]", lo, up, rune(lo)+0xFEE0, rune(up)+0xFEE0, latinAlikes[lo])
	}
	re := regexp.MustCompile(b.String())
	writtenIDs.Store(k, re)
	return re
}

// latinAlikes are, for each lower-case Latin letter, the Cyrillic and
// Greek letters drawn like it (lookAlike), in both cases.
var latinAlikes = func() map[byte]string {
	m := map[byte]string{}
	for r, l := range lookAlike {
		m[byte(l)] += string(r) + string(unicode.ToUpper(r))
	}
	return m
}()

// replaceID replaces each whole match of id (writtenID) in text by mark:
// one not touching another id character, save a full stop that ends a
// sentence.
func replaceID(text string, id *regexp.Regexp, mark string) string {
	var b strings.Builder
	from := 0
	for _, m := range id.FindAllStringIndex(text, -1) {
		start, end := m[0], m[1]
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, n := utf8.DecodeRuneInString(text[end:])
		next, _ := utf8.DecodeRuneInString(text[min(end+n, len(text)):])
		okBefore := start == 0 || !idRune(before)
		okAfter := end == len(text) || !idRune(after) || (after == '.' && (end+n == len(text) || !idRune(next)))
		if okBefore && okAfter {
			b.WriteString(text[from:start])
			b.WriteString(mark)
			from = end
		}
	}
	if from == 0 {
		return text
	}
	b.WriteString(text[from:])
	return b.String()
}

// idRune reports whether c may be part of an id as written: a letter or
// digit of any script (full-width ones too), or . _ -.
func idRune(c rune) bool {
	return unicode.IsLetter(c) || unicode.IsDigit(c) || c == '.' || c == '_' || c == '-'
}

// isDigitByte reports whether c is an ASCII digit.
func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }
