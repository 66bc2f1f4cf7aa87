package markdown

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// TestRubricRunWithoutSpacesIsWrapped: a rubric paragraph written without
// spaces (Japanese, as Chinese and Japanese are written), a long link and
// a heading in Japanese reach the reviewer whole in a narrow rubric pane,
// broken onto the lines below rather than cut at the pane's edge; in
// colour, no line is wider than the pane or leaves a style open for the
// pane's border.
func TestRubricRunWithoutSpacesIsWrapped(t *testing.T) {
	para := "このマイクロ資格は生徒の学習について具体的なフィードバックを与える教師を認定します。各生徒が次に何をすべきかを示してください。"
	url := "https://example.org/assessment-literacy/descriptive-feedback/resources/exemplars/2024"
	heading := "C1.学習目標と成功基準を生徒に明確に示している"
	md := "# Rubric\n\n" + para + "\n\nSee " + url + " for exemplars.\n\n### " + heading + "\n"
	for _, p := range []termenv.Profile{termenv.Ascii, termenv.TrueColor} {
		out := New("dark", p).Glamour(md, 40)
		joined := strings.Join(strings.Fields(ansi.Strip(out)), "")
		for _, want := range []string{para, url, heading} {
			if !strings.Contains(joined, want) {
				t.Errorf("profile %v: the rubric pane at 40 cells does not show %q whole; it shows:\n%s", p, want, ansi.Strip(out))
			}
		}
		for i, l := range strings.Split(out, "\n") {
			if w := ansi.StringWidth(l); w > 40 {
				t.Errorf("profile %v: line %d is %d cells wide: %q", p, i, w, l)
			}
			if open := styleAtEnd("", l); open != "" {
				t.Errorf("profile %v: line %d ends with style %q open: %q", p, i, open, l)
			}
		}
	}
}
