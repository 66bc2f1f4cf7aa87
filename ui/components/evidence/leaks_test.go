package evidence

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/internal/uitest"
	"assessor/ui/styles"
)

// leakyAssignment is attempt 2 whose part 2 holds an e-mail (carried over
// from attempt 1) and whose note signs with a name.
func leakyAssignment() review.Assignment {
	mail := "Families can reach me at dana.ruiz@example.org with questions about the unit."
	parts := func(extra string) []review.EvidencePart {
		return []review.EvidencePart{
			{Title: "Part 1: Overview questions", Text: "Grade 5 science, 24 students."},
			{Title: "Part 2: Artifacts", Text: mail + extra, Files: []string{"plan.pdf", "ruiz-samples.pdf"}},
		}
	}
	who := &review.Candidate{Name: "Dana Ruiz", Email: "dana.ruiz@example.org"}
	cur := review.Attempt{Application: "A-1", Pseudonym: "DF-7KQ2", Credential: "descriptive-feedback", Number: 2,
		SubmittedAt: uitest.Now.AddDate(0, 0, -3), Parts: parts(" I added a second sample."), Note: "Revised as asked. Dana Ruiz"}
	cur.Leaks = review.ScanLeaks(cur.Parts, cur.Note, who, nil)
	prev := review.Attempt{Application: "A-1", Pseudonym: "DF-7KQ2", Credential: "descriptive-feedback", Number: 1,
		SubmittedAt: uitest.Now.AddDate(0, 0, -30), Parts: parts("")}
	prev.Leaks = review.ScanLeaks(prev.Parts, "", who, nil)
	return review.Assignment{Attempt: cur, Rubric: uitest.Rubrics()[0], Previous: []review.PriorAttempt{{Attempt: prev,
		Decision: review.Decision{Outcome: review.Resubmit, Levels: map[string]string{"C1": "meets", "C2": "not-yet"},
			Feedback: map[string]string{"C2": "Show how students used the feedback."}}}}}
}

func TestEvidenceLeaksNoColor(t *testing.T) {
	st := styles.New(uitest.TrueColorRenderer(), true)
	for _, diff := range []bool{false, true} {
		text, _ := evidenceText(leakyAssignment(), uitest.Now, 80, st, diff)
		for _, want := range []string{
			"⚑ possible identifying detail in the resubmission note (name)",
			"⚑ possible identifying detail in part 2 (email)",
			"⚑ possible identifying detail in a file name of part 2 (name)",
			"⟦dana.ruiz@example.org⟧",
			"⟦ruiz⟧-samples.pdf",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("diff=%v: missing %q in:\n%s", diff, want, text)
			}
		}
		if diff && strings.Count(text, delOpen) > 1 { // one is the legend
			t.Errorf("an unchanged leak diffs as deleted:\n%s", text)
		}
		if !strings.Contains(text, "⟦Dana Ruiz⟧") {
			t.Errorf("diff=%v: the note's name is not marked:\n%s", diff, text)
		}
		// Outside the marks, no identity.
		stripped := uitest.StripMarked(text)
		for _, v := range []string{"Dana Ruiz", "dana.ruiz@example.org"} {
			if strings.Contains(stripped, v) {
				t.Errorf("diff=%v: %q outside a marked span", diff, v)
			}
		}
		if strings.ContainsAny(text, leakOpen+leakClose) {
			t.Errorf("diff=%v: span sentinels left in the pane", diff)
		}
		for i, l := range strings.Split(text, "\n") {
			if w := ansi.StringWidth(l); w > 80 {
				t.Errorf("diff=%v: line %d is %d wide: %q", diff, i, w, l)
			}
		}
	}
}

