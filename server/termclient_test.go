package server

import (
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestTermClientTextIsStrip: the text the test terminal keeps as output
// arrives is ansi.Strip of all of it, however the output is cut into
// writes: sequences, multi-byte runes and OSC strings cut in two
// included.
func TestTermClientTextIsStrip(t *testing.T) {
	pieces := []string{
		"plain ", "\x1b[1;38;5;99m", "styled", "\x1b[0m", "\r\n", "\x1b[12;1H", ansi.EraseLineRight,
		"é·…⟦⟧", "漢字", "👩‍🏫", "\x1b]8;;https://example.org\x1b\\", "link", "\x1b]8;;\x07", "\t",
		ansi.SetModeAltScreenSaveCursor, ansi.HideCursor, "DF-7KQ2#2 · Descriptive feedback · attempt 2",
		"\x1bP+q544e\x1b\\", "\x1b7", "\x1b8", "\x7f", "x",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 300 {
		var b strings.Builder
		for range 1 + rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		out := b.String()
		c := newTermClient()
		mark := 0
		for rest := out; rest != ""; {
			n := 1 + rng.IntN(len(rest))
			if _, err := c.Write([]byte(rest[:n])); err != nil {
				t.Fatal(err)
			}
			rest = rest[n:]
			if round%2 == 1 && mark == 0 {
				mark = c.mark() // a mark taken at a write's end
			}
		}
		got, _ := c.textAfter(0)
		if want := ansi.Strip(out); got != want {
			t.Fatalf("round %d: kept text %q, ansi.Strip %q (output %q)", round, got, want, out)
		}
		if after, _ := c.textAfter(mark); !strings.HasSuffix(got, after) {
			t.Fatalf("round %d: text after a mark %q is not the end of %q", round, after, got)
		}
	}
}

// TestTermClientAnswersOnce: the terminal's answer to wish's query goes
// out once, whether the query comes whole or cut in two, and not again
// when the next frame arrives (the program would read it as keys).
func TestTermClientAnswersOnce(t *testing.T) {
	for _, writes := range [][]string{
		{"\x1b]11;?\x07\x1b[c", "first frame", "second frame"},
		{"\x1b]11;?\x07\x1b", "[c", "first frame"},
		{"\x1b]11;?\x07\x1b[", "c", "f", "irst frame"},
	} {
		c := newTermClient()
		var answers strings.Builder
		c.in = nopCloser{&answers}
		for _, w := range writes {
			if _, err := c.Write([]byte(w)); err != nil {
				t.Fatal(err)
			}
		}
		if n := strings.Count(answers.String(), "\x1b[?62;22c"); n != 1 {
			t.Errorf("writes %q: answered %d times, want once", writes, n)
		}
	}
}

// nopCloser is a writer that closes without doing anything.
type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }
