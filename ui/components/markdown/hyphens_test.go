package markdown

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// TestParagraphsWrapGreedily: a paragraph full of hyphenated words wraps
// at every width as a greedy wrap does. No line is wider than the room
// glamour gives it (the width less its margins), none could have taken the
// next word, and the words come out whole and in order, hyphens included.
// Without keepHyphens, reflow counts each hyphen short and glamour's margin
// pushes a line's last word onto a line of its own.
func TestParagraphsWrapGreedily(t *testing.T) {
	para := "This micro-credential recognizes teachers who give students a real say in decisions " +
		"that shape their learning: well-known, co-planned, student-led and end-of-unit work, " +
		"self-assessment, peer-to-peer feedback, and a follow-up in a two-week cycle with re-teaching."
	c := New("dark", termenv.TrueColor)
	for width := 24; width <= 110; width++ {
		room := width - 4 // the dark style's margin of 2 on each side
		var lines []string
		for _, l := range strings.Split(ansi.Strip(c.glamour(para, width)), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		if got := strings.Join(lines, " "); got != para {
			t.Fatalf("width %d: the words came out as\n%s", width, strings.Join(lines, "\n"))
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w > room {
				t.Fatalf("width %d: line %q is %d cells, room for %d", width, l, w, room)
			}
			if i+1 < len(lines) {
				next, _, _ := strings.Cut(lines[i+1], " ")
				if ansi.StringWidth(l)+1+ansi.StringWidth(next) <= room {
					t.Fatalf("width %d: %q left %q for the next line:\n%s", width, l, next, strings.Join(lines, "\n"))
				}
			}
		}
	}
}

// TestKeepHyphens: only a hyphen inside a word is kept from breaking; list
// markers, rules and table rows keep theirs, and everything comes back.
func TestKeepHyphens(t *testing.T) {
	md := "- item one\n---\n| a | b |\n|---|---|\nmicro-credential x-1 -- a - b"
	kept := keepHyphens(md)
	if want := "- item one\n---\n| a | b |\n|---|---|\nmicro\u2011credential x\u20111 -- a - b"; kept != want {
		t.Errorf("keepHyphens = %q, want %q", kept, want)
	}
	if back := giveHyphens(kept); back != md {
		t.Errorf("giveHyphens = %q, want %q", back, md)
	}
}
