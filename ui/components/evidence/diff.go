package evidence

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
	"github.com/sergi/go-diff/diffmatchpatch"

	"assessor/review"
	"assessor/ui/common"
)

// The evidence diff of a resubmission against the attempt before it: which
// part of attempt n matches which part of attempt n−1, and a word-level diff
// of each matched pair. Drawing it is diff_view.go's job.

// WordDiff diffs old against new a whole word at a time, so no word is ever
// shown half inserted. It is diff-match-patch's "word mode": each distinct
// word or whitespace run becomes one rune, the runes are diffed and cleaned
// up semantically (merging small equalities into the edits around them, so
// a rewritten sentence reads as one deletion and one insertion), and the
// runes are turned back into text. Texts with more distinct tokens than
// there are runes get trimDiff's coarser diff instead, never wrong words.
//
// It compares each side's first MaxComparedWords words and counts the
// rest of both (notCompared), leaving it out of diffs: comparing costs
// over a hundred times the text, hundreds of MB for the 2 MB of short
// lines the import lets through, the server's memory under `assessor
// serve`, and no more than MaxDiffWords words are drawn. A text that is
// all inserted, all deleted or unchanged is one diff, whole, as comparing
// it would give.
func WordDiff(old, new string) (diffs []diffmatchpatch.Diff, notCompared int) {
	switch {
	case old == new && old == "":
		return nil, 0
	case old == new:
		return []diffmatchpatch.Diff{{Type: diffmatchpatch.DiffEqual, Text: old}}, 0
	case old == "":
		return []diffmatchpatch.Diff{{Type: diffmatchpatch.DiffInsert, Text: new}}, 0
	case new == "":
		return []diffmatchpatch.Diff{{Type: diffmatchpatch.DiffDelete, Text: old}}, 0
	}
	oldCut, newCut := firstWords(old, MaxComparedWords), firstWords(new, MaxComparedWords)
	notCompared = diffWordCount(old[len(oldCut):]) + diffWordCount(new[len(newCut):])
	return wordDiff(oldCut, newCut), notCompared
}

// startsWord reports whether r, after prev, begins a word as the diff's
// bounds count them: after a space, and at every letter of a script
// written without spaces (review.LetterOfUnspacedWords) and the letter
// after one. Counted between spaces alone, 4 MB of Chinese was one word,
// compared and drawn whole: 416 MB and seconds for one view of it.
func startsWord(prev, r rune) bool {
	if unicode.IsSpace(r) {
		return false
	}
	return prev == 0 || unicode.IsSpace(prev) || review.LetterOfUnspacedWords(r) ||
		(review.LetterOfUnspacedWords(prev) && !unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me))
}

// diffWordCount counts the words of s as startsWord does.
func diffWordCount(s string) int {
	n, prev := 0, rune(0)
	for _, r := range s {
		if startsWord(prev, r) {
			n++
		}
		prev = r
	}
	return n
}

// MaxComparedWords is how many words of each side WordDiff compares: a
// few more than MaxDiffWords, so that every word drawn was compared.
const MaxComparedWords = MaxDiffWords + 1000

// firstWords is s up to its maxWords+1st word (startsWord), or s when it
// has no more.
func firstWords(s string, maxWords int) string {
	n, prev := 0, rune(0)
	for i, r := range s {
		if startsWord(prev, r) {
			if n == maxWords {
				return s[:i]
			}
			n++
		}
		prev = r
	}
	return s
}

// wordDiff is WordDiff of the whole of old and new.
func wordDiff(old, new string) []diffmatchpatch.Diff {
	ta, tb := tokenize(old), tokenize(new)
	var vocab []string
	ids := map[string]rune{}
	encode := func(toks []string) ([]rune, bool) {
		out := make([]rune, len(toks))
		for i, t := range toks {
			r, ok := ids[t]
			if !ok {
				if len(vocab) == maxTokens {
					return nil, false
				}
				r = tokenRune(len(vocab))
				ids[t] = r
				vocab = append(vocab, t)
			}
			out[i] = r
		}
		return out, true
	}
	a, okA := encode(ta)
	b, okB := encode(tb)
	if !okA || !okB {
		return trimDiff(ta, tb)
	}
	dmp := diffmatchpatch.New()
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMainRunes(a, b, false))
	for i := range diffs {
		var sb strings.Builder
		for _, r := range diffs[i].Text {
			sb.WriteString(vocab[tokenIndex(r)])
		}
		diffs[i].Text = sb.String()
	}
	return diffs
}

// trimDiff is WordDiff's answer when old and new hold more distinct tokens
// than there are runes to stand for them: the tokens they share at the
// start and at the end are equal, and what lies between is one deletion and
// one insertion.
func trimDiff(a, b []string) []diffmatchpatch.Diff {
	p, s := sharedEnds(len(a), len(b), func(i, j int) bool { return a[i] == b[j] })
	var out []diffmatchpatch.Diff
	add := func(op diffmatchpatch.Operation, toks []string) {
		if len(toks) > 0 {
			out = append(out, diffmatchpatch.Diff{Type: op, Text: strings.Join(toks, "")})
		}
	}
	add(diffmatchpatch.DiffEqual, a[:p])
	add(diffmatchpatch.DiffDelete, a[p:len(a)-s])
	add(diffmatchpatch.DiffInsert, b[p:len(b)-s])
	add(diffmatchpatch.DiffEqual, a[len(a)-s:])
	return out
}

