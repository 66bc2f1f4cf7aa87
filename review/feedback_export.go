package review

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// CandidateFeedback is what a candidate is told about one decided attempt
// (docs/formats.md §4).
type CandidateFeedback struct {
	// Application is the candidate's own application id.
	Application string
	// Rubric is the version the attempt was scored against: criterion
	// names come from it, not from a later version.
	Rubric   Rubric
	Decision Decision
	// AmendedAt is when a lead last changed the decision; zero if never.
	AmendedAt time.Time
	// ClosesAt is when the application's window closes; a resubmit names
	// it as the deadline for the next attempt. Zero leaves it out.
	ClosesAt time.Time
	// AsOf is when the feedback is exported, for the latest attempt: a
	// window closed by then is said to be closed, not named as a deadline
	// already past. Zero judges by the decision's date alone.
	AsOf time.Time
	// Withheld is what the feedback's text may not name (handles,
	// reviewer ids), as the reviewer may have written it.
	Withheld Withheld
}

// FeedbackMarkdown renders the feedback for the candidate as Markdown:
// credential title, application id, attempt, outcome, each criterion's
// level and feedback in rubric order, the overall feedback and the
// decision date. It never includes the reviewer (docs/workflow.md: candidates
// never learn who reviewed them) nor any pseudonym, in the feedback's text
// neither (f.Withheld).
func FeedbackMarkdown(f CandidateFeedback) string {
	d, r := f.Decision, f.Rubric
	title := r.Title
	if title == "" {
		title = r.ID
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", oneLineMD(title))
	fmt.Fprintf(&b, "Feedback on attempt %d of application %s.\n\n", d.Attempt, d.Application)
	fmt.Fprintf(&b, "- **Outcome:** %s\n", outcomeText(d, f.ClosesAt, f.AsOf))
	date := "- **Decided:** " + d.DecidedAt.UTC().Format("2006-01-02")
	if !f.AmendedAt.IsZero() {
		date += " (amended " + f.AmendedAt.UTC().Format("2006-01-02") + ")"
	}
	b.WriteString(date + "\n\n## Criteria\n")
	for _, id := range criterionOrder(r, d.Levels) {
		name := id
		if c, ok := r.Criterion(id); ok && c.Name != "" {
			name = id + ". " + c.Name
		}
		fmt.Fprintf(&b, "\n### %s — %s\n", oneLineMD(name), d.Levels[id])
		if fb := strings.TrimSpace(d.Feedback[id]); fb != "" {
			b.WriteString("\n" + inertMarks(f.Withheld.Apply(MarkdownText(fb))) + "\n")
		}
	}
	if fb := strings.TrimSpace(d.Feedback[OverallKey]); fb != "" {
		b.WriteString("\n## Overall feedback\n\n" + inertMarks(f.Withheld.Apply(MarkdownText(fb))) + "\n")
	}
	return b.String()
}

// outcomeText says what the outcome means for the candidate.
func outcomeText(d Decision, closes, asOf time.Time) string {
	if d.Outcome == Pass {
		return "pass — you have earned this micro-credential."
	}
	if !closes.IsZero() && (!d.DecidedAt.Before(closes) || (!asOf.IsZero() && !asOf.Before(closes))) {
		return "resubmit — the application's window closed on " + closeText(closes) + ", so no further attempt can be submitted."
	}
	s := fmt.Sprintf("resubmit — revise your evidence using the feedback below and submit attempt %d", d.Attempt+1)
	if !closes.IsZero() {
		s += " before " + closeText(closes)
	}
	return s + "."
}

// closeText is when a window closes, to the minute and in UTC: a date
// alone read as the end of that day in the reader's own zone.
func closeText(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }

// criterionOrder lists the scored criteria in rubric order, then any the
// rubric lacks, sorted.
func criterionOrder(r Rubric, levels map[string]string) []string {
	var ids []string
	seen := map[string]bool{}
	for _, c := range r.Criteria {
		if _, ok := levels[c.ID]; ok {
			ids = append(ids, c.ID)
			seen[c.ID] = true
		}
	}
	var rest []string
	for id := range levels {
		if !seen[id] {
			rest = append(rest, id)
		}
	}
	sort.Strings(rest)
	return append(ids, rest...)
}

// oneLineMD keeps a heading on one line, its text as written (MarkdownText).
func oneLineMD(s string) string { return MarkdownText(singleSpaced(s)) }

// singleSpaced is s on one line, its runs of white space one space.
func singleSpaced(s string) string { return strings.Join(strings.Fields(s), " ") }

// inertMarks escapes the bracket of a withheld mark that the reviewer's
// text after it would make a link of: "rev-07(https://…)" became
// "[reviewer](https://…)", and a line "rev-07: https://…" a link
// definition. The marks go in after MarkdownText, which escaped the
// reviewer's own brackets; elsewhere they read as written.
var inertMarks = func() func(string) string {
	var pairs []string
	for _, m := range []string{MarkYourApplication, MarkAnotherApplication, MarkReviewer, MarkContact} {
		for _, next := range []string{"(", "[", ":"} {
			pairs = append(pairs, m+next, `\`+m+next)
		}
	}
	return strings.NewReplacer(pairs...).Replace
}()
