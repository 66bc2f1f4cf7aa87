package markdown

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"assessor/rubrics"
)

// TestHeadingsNotFoundInSummary: a rubric whose introduction lists its
// criteria (a table "| C1. Name | Part 2 |", as rubrics often open with)
// has each criterion's line at its heading, where `]` must take the
// reviewer, not at the summary's row.
func TestHeadingsNotFoundInSummary(t *testing.T) {
	for _, intro := range []string{
		"| Criterion | Part |\n|---|---|\n| C1. Feedback is tied to the target | Part 2 |\n| C2. Students act on the feedback | Part 2 |\n",
		// Prose wrapped so a line starts with an id; a heading shown in code.
		"The reviewer reads each part against the criteria below and then reads them C1. first, then the others.\n",
		"A criterion is written\n\n```\n### C1. Name\n```\n",
	} {
		testHeadingsNotInIntro(t, intro)
	}
}

func testHeadingsNotInIntro(t *testing.T, intro string) {
	t.Helper()
	src := "---\nid: summary\ntitle: Summary\n---\n# Summary\n\nThe criteria at a glance:\n\n" + intro +
		"\nIntro.\n\n## Part 2: Artifacts\n\n### C1. Feedback is tied to the target\n\nOne.\n\n### C2. Students act on the feedback\n\nTwo.\n"
	r, err := rubrics.Parse("summary.md", []byte(src))
	if err != nil || len(r.Criteria) != 2 {
		t.Fatalf("%v, %d criteria", err, len(r.Criteria))
	}
	for _, style := range []string{"dark", "light", "notty", noColorStyle} {
		got := New(style, termenv.ANSI256).Render(r, 80)
		lines := strings.Split(ansi.Strip(got.Text), "\n")
		part := -1
		for i, l := range lines {
			if strings.Contains(l, "Part 2: Artifacts") {
				part = i
				break
			}
		}
		if len(got.Headings) != 2 {
			t.Errorf("%s: headings at %v, want 2:\n%s", style, got.Headings, strings.Join(lines, "\n"))
		}
		for i, h := range got.Headings {
			if h <= part {
				t.Errorf("%s: criterion %s at line %d %q, in the introduction (its heading is below line %d)",
					style, r.Criteria[i].ID, h, strings.TrimSpace(lines[h]), part)
			}
		}
	}
}