// sharedEnds is how many items two sequences of n and m items share at the
// start (p) and then at the end (s); eq compares the first's item i with
// the second's item j.
func sharedEnds(n, m int, eq func(i, j int) bool) (p, s int) {
	for p < n && p < m && eq(p, p) {
		p++
	}
	for s < n-p && s < m-p && eq(n-1-s, m-1-s) {
		s++
	}
	return p, s
}

// tokenize splits s into alternating runs of whitespace and non-whitespace;
// joined, the tokens are s again.
func tokenize(s string) []string {
	var toks []string
	start, inSpace := 0, false
	for i, r := range s {
		sp := unicode.IsSpace(r)
		if i > start && sp != inSpace {
			toks = append(toks, s[start:i])
			start = i
		}
		inSpace = sp
	}
	if start < len(s) {
		toks = append(toks, s[start:])
	}
	return toks
}

// maxTokens is how many tokens tokenRune can map before it passes
// U+10FFFF, the last rune; a variable so a test can lower it.
var maxTokens = tokenIndex(unicode.MaxRune) + 1

// tokenRune and tokenIndex map a token's index to a rune and back, skipping
// the surrogate range: the diff's cleanup passes runes through strings,
// where a surrogate would turn into U+FFFD and lose its token.
func tokenRune(i int) rune {
	r := rune(i + 1)
	if r >= 0xD800 {
		r += 0x800
	}
	return r
}

func tokenIndex(r rune) int {
	if r >= 0xD800 {
		r -= 0x800
	}
	return int(r) - 1
}

// diffWords counts the words inserted and deleted by diffs.
func diffWords(diffs []diffmatchpatch.Diff) (ins, del int) {
	for _, d := range diffs {
		switch d.Type {
		case diffmatchpatch.DiffInsert:
			ins += diffWordCount(d.Text)
		case diffmatchpatch.DiffDelete:
			del += diffWordCount(d.Text)
		}
	}
	return ins, del
}

// partChange says how a part differs from the attempt before.
type partChange int

const (
	partUnchanged partChange = iota
	partChanged
	partAdded   // only in the current attempt
	partRemoved // only in the previous attempt
)

// partDiff is one part of the current attempt (or a removed part of the
// previous one) with its diff. Titles and text are sanitized.
type partDiff struct {
	change     partChange
	title      string // current title, or the removed part's
	oldTitle   string // previous title when it changed, else ""
	text       string // current text ("" for a removed part)
	files      []string
	oldFiles   []string
	changed    []string // files in both attempts whose bytes differ
	diffs      []diffmatchpatch.Diff
	ins, del   int  // in diffs
	uncompared int  // words WordDiff did not compare
	filesDiffs bool // the file list changed
}

// diffParts pairs the parts of cur with those of old (see matchParts) and
// diffs each pair. Removed parts come last, in their old order.
func diffParts(cur, old []review.EvidencePart) []partDiff {
	clean := func(ps []review.EvidencePart) []review.EvidencePart {
		out := make([]review.EvidencePart, len(ps))
		for i, p := range ps {
			out[i] = review.EvidencePart{Title: review.Sanitize(p.Title), Text: review.Sanitize(p.Text)}
			for _, f := range p.Files {
				out[i].Files = append(out[i].Files, review.Sanitize(f))
			}
			for _, at := range p.Attachments {
				at.Name = review.Sanitize(at.Name)
				out[i].Attachments = append(out[i].Attachments, at)
			}
		}
		return out
	}
	cur, old = clean(cur), clean(old)
	match := matchParts(cur, old)
	used := make([]bool, len(old))
	var out []partDiff
	for i, p := range cur {
		j := match[i]
		if j < 0 {
			d := partDiff{change: partAdded, title: p.Title, text: p.Text, files: p.Files}
			d.diffs, d.uncompared = WordDiff("", p.Text)
			d.ins, d.del = diffWords(d.diffs)
			out = append(out, d)
			continue
		}
		used[j] = true
		o := old[j]
		d := partDiff{change: partChanged, title: p.Title, text: p.Text, files: p.Files, oldFiles: o.Files,
			changed: changedFiles(o.Attachments, p.Attachments)}
		d.diffs, d.uncompared = WordDiff(o.Text, p.Text)
		d.filesDiffs = !slices.Equal(p.Files, o.Files) || len(d.changed) > 0
		if o.Title != p.Title {
			d.oldTitle = o.Title
		}
		d.ins, d.del = diffWords(d.diffs)
		if o.Text == p.Text && !d.filesDiffs && d.oldTitle == "" {
			d.change = partUnchanged
		}
		out = append(out, d)
	}
	for j, o := range old {
		if !used[j] {
			d := partDiff{change: partRemoved, title: o.Title, oldFiles: o.Files}
			d.diffs, d.uncompared = WordDiff(o.Text, "")
			d.ins, d.del = diffWords(d.diffs)
			out = append(out, d)
		}
	}
	return out
}

