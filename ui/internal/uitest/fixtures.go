package uitest

import (
	"strings"
	"time"

	"assessor/review"
)

// dfMarkdown is the descriptive-feedback rubric's text.
const dfMarkdown = `# Descriptive Feedback of Student Learning

This micro-credential recognizes teachers who give students descriptive feedback.

## Part 1: Overview questions (max 450 words)

Answer the questions about your context.

### C1. Learning target and criteria as the basis for feedback

| not-yet | meets |
|---|---|
| The learning target is missing. | The learning target describes what students will learn. |

## Part 2: Artifacts

Submit three student work samples.

### C2. Specificity and focus of feedback

| not-yet | meets |
|---|---|
| Feedback is mainly grades or praise. | Each sample names a strength and a priority. |

### C3. Actionable next steps

| not-yet | meets |
|---|---|
| No next step. | A clear, specific next step. |

## Part 3: Reflection (max 400 words)

Compare each original with its revision.

### C4. Analysis of feedback impact

| not-yet | meets |
|---|---|
| Says feedback helped without evidence. | Cites specific differences in student work. |
`

// eeMarkdown is the eliciting-evidence rubric's text.
const eeMarkdown = `# Eliciting Evidence of Learning

## Part 1: Questions (max 300 words)

### C1. Questions target the learning goal

Beginning, developing or proficient.

### C2. Responses are used to adjust teaching

Beginning, developing or proficient.
`

// Rubrics are the two rubrics of the UI tests: descriptive-feedback with
// the default levels, eliciting-evidence with three.
func Rubrics() []review.Rubric {
	return []review.Rubric{
		{
			ID: "descriptive-feedback", Title: "Descriptive Feedback of Student Learning", Version: 1,
			Parts: []review.Part{{Number: 1, Title: "Overview questions", MaxWords: 450}, {Number: 2, Title: "Artifacts"}, {Number: 3, Title: "Reflection", MaxWords: 12}},
			Criteria: []review.Criterion{
				{ID: "C1", Name: "Learning target and criteria as the basis for feedback", Part: 1},
				{ID: "C2", Name: "Specificity and focus of feedback", Part: 2},
				{ID: "C3", Name: "Actionable next steps", Part: 2},
				{ID: "C4", Name: "Analysis of feedback impact", Part: 3},
			},
			Markdown: dfMarkdown,
		},
		{
			ID: "eliciting-evidence", Title: "Eliciting Evidence of Learning", Version: 2,
			Levels: []string{"beginning", "developing", "proficient"},
			Parts:  []review.Part{{Number: 1, Title: "Questions", MaxWords: 300}},
			Criteria: []review.Criterion{
				{ID: "C1", Name: "Questions target the learning goal", Part: 1},
				{ID: "C2", Name: "Responses are used to adjust teaching", Part: 1},
			},
			Markdown: eeMarkdown,
		},
	}
}

// Day is midnight UTC of March d, 2024.
func Day(d int) time.Time { return time.Date(2024, 3, d, 0, 0, 0, 0, time.UTC) }

