package reviewer

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/styles"
)

// TestCredPickRanksAndShowsIDs: the finder lists the closest match first
// (the id, then an id's start, then a title word's start, then anything
// holding the text), so enter takes the credential a reviewer meant; at a
// narrow width a row keeps its id, which is what is typed, and says which
// rows of how many it shows when they do not all fit.
func TestCredPickRanksAndShowsIDs(t *testing.T) {
	c := &common.Common{Styles: styles.New(trueColorRenderer(), true), Now: testClock}
	creds := []review.Rubric{
		{ID: "descriptive-feedback", Title: "Descriptive Feedback of Student Learning"},
		{ID: "eliciting-evidence", Title: "Eliciting Evidence of Learning"},
		{ID: "learning-targets", Title: "Clear Learning Targets"},
		{ID: "student-voice", Title: "Elevating Student Voice in Classroom Decisions"},
	}
	typed := func(text string) credPick {
		p := newCredPick(c, creds, "")
		for _, r := range text {
			p, _, _, _ = p.update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		}
		return p
	}
	for _, tc := range []struct{ q, first string }{
		{"student", "student-voice"}, // id start, before two title words
		{"learning", "learning-targets"},
		{"EVID", "eliciting-evidence"},
		{"back", "descriptive-feedback"}, // inside a word
	} {
		_, id, chose, done := typed(tc.q).update(tea.KeyMsg{Type: tea.KeyEnter})
		if !chose || !done || id != tc.first {
			t.Errorf("%q then enter: %q (chose %v), want %q", tc.q, id, chose, tc.first)
		}
	}
	view := ansi.Strip(typed("").view(c, 30, 4))
	if !strings.Contains(view, "… descriptive-feedback") {
		t.Errorf("a narrow row lost its id, not its title:\n%s", view)
	}
	if !strings.Contains(view, "rows 1–2 of 5") {
		t.Errorf("rows past the height not said:\n%s", view)
	}
	for _, l := range strings.Split(view, "\n") {
		if ansi.StringWidth(l) > 30 {
			t.Errorf("line wider than 30: %q", l)
		}
	}
	p := typed("")
	for range 4 {
		p, _, _, _ = p.update(tea.KeyMsg{Type: tea.KeyDown})
	}
	if v := ansi.Strip(p.view(c, 40, 4)); !strings.Contains(v, "▸") || !strings.Contains(v, "student-voice") || !strings.Contains(v, "rows 4–5 of 5") {
		t.Errorf("the last row, selected, is not shown:\n%s", v)
	}
}

// TestCredPickWithoutRubrics: / on a store with no rubrics says why no
// finder opens, instead of doing nothing.
func TestCredPickWithoutRubrics(t *testing.T) {
	f := newFake()
	f.rubrics, f.attempts = nil, nil
	s := start(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "Nothing is waiting")
	s.Do(keys("/"), "this store has no rubrics yet")
}