// changedFiles names the files stored in both attempts (by name) whose
// bytes differ (by hash). Parts imported with names only have no hashes
// and so no changed files.
func changedFiles(old, cur []review.Attachment) []string {
	var out []string
	for _, c := range cur {
		for _, o := range old {
			if o.Name == c.Name && o.Hash != c.Hash {
				out = append(out, c.Name)
				break
			}
		}
	}
	return out
}

// matchParts returns, for each part of cur, the index of its counterpart in
// old or -1: first by part number ("Part 2: …"), then by title, then by
// position. Two parts that both carry a number but different ones are never
// paired by position: "Part 3" replacing "Part 2" is an added and a removed
// part, not an edit.
func matchParts(cur, old []review.EvidencePart) []int {
	match := make([]int, len(cur))
	for i := range match {
		match[i] = -1
	}
	used := make([]bool, len(old))
	pair := func(ok func(c, o review.EvidencePart, i, j int) bool) {
		for i, c := range cur {
			if match[i] >= 0 {
				continue
			}
			for j, o := range old {
				if !used[j] && ok(c, o, i, j) {
					match[i], used[j] = j, true
					break
				}
			}
		}
	}
	pair(func(c, o review.EvidencePart, _, _ int) bool {
		n := review.PartNumber(c.Title)
		return n > 0 && n == review.PartNumber(o.Title)
	})
	pair(func(c, o review.EvidencePart, _, _ int) bool {
		return normTitle(c.Title) == normTitle(o.Title)
	})
	pair(func(c, o review.EvidencePart, i, j int) bool {
		nc, no := review.PartNumber(c.Title), review.PartNumber(o.Title)
		return i == j && (nc == 0 || no == 0)
	})
	return match
}

// normTitle folds case and spacing, which candidates change without meaning
// anything by it.
func normTitle(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// firstLine is the first line of s wrapped to width, with "…" when more
// follows: an unchanged part is collapsed to it.
func firstLine(s string, width int) string {
	s = strings.TrimSpace(common.Drawable(s))
	wrapped := common.Wrap(s, width)
	line, rest, more := strings.Cut(wrapped, "\n")
	if !more || strings.TrimSpace(rest) == "" {
		return line
	}
	if ansi.StringWidth(line) >= width {
		return ansi.Truncate(line, width, "…")
	}
	return line + "…"
}

// MaxDiffWords is how many words of a diff are drawn: a long report's
// whole diff, and a bounded cost for a hostile text's.
const MaxDiffWords = 50000

// MoreWordsNote says how many words of a diff are not drawn, how many of
// those are inserted or deleted, and how many more WordDiff did not
// compare.
func MoreWordsNote(more, changed, notCompared int) string {
	note := fmt.Sprintf("… %d more %s not shown, %d of them inserted or deleted", more, review.Plural(more, "word", "words"), changed)
	if notCompared > 0 {
		note += fmt.Sprintf(", and %d more %s not compared", notCompared, review.Plural(notCompared, "word", "words"))
	}
	return note
}

// CutDiff is diffs cut after their first maxWords words, and how many
// words it leaves out (more) and how many of those are inserted or
// deleted. Drawing a word of a diff costs hundreds of bytes, so a file
// of a million one-letter lines (2 MB, inside the import's limit) would
// cost hundreds of MB to draw whole; the rest is counted, not drawn.
func CutDiff(diffs []diffmatchpatch.Diff, maxWords int) (kept []diffmatchpatch.Diff, more, moreChanged int) {
	kept, more, moreChanged, _ = cutDiff(diffs, maxWords)
	return kept, more, moreChanged
}

// cutDiff is CutDiff and how many words it kept.
func cutDiff(diffs []diffmatchpatch.Diff, maxWords int) (kept []diffmatchpatch.Diff, more, moreChanged, n int) {
	for _, d := range diffs {
		cut, past := -1, 0 // where d's words past maxWords start, and how many
		prev := rune(0)    // each diff's first word is drawn as a word of its own
		for j, r := range d.Text {
			if startsWord(prev, r) {
				if n < maxWords {
					n++
				} else {
					if cut < 0 {
						cut = j
					}
					past++
				}
			}
			prev = r
		}
		switch {
		case more > 0: // cut already: nothing after it is drawn
		case cut < 0:
			kept = append(kept, d)
		case cut > 0:
			kept = append(kept, diffmatchpatch.Diff{Type: d.Type, Text: d.Text[:cut]})
		}
		more += past
		if d.Type != diffmatchpatch.DiffEqual {
			moreChanged += past
		}
	}
	return kept, more, moreChanged, n
}
