package dashboard

import (
	"strings"
	"testing"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/internal/uitest"
)

// TestFairnessValuesDrawnApart: a candidate attribute's value (any
// candidate.* field an import supplies, a district) with emoji some
// terminals join is drawn on the Fairness tab as those terminals draw it,
// as stack names and titles on the other tabs are (common.Name): no line
// may be wider than the screen, or the terminal wraps it and the screen
// scrolls, losing the header.
func TestFairnessValuesDrawnApart(t *testing.T) {
	fairnessRowDrawnFits(t, "role", strings.Repeat("👩‍🏫👍🏽 ", 12), "role")
}

// fairnessRowDrawnFits shows the Fairness tab with a row of attribute and
// value, once wait is on screen, at 80×24 and 160×48, and checks that no
// line is wider than the screen as measured nor as tmux and xterm draw it.
func fairnessRowDrawnFits(t *testing.T, attribute, value, wait string) {
	t.Helper()
	for _, sz := range [][2]int{{80, 24}, {160, 48}} {
		w, h := sz[0], sz[1]
		f := newFakeLead()
		n := func(v int64) *int64 { return &v }
		f.fair.Rows = append(f.fair.Rows,
			review.FairnessRow{Attribute: attribute, Value: value, Applications: n(30), FirstAttemptsDecided: n(30),
				FirstTimePasses: n(9), FirstTimePassRate: figPtr(0.3), Decided: n(30), Passed: n(16), EventualPassRate: figPtr(0.5)})
		s := startDashboard(t, f, common.Options{}, w, h)
		s.WaitAfter(0, "[1 Credentials]", "Eliciting Evidence")
		s.Do(keys("6"), "[6 Fairness]", wait)
		view := dashFinal(s)
		requireFits(t, view, w, h) // as measured: holds
		uitest.RequireDrawnFits(t, view, w)
	}
}

// TestDrillHistoryReasonDrawnApart: an attempt's history, opened from a
// drill-down, shows each amend's or revoke's reason, which `assessor
// amend --reason` keeps as typed; one with emoji some terminals join
// (👩‍🏫, 👍🏽) is drawn as those terminals draw it, as the history's levels
// are (common.Name): no line may be wider than the screen.
func TestDrillHistoryReasonDrawnApart(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {160, 48}} {
		w, h := sz[0], sz[1]
		f := newFakeLead()
		f.logs[0].History[1].Reason = strings.Repeat("appel 👩‍🏫👍🏽👩‍🏫👍🏽👩‍🏫👍🏽 ", 8)
		s := startDashboard(t, f, common.Options{}, w, h)
		s.WaitAfter(0, "[1 Credentials]", "Eliciting Evidence")
		s.Do(keys("j", "enter"), "attempts behind credential")
		s.Do(keys("enter"), "History of DF-PEND#1", "reason: appel")
		view := dashFinal(s)
		requireFits(t, view, w, h) // as measured: holds
		uitest.RequireDrawnFits(t, view, w)
	}
}

// TestFairnessHindiValueDrawnAsTerminalsDraw: a value in Hindi ("हिन्दी
// माध्यम", a school's medium of teaching) is measured as tmux and xterm
// draw it, each vowel sign (ि, ी, ा) and the letter after a virama a cell
// of its own (common.Drawable): measured a cell per grapheme, its row ran
// past the screen there and the columns after it slid out of line.
func TestFairnessHindiValueDrawnAsTerminalsDraw(t *testing.T) {
	// Waits for the Hindi row's figures: its words hold word joiners.
	fairnessRowDrawnFits(t, "माध्यम", strings.Repeat("हिन्दी माध्यम विद्यालय ", 6), "53.3% of 30")
}
