package review

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

func exportRubric() Rubric {
	return Rubric{ID: "descriptive-feedback", Title: "Descriptive Feedback of Student Learning", Version: 2,
		Criteria: []Criterion{{ID: "C1", Name: "Learning target"}, {ID: "C2", Name: "Specific feedback"}, {ID: "C3", Name: "Next steps"}}}
}

func TestFeedbackMarkdownResubmit(t *testing.T) {
	d := Decision{Application: "A-1001", Attempt: 1, Reviewer: "rev-07-jsmith", Outcome: Resubmit,
		DecidedAt: time.Date(2024, 2, 12, 9, 0, 0, 0, time.UTC),
		Levels:    map[string]string{"C3": "meets", "C1": "meets", "C2": "not-yet"},
		Feedback:  map[string]string{"C2": "Your artifact shows praise but not a next step.", OverallKey: "A strong start."}}
	got := FeedbackMarkdown(CandidateFeedback{Application: "A-1001", Rubric: exportRubric(), Decision: d,
		ClosesAt: time.Date(2024, 7, 10, 0, 0, 0, 0, time.UTC)})
	want := `# Descriptive Feedback of Student Learning

Feedback on attempt 1 of application A-1001.

- **Outcome:** resubmit — revise your evidence using the feedback below and submit attempt 2 before 2024-07-10 00:00 UTC.
- **Decided:** 2024-02-12

## Criteria

### C1. Learning target — meets

### C2. Specific feedback — not-yet

Your artifact shows praise but not a next step.

### C3. Next steps — meets

## Overall feedback

A strong start.
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if strings.Contains(got, "rev-07") {
		t.Error("export names the reviewer")
	}
}

func TestFeedbackMarkdownPassAmended(t *testing.T) {
	d := Decision{Application: "A-7", Attempt: 2, Reviewer: "lead-1", Outcome: Pass,
		DecidedAt: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC),
		Levels:    map[string]string{"C1": "meets", "C2": "meets", "C3": "meets", "C9": "meets"}}
	got := FeedbackMarkdown(CandidateFeedback{Application: "A-7", Rubric: exportRubric(), Decision: d,
		AmendedAt: time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)})
	for _, s := range []string{"attempt 2 of application A-7", "pass — you have earned", "2024-03-01 (amended 2024-03-05)", "### C9 — meets"} {
		if !strings.Contains(got, s) {
			t.Errorf("missing %q in:\n%s", s, got)
		}
	}
	if strings.Contains(got, "lead-1") || strings.Contains(got, "Overall feedback") {
		t.Errorf("unexpected content:\n%s", got)
	}
}

// TestOutcomeTextCloses: the window's close reads to the minute, in UTC
// (a date alone read as the end of that day in the reader's zone); a
// resubmit decided after the window closed says no attempt can follow,
// not a date in the past.
func TestOutcomeTextCloses(t *testing.T) {
	d := Decision{Attempt: 1, Outcome: Resubmit, DecidedAt: day("2024-03-01T10:00:00Z")}
	for _, c := range []struct{ closes, want string }{
		{"2024-07-10T00:00:00Z", "submit attempt 2 before 2024-07-10 00:00 UTC."},
		{"2024-07-31T23:59:59Z", "submit attempt 2 before 2024-07-31 23:59 UTC."},
		{"2024-02-01T00:00:00Z", "the application's window closed on 2024-02-01 00:00 UTC, so no further attempt can be submitted."},
	} {
		if got := outcomeText(d, day(c.closes), time.Time{}); !strings.HasSuffix(got, c.want) {
			t.Errorf("closes %s: %q, want it to end %q", c.closes, got, c.want)
		}
	}
}

// TestOutcomeTextClosedByExport: a resubmit decided in time but exported
// after its window closed says the window closed, not a past deadline.
func TestOutcomeTextClosedByExport(t *testing.T) {
	d := Decision{Attempt: 1, Outcome: Resubmit, DecidedAt: day("2026-01-10T00:00:00Z")}
	closes := day("2026-07-01T00:00:00Z")
	if got := outcomeText(d, closes, day("2026-12-05T00:00:00Z")); !strings.Contains(got, "closed on 2026-07-01 00:00 UTC, so no further attempt") {
		t.Errorf("exported after the close: %q", got)
	}
	if got := outcomeText(d, closes, day("2026-03-01T00:00:00Z")); !strings.Contains(got, "submit attempt 2 before 2026-07-01") {
		t.Errorf("exported in time: %q", got)
	}
}

// TestFeedbackMarksMakeNoLink: a withheld mark goes in after the
// reviewer's text is escaped, so a handle or id the reviewer wrote just
// before "(URL)" or ": URL" would make a link or a link definition of it;
// such a mark is escaped, and reads as written everywhere else.
func TestFeedbackMarksMakeNoLink(t *testing.T) {
	d := Decision{Application: "A-1001", Attempt: 1, Reviewer: "rev-07", Outcome: Resubmit,
		DecidedAt: time.Date(2024, 2, 12, 9, 0, 0, 0, time.UTC),
		Levels:    map[string]string{"C1": "meets", "C2": "not-yet", "C3": "meets"},
		Feedback: map[string]string{
			"C2":       "Read the guidance at DF-7KQ2(https://evil.example/login) before you resubmit.",
			OverallKey: "rev-07: https://evil.example/phish\n\nQuestions? Ask [reviewer] or see rev-07(https://evil.example/x), or rev-07 itself.",
		}}
	got := FeedbackMarkdown(CandidateFeedback{Application: "A-1001", Rubric: exportRubric(), Decision: d,
		Withheld: NewWithheld([]string{"DF-AAAA"}, []string{"rev-07"}, []string{"rev-07"})})
	inline := regexp.MustCompile(`(^|[^\\])\[[^\]]*\]\(https?://`)
	refdef := regexp.MustCompile(`(?m)^ {0,3}\[[^\]]+\]:`)
	if m := inline.FindString(got); m != "" {
		t.Errorf("the export holds a link made of a reviewer's text: %q\n%s", m, got)
	}
	if m := refdef.FindString(got); m != "" {
		t.Errorf("the export holds a link definition made of a reviewer's text: %q\n%s", m, got)
	}
	for _, want := range []string{`\[another application](https://evil.example/login)`, `\[reviewer]: https://evil.example/phish`, `Ask \[reviewer] or see \[reviewer](https://evil.example/x), or [reviewer] itself.`} {
		if !strings.Contains(got, want) {
			t.Errorf("the export lacks %q:\n%s", want, got)
		}
	}
}

// TestFeedbackMarkdownRubricOrder: criteria come in rubric order
// (docs/formats.md §4), not sorted as text: C9 before C10 before C11.
func TestFeedbackMarkdownRubricOrder(t *testing.T) {
	r := Rubric{ID: "big", Title: "Big", Version: 1, Levels: []string{"not-yet", "meets"}}
	levels := map[string]string{}
	for _, id := range []string{"C9", "C10", "C11"} {
		r.Criteria = append(r.Criteria, Criterion{ID: id, Name: "Criterion " + id})
		levels[id] = "meets"
	}
	md := FeedbackMarkdown(CandidateFeedback{Application: "A-1", Rubric: r,
		Decision: Decision{Application: "A-1", Attempt: 1, DecidedAt: t0, Outcome: Pass, Levels: levels}})
	i9, i10, i11 := strings.Index(md, "### C9."), strings.Index(md, "### C10."), strings.Index(md, "### C11.")
	if i9 < 0 || !(i9 < i10 && i10 < i11) {
		t.Errorf("criteria not in rubric order (C9 at %d, C10 at %d, C11 at %d):\n%s", i9, i10, i11, md)
	}
}
