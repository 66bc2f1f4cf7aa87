package common

import (
	"io"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"assessor/ui/components/markdown"
	"assessor/ui/styles"
)

// RenderRubric draws a rubric's Markdown width cells wide as the review
// screen's rubric pane does, for output w: the same glamour style for w's
// terminal (none, colour, or NO_COLOR's bold without colour) and the same
// wrapping, so `assessor rubrics show` prints what a reviewer reads.
func RenderRubric(md string, width int, w io.Writer, noColor bool) string {
	r := lipgloss.NewRenderer(w)
	if noColor {
		// lipgloss reads NO_COLOR as "plain text"; the terminal still
		// draws bold, as the screens' noColorRenderer knows.
		r.SetColorProfile(termenv.NewOutput(w).ColorProfile())
	}
	return markdown.New(styles.New(r, noColor).GlamourStyle, r.ColorProfile()).WithDrawable(Drawable).Glamour(md, width) + "\n"
}
