package reviewer

import (
	"strings"
	"testing"

	"assessor/ui/common"
)

func TestReviewDiffToggle(t *testing.T) {
	s := start(t, newFake(), common.Options{NoColor: true}, 120, 36)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "Evidence   0%", "Attempt 1 feedback")
	s.Do(keys("d"), "Evidence · diff", "diff vs attempt 1 · +", "unchanged since attempt 1",
		"[-energy.-] [+to", "transfer.+]")
	s.Do(keys("d"), "Evidence ")
	app := s.quit()
	if app.review.evidence.Diff() {
		t.Error("second d did not return to full text")
	}
	if v := app.View(); strings.Contains(v, "Evidence · diff") || strings.Contains(v, "[+") {
		t.Errorf("full text still shows the diff:\n%s", v)
	}
}

func TestReviewDiffNotOfferedOnFirstAttempt(t *testing.T) {
	s := start(t, newFake(), common.Options{}, 100, 30)
	s.WaitAfter(0, "EE-3MX9#1")
	s.Do(keys("down", "enter"), "Exit tickets each day.")
	s.Press("d")
	app := s.quit()
	if app.review.evidence.Diff() || strings.Contains(app.View(), "diff/full text") {
		t.Error("d is offered on attempt 1, which has nothing to diff against")
	}
}

func TestDiffAndHistoryFitIn80x24(t *testing.T) {
	for name, k := range map[string][]string{"diff": keys("d"), "history": keys("h"), "history detail": keys("h", "enter")} {
		t.Run(name, func(t *testing.T) {
			s := start(t, newFake(), common.Options{NoColor: true}, 80, 24)
			s.WaitAfter(0, "DF-7KQ2#2")
			s.Do(keys("enter"), "Attempt 1 feedback")
			s.Press(k...)
			s.Press("?")
			view := s.quit().View()
			requireFits(t, view, 80, 24)
		})
	}
}
