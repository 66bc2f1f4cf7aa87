package review

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func testRubric() Rubric {
	return Rubric{
		ID: "descriptive-feedback", Title: "Descriptive Feedback", Version: 1,
		Parts:    []Part{{1, "Part 1: Overview", 500}, {2, "Part 2: Artifacts", 0}, {3, "Part 3: Reflection", 400}},
		Criteria: []Criterion{{ID: "C1", Name: "Tied to target"}, {ID: "C2", Name: "Students act"}, {ID: "C3", Name: "Reflection"}},
	}
}

const longFeedback = "Your artifact shows comments on the draft but no student revision; add a second sample that shows what changed after it."

func TestComputeOutcome(t *testing.T) {
	r := testRubric()
	tests := []struct {
		name    string
		levels  map[string]string
		want    Outcome
		wantErr error
		field   string
	}{
		{"all meet", map[string]string{"C1": "meets", "C2": "meets", "C3": "meets"}, Pass, nil, ""},
		{"one not-yet", map[string]string{"C1": "meets", "C2": "not-yet", "C3": "meets"}, Resubmit, nil, ""},
		{"unscored", map[string]string{"C1": "meets", "C3": "meets"}, "", ErrUnscored, "levels.C2"},
		{"unknown level", map[string]string{"C1": "great", "C2": "meets", "C3": "meets"}, "", ErrUnknownLevel, "levels.C1"},
		{"unknown criterion", map[string]string{"C1": "meets", "C2": "meets", "C3": "meets", "C9": "meets"}, "", ErrUnknownCriterion, "levels.C9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ComputeOutcome(r, tt.levels)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			var fe *FieldError
			if tt.wantErr != nil && (!errors.As(err, &fe) || fe.Field != tt.field) {
				t.Fatalf("err %v: want field %s", err, tt.field)
			}
			if got != tt.want {
				t.Fatalf("outcome = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestComputeOutcomeCustomLevels(t *testing.T) {
	r := testRubric()
	r.Levels = []string{"beginning", "developing", "proficient"}
	got, err := ComputeOutcome(r, map[string]string{"C1": "proficient", "C2": "developing", "C3": "proficient"})
	if err != nil || got != Resubmit {
		t.Fatalf("got %q, %v; want resubmit (only the last level passes)", got, err)
	}
	got, _ = ComputeOutcome(r, map[string]string{"C1": "proficient", "C2": "proficient", "C3": "proficient"})
	if got != Pass {
		t.Fatalf("got %q, want pass", got)
	}
	// Rule 2's error names the rubric's own levels, not the default's.
	d := Decision{Outcome: Resubmit, Levels: map[string]string{"C1": "proficient", "C2": "developing", "C3": "proficient"}}
	if err := Validate(r, d); !errors.Is(err, ErrNoFeedback) || err.Error() != "feedback.C2: feedback required on every criterion below the passing level (developing is below proficient)" {
		t.Errorf("Validate = %v", err)
	}
}

func TestValidate(t *testing.T) {
	r := testRubric()
	meets := map[string]string{"C1": "meets", "C2": "meets", "C3": "meets"}
	oneNotYet := map[string]string{"C1": "meets", "C2": "not-yet", "C3": "meets"}
	tests := []struct {
		name  string
		d     Decision
		err   error
		field string
	}{
		{"pass", Decision{Outcome: Pass, Levels: meets}, nil, ""},
		{"resubmit with feedback", Decision{Outcome: Resubmit, Levels: oneNotYet, Feedback: map[string]string{"C2": longFeedback}}, nil, ""},
		{"cannot pass with a not-yet", Decision{Outcome: Pass, Levels: oneNotYet, Feedback: map[string]string{"C2": longFeedback}}, ErrOutcomeMismatch, "outcome"},
		{"cannot send back with none", Decision{Outcome: Resubmit, Levels: meets}, ErrOutcomeMismatch, "outcome"},
		{"resubmit needs feedback", Decision{Outcome: Resubmit, Levels: oneNotYet}, ErrNoFeedback, "feedback.C2"},
		{"blank feedback is none", Decision{Outcome: Resubmit, Levels: oneNotYet, Feedback: map[string]string{"C2": "  \n"}}, ErrNoFeedback, "feedback.C2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(r, tt.d)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if err != nil && !strings.HasPrefix(err.Error(), tt.field+": ") {
				t.Fatalf("err %q does not start with field %q", err, tt.field)
			}
		})
	}
}

func TestFeedbackWarnings(t *testing.T) {
	r := testRubric()
	levels := map[string]string{"C1": "not-yet", "C2": "not-yet", "C3": "meets"}
	ws := FeedbackWarnings(r, levels, map[string]string{"C1": "Too vague.", "C2": longFeedback})
	if len(ws) != 1 || ws[0].Criterion != "C1" || !strings.Contains(ws[0].Message, "2 words") {
		t.Fatalf("thin feedback: got %+v", ws)
	}
	// One word is "1 word", not "1 words".
	if ws := FeedbackWarnings(r, levels, map[string]string{"C1": "Vague.", "C2": longFeedback}); len(ws) != 1 || !strings.HasPrefix(ws[0].Message, "feedback is 1 word;") {
		t.Fatalf("one-word feedback: got %+v", ws)
	}
	ws = FeedbackWarnings(r, levels, map[string]string{"C1": longFeedback, "C2": strings.ToUpper(longFeedback)})
	if len(ws) != 1 || ws[0].Criterion != "C2" || !strings.Contains(ws[0].Message, "same feedback as C1") {
		t.Fatalf("identical feedback: got %+v", ws)
	}
	// A met criterion with short praise is fine.
	if ws := FeedbackWarnings(r, levels, map[string]string{"C1": longFeedback, "C2": longFeedback + " Also revise the plan.", "C3": "Strong."}); len(ws) != 0 {
		t.Fatalf("want no warnings, got %+v", ws)
	}
}

func TestNotYetOrder(t *testing.T) {
	got := NotYet(testRubric(), map[string]string{"C3": "not-yet", "C1": "not-yet", "C2": "meets"})
	if strings.Join(got, ",") != "C1,C3" {
		t.Fatalf("got %v, want rubric order C1,C3", got)
	}
}

// TestMissingFeedback checks rule 2's hard half, shared by Validate and the
// scoring screens: not-yet criteria without feedback, in rubric order; blank
// feedback counts as none, met criteria need none.
func TestMissingFeedback(t *testing.T) {
	r := Rubric{Criteria: []Criterion{{ID: "C1"}, {ID: "C2"}, {ID: "C3"}}}
	tests := []struct {
		name             string
		levels, feedback map[string]string
		want             []string
	}{
		{"all meet", map[string]string{"C1": "meets", "C2": "meets", "C3": "meets"}, nil, nil},
		{"two not-yet, none written", map[string]string{"C1": "not-yet", "C2": "meets", "C3": "not-yet"}, nil, []string{"C1", "C3"}},
		{"blank is none", map[string]string{"C2": "not-yet"}, map[string]string{"C2": " \n\t"}, []string{"C2"}},
		{"written", map[string]string{"C2": "not-yet"}, map[string]string{"C2": "Name the target."}, nil},
		{"unscored needs none", map[string]string{}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MissingFeedback(r, tt.levels, tt.feedback); !slices.Equal(got, tt.want) {
				t.Fatalf("MissingFeedback = %v, want %v", got, tt.want)
			}
		})
	}
}
