package review

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// handleShape is an application's or attempt's handle as a reader reads
// it: two capitals (or a capital and a digit, as CredentialPrefix makes
// of "3d-design" or "grade-3-reading"), a dash, four of the pseudonym alphabet, and #n for an
// attempt; in full-width letters and digits too, with any dash ("DF‐8ATA",
// "ＤＦ－８ＡＴＡ"), or with a space or nothing for the dash when the four
// mix letters and digits ("DF 8ATA", "DF8ATA": four capitals or four
// digits so written are as often ordinary text, "AP TEST", "FY2024").
var handleShape = regexp.MustCompile(`(?:[A-ZＡ-Ｚ][A-ZＡ-Ｚ0-9０-９]|[0-9０-９][A-ZＡ-Ｚ])[-‐‑‒–—―−－ ]?[0-9A-HJKMNP-TV-Z０-９Ａ-ＨＪＫＭＮＰ-ＴＶ-Ｚ]{4}(?:[#＃][0-9０-９]+)?`)

// handleDashes are the dashes handleShape allows between its two halves.
const handleDashes = "-‐‑‒–—―−－"

// replaceHandles is text with every handle replaced by mark(h), h the
// handle read as written in ASCII ("DF-8ATA#2"), where it stands as a word
// of its own; where mark(h) is "", h is left as written.
func replaceHandles(text string, mark func(h string) string) string {
	if !strings.ContainsFunc(text, func(r rune) bool { return r >= 'A' && r <= 'Z' || r >= 'Ａ' && r <= 'Ｚ' }) {
		return text
	}
	var spans []Leak // Kind holds each handle's marker
	for _, m := range handleShape.FindAllStringIndex(text, -1) {
		if h, ok := readHandle(text[m[0]:m[1]]); ok && wordEdge(text, m[0], m[1]) {
			if marker := mark(h); marker != "" {
				spans = append(spans, Leak{Start: m[0], End: m[1], Kind: marker})
			}
		}
	}
	return replaceSpansWith(text, spans, func(marker string) string { return marker })
}

// readHandle is s, a match of handleShape, as a handle is written in ASCII,
// and whether it is one: written without a dash, its four must mix
// letters and digits.
func readHandle(s string) (string, bool) {
	var b strings.Builder
	dash := false
	for _, r := range s {
		r = Narrow(r)
		if b.Len() == 2 && (r == ' ' || strings.ContainsRune(handleDashes, r)) {
			dash = r != ' '
			continue
		}
		if b.Len() == 2 {
			b.WriteByte('-')
		}
		b.WriteRune(r)
	}
	h := b.String()
	four, _, _ := strings.Cut(h[3:], "#")
	mixed := strings.ContainsFunc(four, unicode.IsDigit) && strings.ContainsFunc(four, unicode.IsLetter)
	return h, dash || mixed
}

// wordEdge reports whether text[start:end] has no letter or digit just
// before or after it.
func wordEdge(text string, start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:start])
	after, _ := utf8.DecodeRuneInString(text[end:])
	return (start == 0 || !isWordRune(before)) && (end == len(text) || !isWordRune(after))
}
