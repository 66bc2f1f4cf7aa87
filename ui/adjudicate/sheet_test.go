package adjudicate

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/common"
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
		m := drive(opened(b, c.w, c.h), append(down(c.n), "b", "c")...)
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

// The scoring pane's lines are given in order of need: the outcome, a
// notice and the question; the textarea while the lead writes; a line of
// each review's feedback on the selected criterion; the selected row; and
// only then more rows and more feedback. These tests hold it to its
// height, which Fit would otherwise cut from the bottom: the textarea.

// pastePastLimit pastes more than review.MaxFeedback characters into the
// open textarea, which keeps what fits and sets the cut notice.
func pastePastLimit(t *testing.T, m tea.Model) tea.Model {
	t.Helper()
	// Numbered words: each line of the textarea differs from the others.
	var b strings.Builder
	for i := 0; b.Len() <= review.MaxFeedback; i++ {
		fmt.Fprintf(&b, "w%d ", i)
	}
	long := b.String()
	m.View() // as the program draws after every message: the textarea scrolls once drawn
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(long), Paste: true})
	m.View()
	if m.(adjudicateModel).open.notice == "" {
		t.Fatalf("no cut notice after pasting past the limit")
	}
	return m
}

// sheetLines is the scoring pane as drawn inside its frame, and the
// lines it has.
func sheetLines(m tea.Model) (lines []string, room int) {
	am := m.(adjudicateModel)
	s := am.sizes()
	return strings.Split(ansi.Strip(am.sheetView(s.sheet, s.h-1)), "\n"), s.h - 1
}

// cursorLine is the textarea's line holding the cursor, as drawn.
func cursorLine(m tea.Model) string {
	sh := m.(adjudicateModel).open.sheet
	return strings.Split(ansi.Strip(sh.TextView()), "\n")[sh.TextCursorRow()]
}

// TestEditorFitsWithCutNotice: at the smallest window, the two-line
// notice of a paste cut at the limit made the pane 12 lines for 10, and
// Fit cut the textarea's bottom lines, where the cursor is; with the full
// help open before e it was the same. The textarea now gives up lines
// instead, keeping the cursor's.
func TestEditorFitsWithCutNotice(t *testing.T) {
	for _, help := range []bool{false, true} {
		m := opened(&fakeAdjudication{disputes: []review.Dispute{manyCriteria(5, "Labelled sample missing.")}}, 50, 16)
		keys := down(5)
		if help {
			keys = append(keys, "?")
		}
		m = pastePastLimit(t, drive(m, append(keys, "e")...))
		if lines, room := sheetLines(m); len(lines) > room {
			t.Errorf("help %v: the scoring pane draws %d lines in %d:\n%s", help, len(lines), room, strings.Join(lines, "\n"))
		}
		// A paste leaves the textarea scrolled as it was (bubbles); the
		// next key brings the cursor, at the end of the text, into view.
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyLeft})
		v := ansi.Strip(m.View())
		requireFits(t, v, 50, 16)
		text := strings.Fields(m.(adjudicateModel).open.sheet.Text())
		cur := strings.TrimSpace(cursorLine(m))
		if last := text[len(text)-1]; !strings.Contains(v, cur) || !strings.HasSuffix(cur, last) {
			t.Errorf("help %v: the cursor's line %q, with the last word %q, is not on screen:\n%s", help, cur, last, v)
		}
	}
}

// TestEditingShowsReviewsFeedback: the lead writes the final feedback
// from what the reviews wrote, but at the smallest window the textarea
// and the rows left no line for either review's feedback (with the full
// help open, review 2's was cut).
func TestEditingShowsReviewsFeedback(t *testing.T) {
	for _, help := range []bool{false, true} {
		m := opened(&fakeAdjudication{disputes: []review.Dispute{manyCriteria(5, "Labelled sample missing.")}}, 50, 16)
		keys := down(5)
		if help {
			keys = append(keys, "?")
		}
		v := ansi.Strip(drive(m, append(keys, "e")...).View())
		for _, want := range []string{"review 1: (none)", "review 2: Labelled sample missing.", "▸ C5 ", "final:"} {
			if !strings.Contains(v, want) {
				t.Errorf("help %v: editing at 50×16, %q is not on screen:\n%s", help, want, v)
			}
		}
	}
}

