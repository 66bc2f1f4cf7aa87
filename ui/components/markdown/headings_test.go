package markdown

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"assessor/review"
	"assessor/rubrics"
)

// TestHeadingsFoundInCode: a criterion whose id is a code span ("###
// `C2`. Name", which rubrics read as C2) is found where glamour draws it,
// " C2 . Name" with the span's padding, and the criteria after it keep
// their own lines.
func TestHeadingsFoundInCode(t *testing.T) {
	r := review.Rubric{ID: "headings-in-code", Version: 1,
		Markdown: "# T\n\n### C1. One\n\nx\n\n### `C2`. Students act\n\ny\n\n### C3. Three\n\nz\n",
		Criteria: []review.Criterion{{ID: "C1"}, {ID: "C2"}, {ID: "C3"}}}
	for _, style := range []string{"dark", "light", noColorStyle} {
		got := New(style, termenv.ANSI256).Render(r, 60).Headings
		if len(got) != 3 || got[0] != 2 || got[1] != 6 || got[2] != 10 {
			t.Errorf("%s: criteria headings at lines %v, want [2 6 10]", style, got)
		}
	}
}

// TestHeadingFoundInEveryForm: each form of heading rubrics read as C2
// (in emphasis, with its id a code span) is C2's line in the rubric pane,
// in every style, the plain one that keeps the marks (`### **C2. …**`)
// included.
func TestHeadingFoundInEveryForm(t *testing.T) {
	for _, h := range []string{"### C2. Specific feedback", "### **C2. Specific feedback**", "### *C2. Specific feedback*",
		"### __C2.__ Specific feedback", "### `C2`. Specific feedback", "### `C2.` Specific feedback", "### ***C2. Specific feedback***"} {
		src := "---\nid: forms\ntitle: Forms\n---\n# T\n\n### C1. Targets\n\nx\n\n" + h + "\n\nz\n"
		r, err := rubrics.Parse("forms.md", []byte(src))
		if err != nil || len(r.Criteria) != 2 {
			t.Fatalf("%q: %v, %d criteria", h, err, len(r.Criteria))
		}
		for _, style := range []string{"dark", "light", "notty", noColorStyle} {
			got := New(style, termenv.Ascii).Render(r, 60)
			lines := strings.Split(ansi.Strip(got.Text), "\n")
			if len(got.Headings) != 2 || !strings.Contains(lines[got.Headings[1]], "Specific") {
				t.Errorf("%s %q: headings %v:\n%s", style, h, got.Headings, ansi.Strip(got.Text))
			}
		}
	}
}
