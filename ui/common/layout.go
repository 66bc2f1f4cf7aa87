package common

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/styles"
)

// Fit cuts s to at most h lines of at most w cells each. Screens call it on
// their final view as a last guard: a line wider than the terminal wraps and
// pushes the whole layout down, and too many lines scroll the header away.
func Fit(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if h > 0 && len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if Width(l) > w {
			lines[i] = ansi.Truncate(l, w, "…")
		}
	}
	return strings.Join(lines, "\n")
}

// OneLine cuts s to a single line of at most w cells.
func OneLine(s string, w int) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if Width(s) > w {
		s = ansi.Truncate(s, max(w, 1), "…")
	}
	return s
}

// Pad is s with spaces after it to w cells: fmt's %-*s counts runes and
// len bytes, and a level "meets 👍" is seven runes in eight cells.
func Pad(s string, w int) string {
	return s + strings.Repeat(" ", max(w-Width(s), 0))
}

// Spread puts left and right on one line of width w, right-aligned, cutting
// left first when they do not both fit.
func Spread(left, right string, w int) string {
	rw := lipgloss.Width(right)
	if rw >= w-1 { // no room for the gap and any of left
		return OneLine(right, w)
	}
	left = OneLine(left, w-rw-1)
	gap := w - lipgloss.Width(left) - rw
	return left + strings.Repeat(" ", max(gap, 1)) + right
}

// Wrap word-wraps s to w cells, breaking words longer than w.
func Wrap(s string, w int) string { return WordWrap(s, max(w, 1)) }

// DaysWaiting formats the time since t in days with one decimal, e.g.
// "12.5"; from 1,000 days whole, so it keeps to the queue's five columns
// ("1037", where "1037.5" was cut to "1037…").
func DaysWaiting(t, now time.Time) string {
	d := now.Sub(t).Hours() / 24
	if d < 0 {
		d = 0
	}
	if d >= 999.95 {
		return fmt.Sprintf("%.0f", d)
	}
	return fmt.Sprintf("%.1f", d)
}

// Name is a rubric's text (a criterion's name, a level) as a screen
// draws it: sanitized, and Drawable, as evidence is.
func Name(s string) string { return Drawable(review.Sanitize(s)) }

// Drawable returns untrusted text as every terminal draws it alike, so
// width checks hold: a tab, whose width the terminal decides, becomes four
// spaces, and emoji that only some terminals join are set apart. 👩‍🏫 is 👩,
// a joiner and 🏫: measured as one emoji two cells wide, it is drawn as two
// (four cells) by a terminal that does not join them (tmux, xterm), and
// the line overflowed its pane and scrolled the screen. A skin tone and
// the emoji variation selector go the same way. Joiners between letters
// (Persian, Indic scripts) stay. Thai and Lao sara am (ำ, ຳ), measured
// inside the letter before it but drawn in a cell of its own by a
// terminal that draws each character alone (tmux, xterm), is written as
// the two characters it is drawn as (ํา), which every terminal draws in
// the cells measured. Indic scripts' spacing vowel signs (ि, ा, ো, ா:
// Unicode's Mc) and the letter after a virama (न्द) are drawn in cells of
// their own there too, but measured inside the letter before: a word
// joiner (U+2060), which takes no cell and is no place to break a line,
// is written before each, and the measurer starts a new grapheme there.
func Drawable(s string) string { return setApartIn(s, true) }

// FieldText is Drawable for text put into a text field (a draft, a
// snippet, an outside editor's): tabs and emoji as Drawable has them, but
// no word joiners, which in a field would each be a cursor stop and a
// backspace of their own, and count against the feedback's limit
// (UnjoinEmoji).
func FieldText(s string) string { return setApartIn(s, false) }

// setApartIn is s with its tabs four spaces and unjoin's work done, the
// word joiners when drawn; s itself when there is nothing to do.
func setApartIn(s string, drawn bool) string {
	s = strings.ReplaceAll(s, "\t", "    ")
	if !strings.ContainsAny(s, setApart) && !(drawn && strings.ContainsFunc(s, drawnApart)) {
		return s
	}
	return string(unjoin([]rune(s), drawn))
}