// TestSheetFitsItsPane: at every size from the smallest window up, in
// every state of the pane, it draws no more lines than it has, and where
// they are enough for what comes first it shows the selected row, the
// first line of each review's feedback and, while the lead writes, the
// textarea's cursor line.
func TestSheetFitsItsPane(t *testing.T) {
	long := strings.Repeat("A long paragraph of feedback on the evidence. ", 12)
	states := map[string][]string{
		"rows":    nil,
		"notice":  {"c"}, // refused: the last criterion is not scored
		"confirm": {"b", "c"},
		"editing": {"e"},
		"cut":     {"e"}, // and a paste past the limit
	}
	for _, n := range []int{2, 5, 30} {
		for _, w := range []int{50, 64, 80, 120, 160} {
			for _, h := range []int{16, 17, 19, 24, 32, 48} {
				for name, keys := range states {
					for _, help := range []bool{false, true} {
						d := manyCriteria(n, long)
						d.Reviews[0].Feedback = map[string]string{fmt.Sprintf("C%d", n): "Review one wrote this."}
						m := opened(&fakeAdjudication{disputes: []review.Dispute{d}}, w, h)
						ks := down(n)
						if help {
							ks = append(ks, "?")
						}
						m = drive(m, append(ks, keys...)...)
						if name == "cut" {
							m = pastePastLimit(t, m)
						}
						at := fmt.Sprintf("%d criteria at %d×%d, %s, help %v", n, w, h, name, help)
						checkSheetFits(t, at, m, n)
					}
				}
			}
		}
	}
}

func checkSheetFits(t *testing.T, at string, m tea.Model, n int) {
	t.Helper()
	lines, room := sheetLines(m)
	sheet := strings.Join(lines, "\n")
	if len(lines) > room {
		t.Errorf("%s: the scoring pane draws %d lines in %d:\n%s", at, len(lines), room, sheet)
		return
	}
	a := m.(adjudicateModel).open
	// What comes first: the outcome, the notice, the question, the
	// textarea's label and cursor line, a line of each review's feedback
	// and the selected row.
	need := 1 + 3
	if a.notice != "" {
		need += strings.Count(common.Wrap(a.notice, m.(adjudicateModel).sizes().sheet), "\n") + 1
	}
	if a.confirming {
		need += 2
	}
	want := []string{fmt.Sprintf("▸ C%d ", n), "review 1: Review one wrote", "review 2: A long"}
	if a.sheet.Editing() {
		need += 2
		want = append(want, "final:", strings.TrimSpace(cursorLine(m)))
	}
	if room < need {
		return // the window leaves too little room: the first of it shows
	}
	for _, s := range want {
		if !strings.Contains(sheet, s) {
			t.Errorf("%s: %q is not in the scoring pane:\n%s", at, s, sheet)
		}
	}
}

// TestAdjudicateConfirmRefusedWithoutNotYetFeedback: a not-yet level with
// no feedback is refused at c, before the dialog asks to record it (rule
// 2), naming the criterion, as the reviewer's panel does.
func TestAdjudicateConfirmRefusedWithoutNotYetFeedback(t *testing.T) {
	b := &fakeAdjudication{disputes: []review.Dispute{testDispute()}}
	m := drive(opened(b, 120, 30), "enter", "j", "n", "c")
	v := m.View()
	if strings.Contains(v, "Record RESUBMIT") {
		t.Fatalf("the dialog asks to record a not-yet C2 without feedback:\n%s", v)
	}
	if !strings.Contains(v, "Can't confirm: C2 needs feedback") {
		t.Errorf("want the refusal naming C2:\n%s", v)
	}
}
