package dashboard

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
)

// requireNoAppID fails if view names an application id: a drill-down and
// a history show handles only.
func requireNoAppID(t *testing.T, view string) {
	t.Helper()
	if strings.Contains(view, "secret-app") {
		t.Errorf("the dashboard shows an application id:\n%s", view)
	}
}

// TestDrillCredential: enter on a credential row lists the attempts behind
// it (pending first, days with two decimals as in report), enter on one
// shows its history, esc goes back one step each.
func TestDrillCredential(t *testing.T) {
	f := newFakeLead()
	s := startDashboard(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "Sorted by credential ↑")
	// The first row is Classroom Discourse; j moves to Descriptive Feedback.
	s.Do(keys("j", "enter"), "3 attempts behind credential Descriptive Feedback of Student Learning")
	s.WaitAfter(0, "DF-PEND#1", "pending", "DF-PASS#2", "pass", "7.75", "rev-03", "DF-PASS#1", "resubmit", "10.00")
	requireOrder(t, s.Out.String()[strings.LastIndex(s.Out.String(), "attempts behind"):], "DF-PEND#1", "DF-PASS#2", "DF-PASS#1")
	s.Do(keys("enter"), "History of DF-PEND#1", "DF-OLD1#1 · submitted", "resubmit · decided", "by rev-07 · 10.00 days",
		"amend", "reason: C2 feedback clarified", "DF-OLD1#2 · submitted", "pending · waiting 20.00 days")
	s.Do(keys("esc"), "attempts behind credential")
	s.Do(keys("esc"), "Sorted by credential ↑")
	view := dashFinal(s)
	requireNoAppID(t, view)
	filters, asked := f.drills()
	if len(filters) != 1 || filters[0] != (review.DrillFilter{Credential: "descriptive-feedback"}) {
		t.Errorf("DrillDown asked for %+v", filters)
	}
	if len(asked) != 1 || asked[0] != (review.AttemptKey{Application: "secret-app-9", Attempt: 1}) {
		t.Errorf("AttemptLogs asked for %+v", asked)
	}
}

// TestDrillKeepsHandlesWhole: at 50 columns the drill-down keeps each
// attempt's whole handle, what a lead reads off it, and the columns on the
// right give way (the handle was cut to "DF-PE…").
func TestDrillKeepsHandlesWhole(t *testing.T) {
	s := startDashboard(t, newFakeLead(), common.Options{}, 50, 16)
	s.WaitAfter(0, "Sorted by credential ↑")
	s.Do(keys("j", "enter"), "attempts behind", "DF-PEND#1")
	view := dashFinal(s)
	requireFits(t, view, 50, 16)
	for _, h := range []string{"DF-PEND#1", "DF-PASS#2"} {
		if !strings.Contains(view, h) {
			t.Errorf("drill-down at 50 columns lost %s:\n%s", h, view)
		}
	}
}

// TestDrillReviewerAndCriterion: enter on a reviewer row and on a
// criterion bar asks for their attempts; the criterion's level shows.
func TestDrillReviewerAndCriterion(t *testing.T) {
	f := newFakeLead()
	s := startDashboard(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "Eliciting Evidence")
	s.Do(keys("2", "enter"), "attempts behind reviewer rev-03")
	// The Criteria tab's rows run highest not-yet rate first: C2, then C3.
	s.Do(keys("3"), "▸ Descriptive Feedback of Student Learning C2")
	s.Do(keys("j"), "▸ Descriptive Feedback of Student Learning C3")
	s.Do(keys("enter"), "attempts behind criterion C3 of Descriptive Feedback of Student Learning", "Level C3", "not-yet")
	requireNoAppID(t, dashFinal(s))
	filters, _ := f.drills()
	want := []review.DrillFilter{{Reviewer: "rev-03"}, {Credential: "descriptive-feedback", Criterion: "C3"}}
	if fmt.Sprint(filters) != fmt.Sprint(want) {
		t.Errorf("DrillDown asked for %+v, want %+v", filters, want)
	}
}

