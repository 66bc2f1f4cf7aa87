package adjudicate

import (
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// threeLevelDispute is a dispute on a rubric with levels of its own, C1
// scored not-yet by review 1 and meets by review 2.
func threeLevelDispute() review.Dispute {
	r := review.Rubric{ID: "df", Title: "Descriptive Feedback", Levels: []string{"not-yet", "approaching", "meets"},
		Criteria: []review.Criterion{{ID: "C1", Name: "Context"}}}
	return review.Dispute{
		Attempt: review.Attempt{Application: "A-1", Pseudonym: "DF-7KQ2", Credential: "df", Number: 1, SubmittedAt: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)},
		Rubric:  r,
		Reviews: [2]review.Decision{
			{Outcome: review.Resubmit, Levels: map[string]string{"C1": "not-yet"}, Feedback: map[string]string{"C1": "Name the target."}},
			{Outcome: review.Pass, Levels: map[string]string{"C1": "meets"}},
		},
	}
}

// TestAdjudicateLevelKeysChooseRubricLevels: 1 to the number of the
// rubric's levels choose them, as in the reviewer's scoring panel, so the
// lead can record a level neither review gave (here the middle one); a
// digit past the last level does nothing, and a and b take a review's.
func TestAdjudicateLevelKeysChooseRubricLevels(t *testing.T) {
	d := threeLevelDispute()
	for _, c := range []struct {
		keys []string
		want string
	}{
		{[]string{"1"}, "not-yet"},
		{[]string{"2"}, "approaching"},
		{[]string{"3"}, "meets"},
		{[]string{"2", "4"}, "approaching"},
		{[]string{"2", "9"}, "approaching"},
		{[]string{"a"}, "not-yet"},
		{[]string{"b"}, "meets"},
	} {
		m := drive(opened(&fakeAdjudication{disputes: []review.Dispute{d}}, 120, 30), append([]string{"enter"}, c.keys...)...)
		if got := m.(adjudicateModel).open.sheet.Levels["C1"]; got != c.want {
			t.Errorf("keys %v: C1 is %q, want %q", c.keys, got, c.want)
		}
	}

	// Recorded: review 1's feedback, the lead's own level.
	b := &fakeAdjudication{disputes: []review.Dispute{d}}
	m := drive(opened(b, 120, 30), "enter", "a", "2", "c", "y")
	if b.got["C1"] != "approaching" || b.gotFb["C1"] != "Name the target." {
		t.Errorf("adjudicated %v %v, want C1 approaching with review 1's feedback", b.got, b.gotFb)
	}
	if v := m.View(); !strings.Contains(v, "Recorded RESUBMIT for DF-7KQ2#1") {
		t.Errorf("after recording:\n%s", v)
	}
}

// TestAdjudicateHelpNamesLevelKeys: the help says the keys as they are
// on the open dispute: a/b take a review's level, 1-3 the rubric's.
func TestAdjudicateHelpNamesLevelKeys(t *testing.T) {
	m := drive(opened(&fakeAdjudication{disputes: []review.Dispute{threeLevelDispute()}}, 120, 30), "enter")
	if v := m.View(); !strings.Contains(v, "a/b take review 1/2") || !strings.Contains(v, "1-3 level") {
		t.Errorf("short help:\n%s", v)
	}
	m = drive(m, "?")
	for _, want := range []string{"a take review 1", "b take review 2", "1-3 not-yet/approaching/meets", "passing level"} {
		if v := m.View(); !strings.Contains(v, want) {
			t.Errorf("full help lacks %q:\n%s", want, v)
		}
	}
	m = drive(m, "c")
	want := "Can't confirm yet: C1 is not scored (a/b take a review's level, 1-3 set one)"
	if got := m.(adjudicateModel).open.notice; got != want {
		t.Errorf("notice %q, want %q", got, want)
	}
}
