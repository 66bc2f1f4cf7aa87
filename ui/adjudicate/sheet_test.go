package adjudicate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"assessor/review"
)

// manyCriteria is a dispute over a rubric of n criteria on which the two
// reviews differ only on the last, where review 2 wrote fb.
func manyCriteria(n int, fb string) review.Dispute {
	d := testDispute()
	var crit []review.Criterion
	l1, l2 := map[string]string{}, map[string]string{}
	for i := 1; i <= n; i++ {
		id := fmt.Sprintf("C%d", i)
		crit = append(crit, review.Criterion{ID: id, Name: "Criterion " + id})
		l1[id], l2[id] = "meets", "meets"
	}
	last := fmt.Sprintf("C%d", n)
	l2[last] = "not-yet"
	d.Rubric.Criteria = crit
	d.Reviews[0].Levels, d.Reviews[1].Levels = l1, l2
	d.Reviews[1].Feedback = map[string]string{last: fb}
	return d
}

// down opens the dispute and selects its n-th row.
func down(n int) []string {
	ks := []string{"enter"}
	for range n - 1 {
		ks = append(ks, "j")
	}
	return ks
}

// TestReviewFeedbackShows: the lead settles a criterion by what each
// review wrote on it, so with more criteria than the scoring pane has
// lines the rows scroll around the selected one and its feedback stays in
// view, at the smallest window and at 80×24.
func TestReviewFeedbackShows(t *testing.T) {
	for _, c := range []struct{ n, w, h int }{{5, 50, 16}, {12, 80, 24}, {30, 80, 24}} {
		m := opened(&fakeAdjudication{disputes: []review.Dispute{manyCriteria(c.n, "Labelled sample missing.")}}, c.w, c.h)
		m = drive(m, down(c.n)...)
		v := ansi.Strip(m.View())
		requireFits(t, v, c.w, c.h)
		last := fmt.Sprintf("▸ C%d ", c.n)
		for _, want := range []string{last, "more above", "Final outcome: incomplete", "review 1: (none)", "review 2: Labelled sample missing.", "final:"} {
			if !strings.Contains(v, want) {
				t.Errorf("%d criteria at %d×%d: %q is not on screen:\n%s", c.n, c.w, c.h, want, v)
			}
		}
		// Back at the top the first rows show again, and the others are
		// said to be below.
		var up []string
		for range c.n - 1 {
			up = append(up, "k")
		}
		if v := ansi.Strip(drive(m, up...).View()); !strings.Contains(v, "▸ C1 ") || !strings.Contains(v, "more below") {
			t.Errorf("%d criteria at %d×%d: back on C1, it or the hint of the rows below is not on screen:\n%s", c.n, c.w, c.h, v)
		}
	}
}

// TestReviewFeedbackCutFairly: one long feedback is cut to leave the
// other review's in view, and says it was cut.
func TestReviewFeedbackCutFairly(t *testing.T) {
	d := manyCriteria(5, strings.Repeat("A long paragraph of feedback on the evidence. ", 30))
	d.Reviews[0].Feedback = map[string]string{"C5": "Review one wrote this."}
	m := drive(opened(&fakeAdjudication{disputes: []review.Dispute{d}}, 50, 16), down(5)...)
	v := ansi.Strip(m.View())
	requireFits(t, v, 50, 16)
	for _, want := range []string{"▸ C5 ", "review 1: Review one wrote this.", "review 2: A long", "…", "final:"} {
		if !strings.Contains(v, want) {
			t.Errorf("%q is not on screen:\n%s", want, v)
		}
	}
}

// TestConfirmShowsWithManyCriteria: c asks "Record … as the decision of
// record? (y/n)" and y records it, so the question and the outcome it
// records are on screen whatever the number of criteria.
func TestConfirmShowsWithManyCriteria(t *testing.T) {
	for _, c := range []struct{ n, w, h int }{{14, 80, 24}, {30, 80, 24}, {5, 50, 16}} {
		b := &fakeAdjudication{disputes: []review.Dispute{manyCriteria(c.n, "Add a labelled sample that shows the evidence.")}}
		m := drive(opened(b, c.w, c.h), append(down(c.n), "2", "c")...)
		v := ansi.Strip(m.View())
		requireFits(t, v, c.w, c.h)
		if !strings.Contains(v, "Record RESUBMIT for DF-7KQ2#1") || !strings.Contains(v, "(y/n)") || !strings.Contains(v, "Final outcome: resubmit") {
			t.Errorf("%d criteria at %d×%d: y now records RESUBMIT, but the question or the outcome is not on screen:\n%s", c.n, c.w, c.h, v)
		}
		drive(m, "y")
		if last := fmt.Sprintf("C%d", c.n); b.got[last] != "not-yet" {
			t.Errorf("%d criteria at %d×%d: y recorded %v", c.n, c.w, c.h, b.got)
		}
	}
}