// UnjoinEmoji is rs without the joiners, skin tones and emoji variation
// selectors Drawable takes out, and with sara am written apart, for text
// typed into a field. It writes no word joiners: in a field, each would
// be a cursor stop and a backspace of its own, and count against the
// feedback's limit, for nothing the reviewer sees.
func UnjoinEmoji(rs []rune) []rune { return unjoin(rs, false) }

// unjoin is Drawable's work on rs, with the word joiners of Indic scripts
// when drawn.
func unjoin(rs []rune, drawn bool) []rune {
	if !slices.ContainsFunc(rs, func(r rune) bool { return strings.ContainsRune(setApart, r) || drawn && drawnApart(r) }) {
		return rs // most bursts: typed letters, kept without a copy
	}
	out := rs[:0:0]
	prev := rune(0)
	for i, r := range rs {
		next := rune(0)
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		switch {
		case r == 0xfe0f || (r >= 0x1f3fb && r <= 0x1f3ff):
			continue
		case r == 0x0e33 || r == 0x0eb3: // sara am: nikhahit, then sara aa
			out = append(out, r+0x1a, r-1)
			prev = r - 1
			continue
		case r == 0x200d:
			if pictograph(prev) || pictograph(next) {
				continue
			}
			// Kept between letters: tmux draws the letter after a
			// joiner in the joiner's cell, other terminals beside it.
			if drawn && next != wordJoiner {
				out = append(out, r, wordJoiner)
				prev = wordJoiner
				continue
			}
		case !drawn:
		case unicode.Is(unicode.Mc, r) && prev != wordJoiner:
			out = append(out, wordJoiner, r)
			prev = r
			continue
		case linker(r) && next != 0x200d && next != wordJoiner:
			out = append(out, r, wordJoiner)
			prev = wordJoiner
			continue
		}
		out = append(out, r)
		prev = r
	}
	return out
}

// wordJoiner takes no cell on any terminal and is a control to the
// grapheme measurer (UAX #29 GB4, GB5), which ends a grapheme there; it
// is not a place to break a line, and review.Sanitize drops it, so a
// field's feedback is recorded without it.
const wordJoiner = '\u2060'

// drawnApart reports whether r is a rune Drawable writes a word joiner
// beside: a spacing mark, or a virama that joins the next letter to its
// grapheme.
func drawnApart(r rune) bool { return r >= 0x900 && (unicode.Is(unicode.Mc, r) || linker(r)) }

// linker reports whether r is a virama the measurer joins the next letter
// to (UAX #29 GB9c's linkers: Devanagari, Bengali, Gujarati, Oriya,
// Telugu, Malayalam, Myanmar, Khmer, Tai Tham, Sundanese, Meetei Mayek),
// measuring the conjunct one cell where terminals draw two. The rest are
// spacing marks, set apart as such.
func linker(r rune) bool {
	switch r {
	case 0x094d, 0x09cd, 0x0acd, 0x0b4d, 0x0c4d, 0x0d4d, 0x1039, 0x17d2, 0x1a60, 0x1bab, 0xaaf6:
		return true
	}
	return false
}

// joinsEmoji are the runes Drawable takes out: the zero-width joiner, the
// emoji variation selector and the five skin tones.
const joinsEmoji = "\u200d\ufe0f\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff"

// setApart are the runes Drawable changes: joinsEmoji, and Thai and Lao
// sara am.
const setApart = joinsEmoji + "\u0e33\u0eb3"

// pictograph reports whether r is in the blocks emoji come from.
func pictograph(r rune) bool {
	return r >= 0x1f000 || (r >= 0x2300 && r <= 0x27bf) || (r >= 0x2b00 && r <= 0x2bff)
}

// Plural is review.Plural for the screens, which count in ints.
func Plural(n int, one, many string) string { return review.Plural(n, one, many) }

// Pane draws one bordered pane, inner size w×h, around a title line and
// body: the focused pane's border is heavier (styles.PaneFocused), which
// shows without colour too.
func Pane(st *styles.Styles, title, body string, w, h int, focused bool) string {
	style := st.PaneBlurred
	if focused {
		style = st.PaneFocused
	}
	content := Fit(OneLine(st.PaneTitle.Render(title), w)+"\n"+body, w, h)
	return style.Padding(0, 1).Width(w + 2).Height(h).MaxHeight(h + 2).Render(content)
}
