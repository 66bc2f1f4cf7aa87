package markdown

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"assessor/review"
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

// TestHeadingNotTakenFromABrokenRun: a run broken onto the lines below
// may hold "C2." anywhere (a link in C1's description to a file "C2.pdf",
// Japanese prose naming C2); C2's heading, where `]` jumps, is still the
// line of "### C2.".
func TestHeadingNotTakenFromABrokenRun(t *testing.T) {
	for _, run := range []string{
		"https://example.org/assessment-literacy/exemplars/descriptive-feedback/C2.pdf",
		"この基準は学習目標を扱います。フィードバックの具体性はC2.で評価します。",
	} {
		r := review.Rubric{ID: "broken-run", Version: 1,
			Markdown: "# T\n\n### C1. Targets\n\n" + run + "\n\n### C2. Specific feedback\n\nz\n",
			Criteria: []review.Criterion{{ID: "C1"}, {ID: "C2"}}}
		got := New("dark", termenv.Ascii).Render(r, 40)
		lines := strings.Split(ansi.Strip(got.Text), "\n")
		if len(got.Headings) != 2 || !strings.Contains(lines[got.Headings[1]], "C2. Specific feedback") {
			t.Errorf("headings at %v; C2's is not the line of its heading:\n%s", got.Headings, ansi.Strip(got.Text))
		}
	}
}
