package ui

import (
	"strings"
	"testing"
)

func TestReviewDiffToggle(t *testing.T) {
	s := start(t, newFake(), Options{NoColor: true}, 120, 36)
	s.waitAfter(0, "DF-7KQ2#2")
	s.do(keys("enter"), "Evidence   0%", "Attempt 1 feedback")
	s.do(keys("d"), "Evidence · diff", "diff vs attempt 1 · +", "unchanged since attempt 1",
		"[-energy.-] [+to", "transfer.+]")
	s.do(keys("d"), "Evidence ")
	app := s.quit()
	if app.review.diffOn {
		t.Error("second d did not return to full text")
	}
	if v := app.View(); strings.Contains(v, "Evidence · diff") || strings.Contains(v, "[+") {
		t.Errorf("full text still shows the diff:\n%s", v)
	}
}

func TestReviewDiffNotOfferedOnFirstAttempt(t *testing.T) {
	s := start(t, newFake(), Options{}, 100, 30)
	s.waitAfter(0, "EE-3MX9#1")
	s.do(keys("down", "enter"), "Exit tickets each day.")
	s.press("d")
	app := s.quit()
	if app.review.diffOn || strings.Contains(app.View(), "diff/full text") {
		t.Error("d is offered on attempt 1, which has nothing to diff against")
	}
}

func TestDiffAndHistoryFitIn80x24(t *testing.T) {
	for name, k := range map[string][]string{"diff": keys("d"), "history": keys("h"), "history detail": keys("h", "enter")} {
		t.Run(name, func(t *testing.T) {
			s := start(t, newFake(), Options{NoColor: true}, 80, 24)
			s.waitAfter(0, "DF-7KQ2#2")
			s.do(keys("enter"), "Attempt 1 feedback")
			s.press(k...)
			s.press("?")
			view := s.quit().View()
			requireFits(t, view, 80, 24)
		})
	}
}
