package review

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

var (
	allMeet  = map[string]string{"C1": "meets", "C2": "meets", "C3": "meets"}
	oneNotC2 = map[string]string{"C1": "meets", "C2": "not-yet", "C3": "meets"}
)

// TestDecideRules covers every refusal of Decide, in the order it applies
// them, and that a refused decision changes nothing.
func TestDecideRules(t *testing.T) {
	first := Decision{Reviewer: "rev-a", Outcome: Pass, Levels: allMeet}
	tests := []struct {
		name     string
		a        Actor
		edit     func(*AttemptState)
		levels   map[string]string
		feedback map[string]string
		want     error
		field    string
	}{
		{"decided once (rule 3)", actor("rev-a"), func(s *AttemptState) { s.Decided = true }, allMeet, nil, ErrAlreadyDecided, ""},
		{"decided, in conflict: nothing shows", actor("rev-a"), func(s *AttemptState) { s.Decided, s.Conflicted = true, true }, allMeet, nil, ErrNotPending, ""},
		{"unknown attempt", actor("rev-a"), func(s *AttemptState) { s.Stored = false }, allMeet, nil, ErrNotPending, ""},
		{"conflict of interest (rule 7)", actor("rev-a"), func(s *AttemptState) { s.Conflicted = true }, allMeet, nil, ErrNotPending, ""},
		{"another's live lease (rule 6)", actor("rev-a"), func(s *AttemptState) { s.Lease = Lease{"rev-b", t0.Add(time.Minute)} }, allMeet, nil, ErrClaimed, ""},
		{"uncalibrated", Actor{ID: "rev-a", Now: t0, Calibration: requiredCalibration()}, func(*AttemptState) {}, allMeet, nil, ErrCalibrateFirst, ""},
		{"first reviewer cannot be second", actor("rev-a"), func(s *AttemptState) { s.Sampled, s.Reviews.First = true, &first }, allMeet, nil, ErrNotPending, ""},
		{"submitted after now (dated ahead at import)", actor("rev-a"), func(s *AttemptState) { s.Attempt.SubmittedAt = t0.Add(6 * 24 * time.Hour) }, allMeet, nil, ErrBeforeSubmitted, ""},
		{"unscored criterion (rule 1)", actor("rev-a"), func(*AttemptState) {}, map[string]string{"C1": "meets", "C2": "meets"}, nil, ErrUnscored, "levels.C3"},
		{"unknown level", actor("rev-a"), func(*AttemptState) {}, map[string]string{"C1": "meets", "C2": "great", "C3": "meets"}, nil, ErrUnknownLevel, "levels.C2"},
		{"resubmit without feedback (rule 2)", actor("rev-a"), func(*AttemptState) {}, oneNotC2, nil, ErrNoFeedback, "feedback.C2"},
		{"resubmit with blank feedback", actor("rev-a"), func(*AttemptState) {}, oneNotC2, map[string]string{"C2": "  \n"}, ErrNoFeedback, "feedback.C2"},
		{"feedback over the limit", actor("rev-a"), func(*AttemptState) {}, allMeet, map[string]string{"C1": strings.Repeat("a", MaxFeedback+1)}, ErrFeedbackTooLong, "feedback.C1"},
		{"overall feedback over the limit", actor("rev-a"), func(*AttemptState) {}, oneNotC2, map[string]string{"C2": "ok", OverallKey: strings.Repeat("é", MaxFeedback+1)}, ErrFeedbackTooLong, "feedback." + OverallKey},
		// It would be stored and never shown, as import, adjudicate and amend refuse it.
		{"feedback on no criterion", actor("rev-a"), func(*AttemptState) {}, allMeet, map[string]string{"C9": "never shown"}, ErrUnknownCriterion, "feedback.C9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := pendingState()
			tt.edit(&s)
			eff, err := Decide(tt.a, s, testRubric(), tt.levels, tt.feedback)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Decide = %v, want %v", err, tt.want)
			}
			var fe *FieldError
			if tt.field != "" && (!errors.As(err, &fe) || fe.Field != tt.field) {
				t.Errorf("field of %v, want %s", err, tt.field)
			}
			if eff.Resolution != nil || eff.Reviews != nil {
				t.Errorf("a refused decision has effects: %+v", eff)
			}
		})
	}
}