func TestEvidenceLeaksColour(t *testing.T) {
	st := styles.New(uitest.TrueColorRenderer(), false)
	text, _ := evidenceText(leakyAssignment(), uitest.Now, 60, st, false)
	if strings.Contains(text, leakMarkOpen) {
		t.Errorf("colour mode uses text markers:\n%s", text)
	}
	want := st.Warn.Reverse(true).Render("dana.ruiz@example.org")
	if !strings.Contains(text, want) {
		t.Errorf("the e-mail is not highlighted; want %q in:\n%q", want, text)
	}
}

// TestEvidenceLeaksWrapped: a span cut by a wrap is highlighted on both
// lines, and no style is left open at a line's end.
func TestEvidenceLeaksWrapped(t *testing.T) {
	st := styles.New(uitest.TrueColorRenderer(), false)
	e := &Builder{Width: 12}
	e.Marked(MarkLeaks("see Dana Maria Ruiz now", []review.Leak{{Part: 0, Start: 4, End: 19, Kind: review.LeakCandidateName}}, 0, 0), st)
	lines := strings.Split(e.String(), "\n")
	if len(lines) < 2 {
		t.Fatalf("not wrapped: %q", lines)
	}
	hl := st.Warn.Reverse(true)
	if lines[0] != "see "+hl.Render("Dana") || !strings.Contains(e.b.String(), hl.Render("Maria Ruiz")) {
		t.Errorf("wrapped span: %q", lines)
	}
	if !strings.HasSuffix(lines[len(lines)-1], "now") || strings.Contains(lines[len(lines)-1], hl.Render("now")) {
		t.Errorf("the span ran on past its end: %q", lines)
	}
}

func TestMarkLeaksIgnoresBadSpansAndSmuggledSentinels(t *testing.T) {
	text := "abc" + leakOpen + "def"
	got := MarkLeaks(text, []review.Leak{{Part: 0, Start: 0, End: 99}, {Part: 0, Start: 4, End: 5}, {Part: 1, Start: 0, End: 1}}, 0, 0)
	if strings.Contains(got, leakOpen) || strings.Contains(got, leakClose) {
		t.Errorf("got %q", got)
	}
	// A text with no leak of its own is still rid of them.
	for _, leaks := range [][]review.Leak{nil, {{Part: 1, Start: 0, End: 1}}} {
		if got := MarkLeaks("x"+leakClose+"y"+leakOpen, leaks, 0, 0); got != "x\ufffdy\ufffd" {
			t.Errorf("with leaks %v elsewhere: got %q", leaks, got)
		}
	}
}

// TestEvidenceTitleLeakMarked: a flag in a part's title (someone else's
// e-mail) is marked in the title and named as the title's; the part's text,
// which holds nothing, is drawn unmarked.
func TestEvidenceTitleLeakMarked(t *testing.T) {
	at := review.Attempt{Application: "A-1", Pseudonym: "DF-7KQ2", Credential: "descriptive-feedback", Number: 1,
		SubmittedAt: uitest.Now.AddDate(0, 0, -3), Parts: []review.EvidencePart{
			{Title: "Part 1: Overview questions", Text: "Grade 5 science, 24 students."},
			{Title: "Part 2: with k.lee@school.org", Text: "The lesson plan and three samples of student work."},
		}}
	at.Leaks = review.ScanLeaks(at.Parts, "", nil, nil)
	if len(at.Leaks) != 1 || !at.Leaks[0].Title {
		t.Fatalf("scan of the titles: %+v", at.Leaks)
	}
	st := styles.New(uitest.TrueColorRenderer(), true)
	text, _ := evidenceText(review.Assignment{Attempt: at, Rubric: uitest.Rubrics()[0]}, uitest.Now, 80, st, false)
	for _, want := range []string{"Part 2: with ⟦k.lee@school.org⟧", "⚑ possible identifying detail in the title of part 2 (email)",
		"The lesson plan and three samples of student work."} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in:\n%s", want, text)
		}
	}
	if strings.Count(text, "⟦") != 1 {
		t.Errorf("marks outside the title:\n%s", text)
	}
}
