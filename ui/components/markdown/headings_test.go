package markdown

import (
	"testing"

	"github.com/muesli/termenv"

	"assessor/review"
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
