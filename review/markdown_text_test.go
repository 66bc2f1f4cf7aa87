package review

import (
	"strings"
	"testing"
	"time"
)

// TestMarkdownText: what would make a line a block of its own, a tag, a
// link, an entity or a table cell is escaped; words and emphasis are not.
func TestMarkdownText(t *testing.T) {
	for in, want := range map[string]string{
		"Plain words, *kept* as they are.": "Plain words, *kept* as they are.",
		"# Heading":                        `\# Heading`,
		"   ## Indented":                   `   \## Indented`,
		"---":                              `\---`,
		"___":                              `\___`,
		"_ _ _":                            `\_ _ _`,
		"_emphasis_ kept inside":           `\_emphasis_ kept inside`,
		"- **Outcome:** pass":              `\- **Outcome:** pass`,
		"1. first\n2) second":              "1\\. first\n2\\) second",
		"> quoted":                         `\> quoted`,
		"<script>alert(1)</script>":        `\<script>alert(1)\</script>`,
		"See [click](javascript:alert(1))": `See \[click](javascript:alert(1))`,
		"| a | b |\n|---|---|":             "\\| a \\| b \\|\n\\|---\\|---\\|",
		"AT&amp;T and C:\\path":            `AT\&amp;T and C:\\path`,
		"```go":                            "\\```go",
		"2024 was a year. 3 steps":         "2024 was a year. 3 steps",
	} {
		if got := MarkdownText(in); got != want {
			t.Errorf("MarkdownText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFeedbackMarkdownTextAsWritten: feedback written as Markdown cannot
// add a heading, an outcome line or a rule to the candidate's document.
func TestFeedbackMarkdownTextAsWritten(t *testing.T) {
	r := Rubric{ID: "df", Title: "Reading <Workshop> & [More]", Criteria: []Criterion{{ID: "C1", Name: "# Sneaky"}}, Levels: []string{"not-yet", "meets"}}
	md := FeedbackMarkdown(CandidateFeedback{Application: "A-1", Rubric: r, Decision: Decision{
		Application: "A-1", Attempt: 1, Outcome: Resubmit, DecidedAt: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
		Levels:   map[string]string{"C1": "not-yet"},
		Feedback: map[string]string{"C1": "# Passed\n- **Outcome:** pass\n---\n<script>x</script>"},
	}})
	outcomes, headings := 0, 0
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "- **Outcome:**") {
			outcomes++
		}
		if strings.HasPrefix(l, "#") {
			headings++
		}
		if l == "---" || strings.Contains(l, "<script") && !strings.Contains(l, `\<script`) {
			t.Errorf("feedback line %q reads as Markdown", l)
		}
	}
	// The title, "Criteria" and the one criterion: the feedback adds none.
	if outcomes != 1 || headings != 3 || !strings.Contains(md, `# Reading \<Workshop> \& \[More]`) {
		t.Errorf("%d outcome lines, %d headings:\n%s", outcomes, headings, md)
	}
}
