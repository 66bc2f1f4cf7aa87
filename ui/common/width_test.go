package common

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// widthSeeds are lines of the kinds screens draw: plain, styled (SGR in
// its short and long forms), wide and combined runes, other escape
// sequences, controls, and cut-off sequences.
var widthSeeds = []string{
	"", "plain text", "\x1b[1;38;2;255;135;0mRubric\x1b[0m  ", "\x1b[7mreversed\x1b[m ok",
	"café ☕ 漢字", "e\u0301", "\x1b]8;;https://x\x1b\\link\x1b]8;;\x1b\\", "tab\there", "bell\a",
	"\x1b[", "\x1b[38;5;", "\x1b[1", "\x1b", "\x1bc", "a\x1b[?25lb", "\x7f", "\x1b[1\x00m", "\x1b[ q",
	"╭─ Evidence ─╮", "│ ▸ C1 · meets … → ok │", "é\u0301", "↔\ufe0f", "◽", "a\u00adb", "─\u200d─", "€ £ © ±",
}

// TestNarrowIsOneCell: every narrow rune is one cell alone, after ASCII,
// after a style, and before and after each of a set of runes that join or
// widen their neighbours, as ansi.StringWidth counts them.
func TestNarrowIsOneCell(t *testing.T) {
	joiners := []string{"\u0301", "\u200d", "\ufe0f", "\ufe0e", "\U0001F3FB", "\u20e3", "\U0001F1E6", "\u1100", "\u0e33"}
	n := 0
	for r := rune(0); r <= 0x2fff; r++ {
		if !narrow(r) {
			continue
		}
		n++
		s := string(r)
		for _, line := range append([]string{s, "a" + s, "\x1b[1m" + s + "\x1b[0m" + s}, joinedWith(s, joiners)...) {
			if got, want := Width(line), ansi.StringWidth(line); got != want {
				t.Fatalf("Width(%q) = %d, ansi.StringWidth %d", line, got, want)
			}
		}
		if ansi.StringWidth(s) != 1 {
			t.Fatalf("U+%04X is narrow but takes %d cells", r, ansi.StringWidth(s))
		}
	}
	if n < 500 {
		t.Fatalf("only %d narrow runes: the ranges are not what this test means to check", n)
	}
}

func joinedWith(s string, joiners []string) []string {
	var lines []string
	for _, j := range joiners {
		lines = append(lines, s+j, j+s, s+j+s)
	}
	return lines
}

func TestWidthIsStringWidth(t *testing.T) {
	for _, s := range widthSeeds {
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Errorf("Width(%q) = %d, ansi.StringWidth %d", s, got, want)
		}
	}
}

func FuzzWidth(f *testing.F) {
	for _, s := range widthSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Errorf("Width(%q) = %d, ansi.StringWidth %d", s, got, want)
		}
	})
}
