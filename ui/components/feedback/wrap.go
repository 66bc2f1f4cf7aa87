package feedback

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	rw "github.com/mattn/go-runewidth"
	"github.com/rivo/uniseg"
)

// wrapped is one line of text as the textarea wraps it at one width.
type wrapped struct {
	rows   []string // the screen rows, each as bubbles' wrap makes it
	widths []int    // each row's width, as bubbles' View measures it
	plain  bool     // every rune simple (runeWidth) and every row within the width
}

// wrapMemo holds the wrapping of the lines drawn lately at one width, keyed
// by their text: typing changes one line, and the others are not wrapped
// again. (bubbles memoizes too, but hashes every line with SHA-256 on
// every look-up.)
type wrapMemo struct {
	width int
	lines map[string]*wrapped
	runes map[rune]int8 // runeWidth's answers for runes past ASCII
}

// get is line wrapped at width.
func (m *wrapMemo) get(line string, width int) *wrapped {
	if m.lines == nil || m.width != width {
		m.width, m.lines = width, map[string]*wrapped{}
	}
	if w, ok := m.lines[line]; ok {
		return w
	}
	w := m.wrap([]rune(line), width)
	m.lines[strings.Clone(line)] = w
	return w
}

// prune forgets the lines no longer in text (every earlier version of the
// line being typed), once they outnumber the lines in it.
func (m *wrapMemo) prune(text string, lines int) {
	if len(m.lines) <= 2*lines+16 {
		return
	}
	keep := make(map[string]*wrapped, lines)
	for line := range strings.SplitSeq(text, "\n") {
		if w, ok := m.lines[line]; ok {
			keep[line] = w
		}
	}
	m.lines = keep
}

// seg is a run of runes being wrapped and its width as uniseg measures
// it: kept as a sum while every rune in it is simple, measured whole
// otherwise (as bubbles measures it every time).
type seg struct {
	r      []rune
	w      int
	simple bool
}

func (s *seg) add(m *wrapMemo, rs ...rune) {
	s.r = append(s.r, rs...)
	for _, r := range rs {
		if !s.simple {
			return
		}
		if w, ok := m.runeWidth(r); ok {
			s.w += w
		} else {
			s.simple = false
		}
	}
}

func (s *seg) width() int {
	if s.simple {
		return s.w
	}
	return uniseg.StringWidth(string(s.r))
}

func (s *seg) reset() { s.r, s.w, s.simple = nil, 0, true }

// wrap is bubbles' wrap (textarea.go in bubbles v1.0.0, unexported), step
// for step, with the widths of the line and the word kept as sums while
// their runes are simple instead of measured again after every rune.
func (m *wrapMemo) wrap(runes []rune, width int) *wrapped {
	var (
		lines  = []seg{{r: []rune{}, simple: true}}
		word   = seg{simple: true}
		row    int
		spaces int
	)
	for _, r := range runes {
		if unicode.IsSpace(r) {
			spaces++
		} else {
			word.add(m, r)
		}

		if spaces > 0 {
			if lines[row].width()+word.width()+spaces > width {
				row++
				lines = append(lines, seg{r: []rune{}, simple: true})
			}
			lines[row].add(m, word.r...)
			lines[row].add(m, repeatSpaces(spaces)...)
			spaces = 0
			word.reset()
		} else {
			// A double-width last rune may not fit on this line.
			lastCharLen := rw.RuneWidth(word.r[len(word.r)-1])
			if word.width()+lastCharLen > width {
				// The word fills a line: it starts one unless this one is empty.
				if len(lines[row].r) > 0 {
					row++
					lines = append(lines, seg{r: []rune{}, simple: true})
				}
				lines[row].add(m, word.r...)
				word.reset()
			}
		}
	}

	// The last line ends in a space, as soft-wrapped lines do, for the cursor.
	if lines[row].width()+word.width()+spaces >= width {
		lines = append(lines, seg{r: []rune{}, simple: true})
		row++
	}
	lines[row].add(m, word.r...)
	lines[row].add(m, repeatSpaces(spaces+1)...)

	out := &wrapped{rows: make([]string, len(lines)), widths: make([]int, len(lines)), plain: true}
	for i, l := range lines {
		out.rows[i] = string(l.r)
		out.widths[i] = l.width()
		out.plain = out.plain && l.simple && out.widths[i] <= width
	}
	return out
}

func repeatSpaces(n int) []rune {
	rs := make([]rune, n)
	for i := range rs {
		rs[i] = ' '
	}
	return rs
}

// maxRunes bounds the runes past ASCII a memo keeps answers for.
const maxRunes = 4096

// asciiWidth is runeWidth's answer for each ASCII rune, worked out once.
var asciiWidth = func() (t [utf8.RuneSelf]int8) {
	for r := range rune(utf8.RuneSelf) {
		t[r] = probeRune(r)
	}
	return t
}()

// runeWidth is r's width when r is simple: a rune that is a grapheme
// cluster of its own beside any other simple rune, for uniseg (which
// bubbles measures with) and for x/ansi (which lipgloss and the viewport
// measure with) alike, and as wide for both. A run of simple runes is as
// wide as the sum of theirs, for both, so it is measured once per rune.
func (m *wrapMemo) runeWidth(r rune) (int, bool) {
	var w int8
	if r < utf8.RuneSelf {
		w = asciiWidth[r]
	} else {
		var ok bool
		if w, ok = m.runes[r]; !ok {
			w = probeRune(r)
			if m.runes == nil || len(m.runes) >= maxRunes {
				m.runes = map[rune]int8{} // a paste of every rune there is stays small
			}
			m.runes[r] = w
		}
	}
	return int(w), w >= 0
}

// probeRune is r's width if r is simple (runeWidth), else -1. Two runes
// join in one cluster only when one of them extends, prepends, links
// (ZWJ), pairs (regional indicators) or is a Hangul jamo: "a"+r, r+"a"
// and r+r in two clusters each rule all of those out for r, in both
// segmenters. Control characters are never simple.
func probeRune(r rune) int8 {
	if unicode.IsControl(r) || r == utf8.RuneError || !utf8.ValidRune(r) {
		return -1
	}
	s := string(r)
	w := uniseg.StringWidth(s)
	if ansi.StringWidth(s) != w || w > 2 {
		return -1
	}
	for _, pair := range [][2]string{{"a", s}, {s, "a"}, {s, s}} {
		p := pair[0] + pair[1]
		if uniseg.GraphemeClusterCount(p) != 2 {
			return -1
		}
		if first, _ := ansi.FirstGraphemeCluster(p, ansi.GraphemeWidth); first != pair[0] {
			return -1
		}
	}
	return int8(w)
}
