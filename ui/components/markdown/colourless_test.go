package markdown

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/glamour/styles"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"assessor/rubrics"
)

// colourSGR matches a select-graphic-rendition sequence that sets a
// foreground or background colour.
var colourSGR = regexp.MustCompile(`\x1b\[(?:[0-9]*;)*(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9]*)*m`)

// TestNoColorStyle: under NO_COLOR a rubric is drawn with no colour at all
// but keeps what the colour style shows: bold headings and emphasis, the
// title in reverse video, and no Markdown markers (`# `, `**`), which
// glamour's "notty" style writes. Glamour's own dark style is left as it was.
func TestNoColorStyle(t *testing.T) {
	rs, err := rubrics.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	darkH1 := styles.DarkStyleConfig.H1.BackgroundColor
	c := New(noColorStyle, termenv.TrueColor)
	for _, r := range rs {
		out := c.glamour(r.Markdown, 78)
		if m := colourSGR.FindString(out); m != "" {
			t.Fatalf("%s: a colour sequence %q under NO_COLOR", r.ID, m)
		}
		plain := ansi.Strip(out)
		if strings.Contains(plain, "**") || strings.Contains(plain, "# "+r.Title) {
			t.Fatalf("%s: Markdown markers under NO_COLOR:\n%s", r.ID, plain)
		}
		if !strings.Contains(out, "\x1b[1") || !strings.Contains(out, ";7m") && !strings.Contains(out, "[7m") {
			t.Fatalf("%s: no bold or no reverse video under NO_COLOR: %q", r.ID, out[:min(len(out), 300)])
		}
	}
	if styles.DarkStyleConfig.H1.BackgroundColor != darkH1 || styles.DarkStyleConfig.H1.Inverse != nil {
		t.Error("the colourless style changed glamour's dark style")
	}
}