// TestDrillOverdueHistory: on the Turnaround tab, j moves over the overdue
// attempts and enter shows the selected one's history.
func TestDrillOverdueHistory(t *testing.T) {
	f := newFakeLead()
	s := startDashboard(t, f, common.Options{}, 100, 40)
	s.WaitAfter(0, "Eliciting Evidence")
	s.Do(keys("5"), "▸ DF-OLD1#1")
	s.Do(keys("j"), "▸ EE-OLD2#2")
	s.Do(keys("enter"), "History of EE-OLD2#2", "DF-OLD1#1 · submitted")
	requireNoAppID(t, dashFinal(s))
	if _, asked := f.drills(); len(asked) != 1 || asked[0] != (review.AttemptKey{Application: "secret-app-2", Attempt: 2}) {
		t.Errorf("AttemptLogs asked for %+v", asked)
	}
}

// TestDrillMoreBelow: a drill-down longer than the screen says how many
// rows are hidden below, and the cursor keeps to the rows shown.
func TestDrillMoreBelow(t *testing.T) {
	f := newFakeLead()
	f.drillRows = drillRowsDF(40)
	s := startDashboard(t, f, common.Options{}, 80, 24)
	s.WaitAfter(0, "Sorted by credential ↑")
	s.Do(keys("enter"), "attempts behind credential", "DF-0000#1", "more below ↓")
	s.Do(keys("G"), "▸ DF-0039#1")
	view := dashFinal(s)
	requireFits(t, view, 80, 24)
	if strings.Contains(view, "more below") || strings.Contains(view, "DF-0000#1") {
		t.Errorf("at the last row, the hint or the first row still shows:\n%s", view)
	}
}

// TestTableMoreBelow: a table with rows under the screen says so.
func TestTableMoreBelow(t *testing.T) {
	f := newFakeLead()
	for i := range 30 {
		f.report.ByReviewer = append(f.report.ByReviewer, review.ReviewerRow{Reviewer: fmt.Sprintf("rev-%03d", 100+i), Decisions: 1})
	}
	s := startDashboard(t, f, common.Options{}, 80, 24)
	s.WaitAfter(0, "Sorted by credential ↑")
	s.Do(keys("2"), "rev-03", "more below ↓")
	s.Do(keys("G"), "rev-129")
	if view := dashFinal(s); strings.Contains(view, "more below") {
		t.Errorf("at the last row the hint still shows:\n%s", view)
	}
}

// TestDrillAnySizeFits draws a drill-down and a history at sizes from tiny
// to wide and checks nothing spills past the edges.
func TestDrillAnySizeFits(t *testing.T) {
	f := newFakeLead()
	var m tea.Model = New(f, "lead-1", common.Options{Now: testClock})
	m = runInit(m)
	run := func(k tea.KeyMsg) {
		var cmd tea.Cmd
		m, cmd = m.Update(k)
		if cmd != nil {
			m, _ = m.Update(cmd())
		}
	}
	for _, k := range []tea.KeyMsg{{Type: tea.KeyEnter}, {Type: tea.KeyDown}, {Type: tea.KeyEnter}} {
		run(k)
		for w := 20; w <= 160; w += 7 {
			for h := 6; h <= 60; h += 9 {
				m, _ = m.Update(teaSize(w, h))
				if view := m.View(); !fitsIn(view, w, h) {
					requireFits(t, view, w, h)
					t.Fatalf("after %s at %d×%d", k, w, h)
				}
			}
		}
	}
	if v := m.View(); !strings.Contains(v, "History of DF-PASS#2") {
		t.Errorf("the history did not open:\n%s", v)
	}
}

