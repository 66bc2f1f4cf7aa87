package reviewer

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"assessor/ui/common"
)

// TestFrameMatchesLipgloss: the hand-drawn pane border is byte for byte
// what lipgloss draws around common.Fit's lines, with and without colour,
// for short, long, wide-character, styled, missing and surplus lines.
func TestFrameMatchesLipgloss(t *testing.T) {
	for _, p := range []termenv.Profile{termenv.Ascii, termenv.ANSI256, termenv.TrueColor} {
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(p)
		bold := r.NewStyle().Bold(true).Foreground(lipgloss.Color("#3366ff"))
		styles := []lipgloss.Style{
			r.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(lipgloss.AdaptiveColor{Light: "#555555", Dark: "#aaaaaa"}),
			r.NewStyle().Border(lipgloss.ThickBorder()),
		}
		contents := []string{
			"",
			"title\nbody",
			bold.Render("Scoring DF-7KQ2#2") + "\n▸ C1  meets\n  C2  " + bold.Render("not yet"),
			"a line much longer than the pane is wide, which has to be cut with an ellipsis\nshort",
			"日本語のテキストが入った行で幅が二倍になる文字ばかり\n🙂 emoji",
			strings.Repeat("line\n", 30),
		}
		for _, style := range styles {
			for _, w := range []int{10, 37} {
				for _, h := range []int{1, 5, 12} {
					e := edges(style, w)
					if e.lipglossFallback {
						t.Fatalf("profile %v: border pieces not found for width %d", p, w)
					}
					for _, c := range contents {
						want := style.Padding(0, 1).Width(w + 2).Height(h).MaxHeight(h + 2).Render(common.Fit(c, w, h))
						if got := frame(e, style, c, w, h); got != want {
							t.Errorf("profile %v, w %d, h %d, content %q:\ngot\n%s\nwant\n%s\n(%q\n%q)", p, w, h, c, got, want, got, want)
						}
					}
				}
			}
		}
	}
}
