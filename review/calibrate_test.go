package review

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestNewCalibrationExample(t *testing.T) {
	a := pendingState().Attempt
	rec := &Decision{Outcome: Resubmit, Levels: oneNotC2}
	tests := []struct {
		name   string
		rec    *Decision
		levels map[string]string
		want   error
		truth  map[string]string
	}{
		{"levels of record", rec, nil, nil, oneNotC2},
		{"override one criterion", rec, map[string]string{"C2": "meets"}, nil, allMeet},
		{"pending attempt", nil, nil, ErrNotDecided, nil},
		{"unknown level", rec, map[string]string{"C1": "great"}, ErrUnknownLevel, nil},
		{"unknown criterion", rec, map[string]string{"C9": "meets"}, ErrUnknownCriterion, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := NewCalibrationExample("lead-1", t0, a, tt.rec, testRubric(), tt.levels)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("err %v, want %v", err, tt.want)
			}
			if err != nil {
				return
			}
			if ex.Attempt != a.Key() || ex.Handle != "DF-7KQ2#1" || ex.Credential != a.Credential || ex.AddedBy != "lead-1" || !ex.AddedAt.Equal(t0) {
				t.Errorf("example %+v", ex)
			}
			for id, l := range tt.truth {
				if ex.Levels[id] != l {
					t.Errorf("true levels %v, want %v", ex.Levels, tt.truth)
				}
			}
			if rec.Levels["C2"] != "not-yet" {
				t.Error("the decision of record was changed")
			}
		})
	}
}

// TestNewCalibrationExampleLevelInAnotherUnicodeForm: --level C2=réussi
// typed composed names the level of a rubric saved decomposed, and the
// example's true level is spelled as the rubric spells it, as the
// reviewers' answers compared with it are.
func TestNewCalibrationExampleLevelInAnotherUnicodeForm(t *testing.T) {
	r := testRubric()
	r.Levels = []string{"non", "re\u0301ussi"}
	rec := &Decision{Outcome: Resubmit, Levels: map[string]string{"C1": r.Levels[1], "C2": "non", "C3": r.Levels[1]}}
	ex, err := NewCalibrationExample("lead-1", t0, pendingState().Attempt, rec, r, map[string]string{"C2": "r\u00e9ussi"})
	if err != nil || ex.Levels["C2"] != r.Levels[1] {
		t.Errorf("true levels %q, %v; want C2 %q", ex.Levels, err, r.Levels[1])
	}
}

func TestRespondCalibration(t *testing.T) {
	ok := ExampleState{Example: true, Stored: true, Attempt: pendingState().Attempt}
	tests := []struct {
		name     string
		edit     func(*ExampleState)
		levels   map[string]string
		feedback map[string]string
		want     error
	}{
		{"scored", func(*ExampleState) {}, allMeet, nil, nil},
		{"not an example", func(s *ExampleState) { s.Example = false }, allMeet, nil, ErrNotPending},
		{"scored already", func(s *ExampleState) { s.Responded = true }, allMeet, nil, ErrNotPending},
		{"conflict of interest", func(s *ExampleState) { s.Conflicted = true }, allMeet, nil, ErrNotPending},
		{"attempt gone", func(s *ExampleState) { s.Stored = false }, allMeet, nil, ErrNotPending},
		{"rule 1", func(*ExampleState) {}, map[string]string{"C1": "meets"}, nil, ErrUnscored},
		{"rule 2", func(*ExampleState) {}, oneNotC2, map[string]string{"C2": " "}, ErrNoFeedback},
		{"rule 2, no feedback at all", func(*ExampleState) {}, oneNotC2, nil, ErrNoFeedback},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ok
			tt.edit(&s)
			resp, d, err := RespondCalibration("rev-1", t0, s, testRubric(), tt.levels, tt.feedback)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("err %v, want %v", err, tt.want)
			}
			if err == nil && (resp.Reviewer != "rev-1" || resp.Attempt != s.Attempt.Key() || !resp.At.Equal(t0) || d.Outcome != Pass || d.Reviewer != "rev-1") {
				t.Errorf("response %+v, decision %+v", resp, d)
			}
		})
	}
}

// TestExampleRefusalSaysUntilWhen: an attempt of an open application is
// refused as an example, saying until when it is open: the day its window
// closes, or, once that day has passed with its last attempt waiting,
// until that attempt is decided (never a date already past).
func TestExampleRefusalSaysUntilWhen(t *testing.T) {
	app := Application{ID: "W-1", StartedAt: time.Date(2024, 8, 31, 10, 0, 0, 0, time.UTC), Attempts: 2}
	for _, tt := range []struct {
		now  time.Time
		want string
	}{
		{time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC), "its application is still open until 2025-02-28: "},
		{time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC), "its application is still open until its last attempt is decided (its window closed 2025-02-28): "},
	} {
		err := CheckExampleClosed(app, tt.now)
		if !errors.Is(err, ErrExampleOpen) || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("on %s: %v; want it to begin %q", tt.now.Format(time.DateOnly), err, tt.want)
		}
	}
}