// TestSelectionKeysMoveTheSelection: on the Criteria and Turnaround tabs
// G and g, pgdn and pgup move the selection to the last and first row (a
// page away, at most), not just the view, so enter opens the row shown
// selected.
func TestSelectionKeysMoveTheSelection(t *testing.T) {
	f := newFakeLead()
	s := startDashboard(t, f, common.Options{}, 100, 40)
	s.WaitAfter(0, "Eliciting Evidence")
	s.Do(keys("3", "pgdown"), "▸ Classroom Discourse C1")
	s.Do(keys("pgup"), "▸ Descriptive Feedback of Student Learning C2")
	s.Do(keys("G"), "▸ Classroom Discourse C1")
	s.Do(keys("g"), "▸ Descriptive Feedback of Student Learning C2")
	s.Do(keys("G", "enter"), "attempts behind criterion C1 of Classroom Discourse")
	s.Do(keys("5", "G"), "▸ EE-OLD2#2")
	s.Do(keys("g", "enter"), "History of DF-OLD1#1")
	dashFinal(s)
	filters, asked := f.drills()
	if want := []review.DrillFilter{{Credential: "classroom-discourse", Criterion: "C1"}}; fmt.Sprint(filters) != fmt.Sprint(want) {
		t.Errorf("DrillDown asked for %+v, want %+v", filters, want)
	}
	if len(asked) != 1 || asked[0] != (review.AttemptKey{Application: "secret-app-1", Attempt: 1}) {
		t.Errorf("AttemptLogs asked for %+v", asked)
	}
}

// TestGrowingWindowShowsTheTop: scrolled to the bottom of a tab in a small
// window, a taller one shows the tab from where it still needs to start,
// its title included, with no blank lines left below.
func TestGrowingWindowShowsTheTop(t *testing.T) {
	s := startDashboard(t, newFakeLead(), common.Options{}, 80, 14)
	s.WaitAfter(0, "Eliciting Evidence")
	s.Do(keys("3", "G"), "▸ Classroom Discourse C1")
	mark := s.Mark()
	s.TM.Send(tea.WindowSizeMsg{Width: 100, Height: 60})
	s.WaitAfter(mark, "Not-yet rate by criterion")
	if view := dashFinal(s); !strings.Contains(view, "Not-yet rate by criterion") {
		t.Errorf("after growing, the Criteria tab hides its title:\n%s", view)
	}
}

// TestKeysWhileADrillDownLoads: keys pressed before a drill-down's rows
// arrive (enter G enter, typed fast or over a slow link) apply once they
// are in, instead of being lost on the empty list.
func TestKeysWhileADrillDownLoads(t *testing.T) {
	f := newFakeLead()
	f.drillRows = drillRowsDF(40)
	m := runInit(New(f, "lead-1", common.Options{Now: testClock}))
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m, load := m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	// Not yet counted: no "0 attempts behind" over "Loading…".
	if v := m.View(); !strings.Contains(v, "The attempts behind") || strings.Contains(v, "0 attempts") {
		t.Errorf("while loading:\n%s", v)
	}
	for _, k := range []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("G")}, {Type: tea.KeyRunes, Runes: []rune("k")}, {Type: tea.KeyEnter}} {
		m, _ = m.Update(k) // the rows have not arrived
	}
	m, history := m.Update(load())
	if history == nil {
		t.Fatal("enter pressed while loading opened nothing")
	}
	m, _ = m.Update(history())
	if v := m.View(); !strings.Contains(v, "History of DF-0038#1") {
		t.Errorf("want the history of the row G k selected:\n%s", v)
	}
}

// drillRowsDF is n drill-down rows, DF-0000#1 to DF-0039#1 for 40, each
// submitted an hour before the one before it.
func drillRowsDF(n int) []review.DrillRow {
	rows := make([]review.DrillRow, n)
	for i := range rows {
		rows[i] = review.DrillRow{Handle: fmt.Sprintf("DF-%04d#1", i), Credential: "descriptive-feedback",
			SubmittedAt: testNow.Add(-time.Duration(i+1) * time.Hour)}
	}
	return rows
}
