package markdown

import (
	"slices"
	"strings"
)

// compact rewrites a glamour rendering with fewer style sequences and the
// same look. glamour styles every margin and indent space on its own
// ("\x1b[38;5;252m \x1b[0m" a space), so a rubric pane's line of 160
// cells ran to 1,300 bytes and a review screen to 36 KB: every frame of it
// is measured and copied by the renderer, encrypted, sent and parsed
// again by the reviewer's terminal. compact writes a style only when the
// look changes: spaces under a foreground colour, bold, faint or italic
// (which a space does not show) are written in whatever style is in
// force, and a style reset and set again to what it was is not written.
//
// Each line is rewritten on its own and ends in the style it ended in
// before. Until a line's first reset the style in force is not known (it
// may be carried over from the line before, or from what a pane draws
// first), so until then the line is written as it was.
func compact(s string) string {
	if !strings.Contains(s, "\x1b[") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) / 2)
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		compactLine(&b, line)
	}
	return b.String()
}

// compactLine writes line to b as compact does. A line with an escape
// other than a CSI sequence (a hyperlink's OSC string, say) is written as
// it is: a style written inside the string would become part of it.
func compactLine(b *strings.Builder, line string) {
	if !onlyCSI(line) {
		b.WriteString(line)
		return
	}
	var (
		known bool     // a reset was seen: have and want count from it
		have  []string // the style sequences written since the last reset
		want  []string // the style sequences the line has set since its last reset
	)
	// sync writes what makes the style written the style wanted.
	sync := func() {
		if slices.Equal(have, want) {
			return
		}
		if len(want) >= len(have) && slices.Equal(have, want[:len(have)]) {
			for _, q := range want[len(have):] {
				b.WriteString(q)
			}
		} else {
			b.WriteString("\x1b[0m")
			for _, q := range want {
				b.WriteString(q)
			}
		}
		have = append(have[:0], want...)
	}
	for len(line) > 0 {
		esc := strings.IndexByte(line, '\x1b')
		if esc != 0 {
			text := line
			if esc > 0 {
				text = line[:esc]
			}
			line = line[len(text):]
			switch {
			case !known:
				b.WriteString(text)
				continue
			case strings.Trim(text, " ") == "" && invisibleOnSpaces(want) && invisibleOnSpaces(have):
				// Spaces look the same under either style.
			default:
				sync()
			}
			b.WriteString(text)
			continue
		}
		n := sequenceLen(line)
		seq := line[:n]
		line = line[n:]
		switch {
		case !isSGR(seq):
			// Not a style: written where it was, in the style wanted.
			if known {
				sync()
			}
			b.WriteString(seq)
		case !known && !isReset(seq):
			b.WriteString(seq)
		case isReset(seq):
			if !known {
				b.WriteString(seq)
				known, have = true, nil
			}
			want = want[:0]
		default:
			want = append(want, seq)
		}
	}
	if known {
		sync()
	}
}

// onlyCSI reports whether every escape in line starts a CSI sequence.
func onlyCSI(line string) bool {
	for i := 0; i < len(line); i++ {
		if line[i] == '\x1b' && (i+1 == len(line) || line[i+1] != '[') {
			return false
		}
	}
	return true
}

// sequenceLen is the length of the CSI sequence at the start of s, up to
// its final byte.
func sequenceLen(s string) int {
	for i := 2; i < len(s); i++ {
		if c := s[i]; c >= 0x40 && c <= 0x7e {
			return i + 1
		}
	}
	return len(s)
}

// isSGR reports whether seq sets a style (CSI … m, parameters only).
func isSGR(seq string) bool {
	if len(seq) < 3 || seq[1] != '[' || seq[len(seq)-1] != 'm' {
		return false
	}
	for _, c := range seq[2 : len(seq)-1] {
		if (c < '0' || c > '9') && c != ';' && c != ':' {
			return false
		}
	}
	return true
}

// isReset reports whether seq is a style reset alone.
func isReset(seq string) bool { return seq == "\x1b[0m" || seq == "\x1b[m" }

// invisibleOnSpaces reports whether the style sequences, applied after a
// reset, leave a space looking as it does unstyled: only foreground
// colours, bold, faint and italic (and their undoing).
func invisibleOnSpaces(seqs []string) bool {
	for _, seq := range seqs {
		ps := strings.Split(seq[2:len(seq)-1], ";")
		for i := 0; i < len(ps); i++ {
			switch ps[i] {
			case "1", "2", "3", "22", "23", "39",
				"30", "31", "32", "33", "34", "35", "36", "37",
				"90", "91", "92", "93", "94", "95", "96", "97":
			case "38":
				switch {
				case i+2 < len(ps) && ps[i+1] == "5":
					i += 2
				case i+4 < len(ps) && ps[i+1] == "2":
					i += 4
				default:
					return false
				}
			default:
				return false // a background, underline, reverse, a reset inside…
			}
		}
	}
	return true
}
