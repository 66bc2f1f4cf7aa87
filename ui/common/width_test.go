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
