package review

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// userNames are the candidate's user name, the part of their e-mail before
// the @, as patterns to redact alone, where it identifies them: it holds a
// digit beside letters ("mkeoni77"), or its letters are made of the name ("mkeoni",
// "marisolk" of Marisol Keoni), as a user name elsewhere often is too; and
// then its letters without the digits. A user name of words alone
// ("science@…") is not: taken alone it would take the word from the
// evidence; one of the name's words ("dana.ruiz") the name's patterns take.
// Where its letters meet its digits, it matches only as written:
// "grade4teacher" is not "grade 4 teacher", nor "science.7" "Science 7".
func userNames(email, name string) []redactPattern {
	local, _, ok := strings.Cut(strings.TrimSpace(email), "@")
	if !ok {
		return nil
	}
	words, gaps := foldWordsGaps(local)
	joined := strings.Join(words, "")
	bare := strings.TrimFunc(joined, unicode.IsDigit)
	made := madeOfName(bare, foldWords(name))
	var out []redactPattern
	add := func(s string) {
		words, gaps := foldWordsGaps(s)
		tight := make([]bool, len(gaps))
		for i := range gaps {
			tight[i] = isDigits(words[i]) != isDigits(words[i+1])
		}
		out = append(out, redactPattern{words: words, gaps: gaps, kind: LeakCandidateEmail, tight: tight})
	}
	// Digits alone ("2024@…") are as often a year or a count in the text.
	if utf8.RuneCountInString(joined) >= MinLeakValueLen && (made || strings.ContainsFunc(joined, unicode.IsDigit) && bare != "") {
		add(local)
		if strings.Join(gaps, "") != "" {
			add(joined) // "k.mahoe" written "kmahoe"
		}
	}
	if made && bare != joined {
		add(bare)
	}
	return out
}

// madeOfName reports whether s, folded, is a user name made of the folded
// name's first word and another part of it: an initial and the other part,
// either way round. Each word after the first is such a part, and so are
// they all run together, as a surname of two parts ("Ruiz-Lopez", "Álvarez
// Núñez") gives "druiz", "dlopez" and "druizlopez".
func madeOfName(s string, name []string) bool {
	if len(name) < 2 || utf8.RuneCountInString(s) < MinLeakValueLen {
		return false
	}
	initial := func(w string) string {
		_, n := utf8.DecodeRuneInString(w)
		return w[:n]
	}
	first, others := name[0], name[1:]
	if len(others) > 1 {
		others = append(others[:len(others):len(others)], strings.Join(others, ""))
	}
	for _, other := range others {
		for _, form := range []string{initial(first) + other, other + initial(first), first + initial(other), initial(other) + first} {
			if s == form {
				return true
			}
		}
	}
	return false
}
