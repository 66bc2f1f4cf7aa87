package styles

import (
	"io"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// TestResolveDrawsAsLipgloss: a palette colour worked out once draws the
// same bytes as lipgloss working it out on every Render, on every colour
// profile and background, as text and as a border.
func TestResolveDrawsAsLipgloss(t *testing.T) {
	for _, p := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI, termenv.Ascii} {
		for _, dark := range []bool{true, false} {
			r := lipgloss.NewRenderer(io.Discard)
			r.SetColorProfile(p)
			r.SetHasDarkBackground(dark)
			for _, c := range palette {
				got := resolve(r, c)
				for _, draw := range []func(lipgloss.TerminalColor) string{
					func(c lipgloss.TerminalColor) string { return r.NewStyle().Foreground(c).Render("criterion") },
					func(c lipgloss.TerminalColor) string {
						return r.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(c).Render("pane")
					},
				} {
					if want, have := draw(c), draw(got); have != want {
						t.Errorf("profile %v, dark %v, %v → %v: drew %q, lipgloss %q", p, dark, c, got, have, want)
					}
				}
				if p == termenv.ANSI256 && got == lipgloss.TerminalColor(lipgloss.Color(c.Dark)) {
					t.Errorf("%v stays hex on a 256-colour terminal: converted on every Render", c)
				}
			}
		}
	}
}