// Attempts are the pending attempts, oldest first. Application ids look
// like "secret-app-N" so a test can assert they never reach the screen.
func Attempts() []review.Attempt {
	parts := func(p1 string) []review.EvidencePart {
		return []review.EvidencePart{
			{Title: "Part 1: Overview questions", Text: p1},
			{Title: "Part 2: Artifacts", Text: "Three samples with feedback and revisions.", Files: []string{"sample-a.pdf", "sample-b.pdf"}},
			{Title: "Part 3: Reflection", Text: "Student A used the next step well; student C ignored the comment because it was vague."},
		}
	}
	return []review.Attempt{
		{Application: "secret-app-1", Pseudonym: "DF-7KQ2", Credential: "descriptive-feedback", RubricVersion: 1, Number: 2,
			SubmittedAt: Day(1), Parts: parts("I teach grade 7 science. My target is to explain energy transfer."),
			Note: "I rewrote my next steps so each one names an action."},
		{Application: "secret-app-2", Pseudonym: "EE-3MX9", Credential: "eliciting-evidence", RubricVersion: 2, Number: 1,
			SubmittedAt: Day(5).Add(12 * time.Hour), Parts: []review.EvidencePart{{Title: "Part 1: Questions", Text: "Exit tickets each day."}}},
		{Application: "secret-app-3", Pseudonym: "DF-9ZT4", Credential: "descriptive-feedback", RubricVersion: 1, Number: 1,
			SubmittedAt: Day(8), Parts: parts("Grade 4 reading.")},
		{Application: "secret-app-4", Pseudonym: "DF-B2C8", Credential: "descriptive-feedback", RubricVersion: 1, Number: 1,
			SubmittedAt: Day(10), Parts: []review.EvidencePart{
				{Title: "Part 1: Overview \x1b]0;pwned\x07questions", Text: "Before\x1b[2Jafter \u009b31mred\x1b]0;pwned\x07 end. Raw \x9b byte.", Files: []string{"evil\x1b[2J.pdf"}},
			}},
	}
}

// stripMarked removes ⟦…⟧ spans line by line, including a span cut by a
// wrap: the part before a line's first ⟧ with no ⟦ before it, and the part
// after a ⟦ that does not close on its line.
// StripMarked removes every span the evidence pane marks as a possible
// identifying detail (between ⟦ and ⟧), also one a line break cut.
func StripMarked(text string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if c, o := strings.Index(l, "⟧"), strings.Index(l, "⟦"); c >= 0 && (o < 0 || c < o) {
			l = l[c+len("⟧"):]
		}
		for {
			o := strings.Index(l, "⟦")
			if o < 0 {
				break
			}
			c := strings.Index(l[o:], "⟧")
			if c < 0 {
				l = l[:o]
				break
			}
			l = l[:o] + l[o+c+len("⟧"):]
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// diffAssignment is an attempt 2 with one changed, one unchanged, one added
// and one removed part.
// DiffAssignment is attempt 2 of a descriptive-feedback application whose
// parts changed, stayed, appeared and vanished since attempt 1.
func DiffAssignment() review.Assignment {
	rub := Rubrics()[0]
	unchanged := "Three samples with feedback and revisions. Sample A is a lab report; sample B a poster; sample C a quiz with written answers that goes on for a while."
	cur := review.Attempt{Pseudonym: "DF-7KQ2", Number: 2, SubmittedAt: Day(1), Note: "I named the target.", Parts: []review.EvidencePart{
		{Title: "Part 1: Overview questions", Text: "My target is to explain energy transfer."},
		{Title: "Part 2: Artifacts", Text: unchanged, Files: []string{"a.pdf"}},
		{Title: "Part 4: Appendix", Text: "A new appendix."},
	}}
	old := cur
	old.Number = 1
	old.Parts = []review.EvidencePart{
		{Title: "Part 1: Overview questions", Text: "My target is energy."},
		{Title: "Part 2: Artifacts", Text: unchanged, Files: []string{"a.pdf"}},
		{Title: "Part 3: Reflection", Text: "It went well."},
	}
	return review.Assignment{Attempt: cur, Rubric: rub, Previous: []review.PriorAttempt{{Attempt: old,
		Decision: review.Decision{Attempt: 1, Outcome: review.Resubmit, Levels: map[string]string{"C1": "not-yet", "C2": "meets", "C3": "meets", "C4": "meets"},
			Feedback: map[string]string{"C1": "Name the target."}}}}}
}

// SharedSnippet and OwnSnippet are comment bank snippets: a lead's shared
// one and one of rev-1's own.
const (
	SharedSnippet = "Name the learning target in every comment.\nThen say what meeting it looks like."
	OwnSnippet    = "Use the rubric's words: one strength, then one priority."
)