func TestDecideRecords(t *testing.T) {
	levels := map[string]string{"C1": "meets", "C2": "not-yet", "C3": "meets"}
	eff, err := Decide(actor("rev-a"), pendingState(), testRubric(), levels, map[string]string{"C2": "Add\x1b[31m a sample.", "C1": "  "})
	if err != nil {
		t.Fatal(err)
	}
	d := eff.Decision
	if d.Outcome != Resubmit || d.Reviewer != "rev-a" || !d.DecidedAt.Equal(t0) || d.RubricVersion != 1 || d.Application != "A-1" || d.Attempt != 1 {
		t.Errorf("decision %+v", d)
	}
	if len(d.Feedback) != 1 || d.Feedback["C2"] != Sanitize("Add\x1b[31m a sample.") {
		t.Errorf("feedback not cleaned: %q", d.Feedback)
	}
	levels["C1"] = "not-yet"
	if d.Levels["C1"] != "meets" {
		t.Error("the decision shares the caller's levels map")
	}
	res := eff.Resolution
	if eff.OneOfTwo() || res == nil || res.Pair != nil || eff.Reviews != nil || len(res.History()) != 1 {
		t.Fatalf("effect %+v", eff)
	}
	if h := res.History()[0]; h.Action != ActionDecide || h.By != "rev-a" || !h.At.Equal(t0) || h.Decision.Outcome != Resubmit {
		t.Errorf("history %+v", h)
	}
}

// TestDecideSampled covers a sampled attempt: first review, agreement,
// disagreement.
func TestDecideSampled(t *testing.T) {
	fb := map[string]string{"C2": "Show what students changed after the comments."}
	firstPass := Decision{Application: "A-1", Attempt: 1, Reviewer: "rev-a", DecidedAt: t0.Add(-time.Minute), Outcome: Pass, Levels: allMeet}
	t.Run("first review", func(t *testing.T) {
		s := pendingState()
		s.Sampled = true
		eff, err := Decide(actor("rev-a"), s, testRubric(), allMeet, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !eff.OneOfTwo() || eff.Resolution != nil || eff.Disputed || eff.Reviews == nil || eff.Reviews.First == nil || eff.Reviews.First.Reviewer != "rev-a" || eff.Reviews.Second != nil {
			t.Errorf("effect %+v", eff)
		}
	})
	t.Run("agreement makes review 1 the decision of record", func(t *testing.T) {
		s := pendingState()
		s.Sampled, s.Reviews.First = true, &firstPass
		eff, err := Decide(actor("rev-b"), s, testRubric(), allMeet, nil)
		if err != nil {
			t.Fatal(err)
		}
		res := eff.Resolution
		if !eff.OneOfTwo() || eff.Reviews != nil || res == nil || res.Pair == nil || res.Pair.Adjudicated != nil {
			t.Fatalf("effect %+v", eff)
		}
		if res.Decision.Reviewer != "rev-a" || !res.Decision.DecidedAt.Equal(t0) {
			t.Errorf("decision of record %+v: want review 1, dated now", res.Decision)
		}
		want := []Action{ActionReview1, ActionReview2, ActionAgreed}
		for i, h := range res.History() {
			if i >= len(want) || h.Action != want[i] {
				t.Fatalf("history %+v, want actions %v", res.History(), want)
			}
		}
		if h := res.History()[2]; h.By != "rev-b" || h.Decision.Reviewer != "rev-a" {
			t.Errorf("agreed entry %+v", h)
		}
		if eff.Decision.Reviewer != "rev-b" {
			t.Errorf("returned %+v, want the second reviewer's own decision", eff.Decision)
		}
	})
	t.Run("disagreement waits for a lead", func(t *testing.T) {
		s := pendingState()
		s.Sampled, s.Reviews.First = true, &firstPass
		eff, err := Decide(actor("rev-b"), s, testRubric(), oneNotC2, fb)
		if err != nil {
			t.Fatal(err)
		}
		if eff.Resolution != nil || !eff.Disputed || eff.Reviews == nil || !eff.Reviews.Disputed() || eff.Reviews.Second.Reviewer != "rev-b" {
			t.Errorf("effect %+v", eff)
		}
	})
}

func TestAdjudicate(t *testing.T) {
	fb := map[string]string{"C2": "Show what students changed after the comments."}
	r1 := Decision{Reviewer: "rev-a", Outcome: Pass, Levels: allMeet}
	r2 := Decision{Reviewer: "rev-b", Outcome: Resubmit, Levels: oneNotC2, Feedback: fb}
	disputed := func() AdjudicateState {
		return AdjudicateState{Lead: "lead-1", Now: t0, Key: pendingState().Key, Sampled: true,
			Reviews: SecondReview{First: &r1, Second: &r2}, Attempt: pendingState().Attempt, Rubric: testRubric()}
	}
	tests := []struct {
		name     string
		edit     func(*AdjudicateState)
		levels   map[string]string
		feedback map[string]string
		want     error
	}{
		{"not sampled", func(s *AdjudicateState) { s.Sampled = false }, allMeet, nil, ErrNotDisputed},
		{"no review yet", func(s *AdjudicateState) { s.Reviews = SecondReview{} }, allMeet, nil, ErrNotDisputed},
		{"one review only", func(s *AdjudicateState) { s.Reviews.Second = nil }, allMeet, nil, ErrNotDisputed},
		{"own first review", func(s *AdjudicateState) { s.Lead = "rev-a" }, allMeet, nil, ErrOwnReview},
		{"own second review", func(s *AdjudicateState) { s.Lead = "rev-b" }, allMeet, nil, ErrOwnReview},
		{"submitted after now (the clock set back)", func(s *AdjudicateState) { s.Attempt.SubmittedAt = t0.Add(time.Hour) }, allMeet, nil, ErrBeforeSubmitted},
		{"feedback on no criterion", func(*AdjudicateState) {}, allMeet, map[string]string{"C9": "x"}, ErrUnknownCriterion},
		{"rule 2", func(*AdjudicateState) {}, oneNotC2, nil, ErrNoFeedback},
		{"settled", func(*AdjudicateState) {}, oneNotC2, fb, nil},
		{"overall feedback is fine", func(*AdjudicateState) {}, allMeet, map[string]string{OverallKey: "Good."}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := disputed()
			tt.edit(&s)
			res, err := Adjudicate(s, tt.levels, tt.feedback)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("Adjudicate = %v, want %v", err, tt.want)
			}
			if err != nil {
				return
			}
			d := res.Decision
			if d.Reviewer != "lead-1" || !d.DecidedAt.Equal(t0) || res.Pair == nil || res.Pair.Adjudicated == nil || res.Pair.Adjudicated.Outcome != d.Outcome {
				t.Errorf("resolution %+v", res)
			}
			if len(res.History()) != 3 || res.History()[0].Action != ActionReview1 || res.History()[1].Action != ActionReview2 ||
				res.History()[2].Action != ActionAdjudicate || res.History()[2].By != "lead-1" {
				t.Errorf("history %+v", res.History())
			}
		})
	}
}

