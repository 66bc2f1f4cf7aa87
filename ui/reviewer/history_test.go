package reviewer

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/internal/uitest"
	"assessor/ui/styles"
)

func TestHistoryListsAttemptsPseudonymously(t *testing.T) {
	s := start(t, newFake(), common.Options{NoColor: true}, 100, 30)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "Attempt 1 feedback")
	s.Do(keys("h"),
		"History · DF-7KQ2 · 2 attempts",
		"▸ 1   2024-02-01  2024-02-12  resubmit    11.2  reviewer A",
		"C1 meets · C2 meets · C3 not-yet · C4 meets",
		"2   2024-03-01  —           in review   14.5  you",
		"enter show feedback")
	s.Do(keys("enter"),
		"History · DF-7KQ2 · attempt 1",
		"decided 2024-02-12 · resubmit · 11.2 days · reviewer A",
		"C3 not-yet · Actionable next steps", "Your next steps say add more detail",
		"Strong targets and criteria")
	s.Do(keys("esc"), "History · DF-7KQ2 · 2 attempts")
	s.Do(keys("down", "enter"), "no decision yet", "I rewrote my next steps")
	s.Do(keys("esc", "esc"), "Rubric · ] [ criteria")
	app := s.quit()
	if app.review.overlays.Len() != 0 {
		t.Error("esc esc left the history open")
	}
	// Neither the reviewer id (which may be a name) nor the internal
	// application id was ever drawn.
	out := s.Out.String()
	for _, bad := range []string{"Jane", "secret-app"} {
		if strings.Contains(out, bad) {
			t.Errorf("the screen showed %q", bad)
		}
	}
}

func TestHistoryLabelsInOrderOfAppearance(t *testing.T) {
	a := uitest.DiffAssignment()
	decided := func(n int, who string, o review.Outcome, lv string) review.PriorAttempt {
		at := a.Attempt
		at.Number, at.SubmittedAt = n, day(n)
		return review.PriorAttempt{Attempt: at, Decision: review.Decision{Application: "secret-app-9", Attempt: n,
			Reviewer: who, DecidedAt: day(n).Add(36 * time.Hour), Outcome: o,
			Levels: map[string]string{"C1": lv, "C2": "meets", "C3": "meets", "C4": "meets"}}}
	}
	a.Attempt.Application = "secret-app-9"
	a.Attempt.Number, a.Attempt.SubmittedAt = 4, day(5)
	a.Previous = []review.PriorAttempt{
		decided(1, "Dr. Zed Second", review.Resubmit, "not-yet"),
		decided(2, "Ann First", review.Resubmit, "not-yet"),
		decided(3, "Dr. Zed Second", review.Resubmit, "not-yet"),
	}
	c := &common.Common{Styles: styles.New(trueColorRenderer(), true), Now: testClock}
	h := newHistory(c, a, 76, 20)
	view := ansi.Strip(h.View())
	for _, want := range []string{
		"1   2024-03-01  2024-03-02  resubmit     1.5  reviewer A",
		"2   2024-03-02  2024-03-03  resubmit     1.5  reviewer B",
		"▸ 3   2024-03-03  2024-03-04  resubmit     1.5  reviewer A",
		"4   2024-03-05  —           in review   10.5  you",
		"C1 not-yet · C2 meets",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("history lacks %q:\n%s", want, view)
		}
	}
	for _, bad := range []string{"Zed", "Ann", "secret-app"} {
		if strings.Contains(view+h.Title(), bad) {
			t.Errorf("history shows %q:\n%s", bad, view)
		}
	}
	requireFits(t, view, 76, 20)
}

// TestHistoryTitleCountAgrees: a history of one attempt says "1 attempt".
func TestHistoryTitleCountAgrees(t *testing.T) {
	a := uitest.DiffAssignment()
	a.Attempt.Number, a.Previous = 1, nil
	c := &common.Common{Styles: styles.New(trueColorRenderer(), true), Now: testClock}
	if got := newHistory(c, a, 76, 20).Title(); got != "History · DF-7KQ2 · 1 attempt" {
		t.Errorf("title %q, want History · DF-7KQ2 · 1 attempt", got)
	}
	a = uitest.DiffAssignment()
	if got := newHistory(c, a, 76, 20).Title(); got != "History · DF-7KQ2 · 2 attempts" {
		t.Errorf("title %q, want History · DF-7KQ2 · 2 attempts", got)
	}
}

// TestHistoryCalibrationNoDaysWaiting: scoring a calibration example, the
// history shows the example with no days waiting (it waits for no one;
// it showed months "in review").
func TestHistoryCalibrationNoDaysWaiting(t *testing.T) {
	s := start(t, newFake(), common.Options{NoColor: true, Mode: common.ModeCalibration}, 100, 30)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "Attempt 1 feedback")
	s.Do(keys("h"),
		"History · DF-7KQ2 · 2 attempts",
		"2   2024-03-01  —           example        —  you",
		"the example you score waits for no one")
	s.quit()
}

// TestHistoryShowsEachAttemptsRubricVersion: an earlier attempt's feedback
// names its criteria as the version it was scored against did.
func TestHistoryShowsEachAttemptsRubricVersion(t *testing.T) {
	a := uitest.DiffAssignment()
	v1 := a.Rubric
	v1.Criteria = slices.Clone(v1.Criteria)
	v1.Criteria[0].Name = "The name in version 1"
	a.Rubric.Version, v1.Version = 2, 1
	a.Previous[0].Rubric = v1
	c := &common.Common{Styles: styles.New(trueColorRenderer(), true), Now: testClock}
	h := newHistory(c, a, 76, 40)
	text, _ := h.feedbackText(h.entries[0])
	text = ansi.Strip(text)
	for _, want := range []string{"scored against version 1 of the rubric (this attempt: version 2)", "· The name in version 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("attempt 1's feedback lacks %q:\n%s", want, text)
		}
	}
}