func TestApplicationDecided(t *testing.T) {
	app := Application{ID: "A-1", Attempts: 2}
	tests := []struct {
		name    string
		app     Application
		number  int
		o       Outcome
		changed bool
	}{
		{"last attempt decided", app, 2, Resubmit, true},
		{"earlier attempt: LastOutcome stays", app, 1, Pass, false},
		{"same outcome: nothing to write", Application{Attempts: 2, LastOutcome: Pass}, 2, Pass, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, changed := tt.app.Decided(tt.number, tt.o)
			if changed != tt.changed || changed && got.LastOutcome != tt.o || !changed && got.LastOutcome != tt.app.LastOutcome {
				t.Errorf("Decided = %+v, %v", got, changed)
			}
		})
	}
}

// TestNewDisputeHidesReviewers: a lead sees both reviews without their
// reviewers, and whether one of them is the lead's own (Own), which
// another lead must adjudicate.
func TestNewDisputeHidesReviewers(t *testing.T) {
	r1, r2 := Decision{Reviewer: "rev-a", Outcome: Pass}, Decision{Reviewer: "rev-b", Outcome: Resubmit}
	d := NewDispute(pendingState().Attempt, testRubric(), SecondReview{First: &r1, Second: &r2}, "lead-1")
	if d.Reviews[0].Reviewer != "" || d.Reviews[1].Reviewer != "" || d.Reviews[0].Outcome != Pass || d.Reviews[1].Outcome != Resubmit || d.Own {
		t.Errorf("dispute reviews %+v, own %v", d.Reviews, d.Own)
	}
	if own := NewDispute(pendingState().Attempt, testRubric(), SecondReview{First: &r1, Second: &r2}, "rev-b"); !own.Own {
		t.Error("the second reviewer's own dispute is not marked Own")
	}
	if r1.Reviewer != "rev-a" {
		t.Error("NewDispute changed the stored review")
	}
}

func TestCheckSecondReviewRate(t *testing.T) {
	for _, tt := range []struct {
		rate float64
		ok   bool
	}{{0, true}, {0.1, true}, {1, true}, {-0.1, false}, {1.5, false}, {math.NaN(), false}} {
		if err := CheckSecondReviewRate(tt.rate); (err == nil) != tt.ok || !tt.ok && !errors.Is(err, ErrBadPolicy) {
			t.Errorf("rate %v: %v", tt.rate, err)
		}
	}
}

func TestSortQueue(t *testing.T) {
	items := []QueueItem{
		{Application: "B", Attempt: 1, SubmittedAt: t0},
		{Application: "C", Attempt: 1, SubmittedAt: t0.Add(-time.Hour)},
		{Application: "A", Attempt: 1, SubmittedAt: t0},
	}
	SortQueue(items)
	if items[0].Application != "C" || items[1].Application != "A" || items[2].Application != "B" {
		t.Errorf("order %v, want oldest first (rule 5), then by key", items)
	}
}
