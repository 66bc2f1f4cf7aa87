package review

import (
	"errors"
	"strings"
	"testing"
	"time"
)

const fbC2 = "Show what students changed after your comments; one revised sample is enough."

// amendState is attempt 1 of an application with one attempt, decided pass.
func amendState() AmendState {
	a := pendingState().Attempt
	rec := Decision{Application: "A-1", Attempt: 1, Reviewer: "rev-1", DecidedAt: t0.Add(-time.Hour), Outcome: Pass, Levels: allMeet, RubricVersion: 1}
	return AmendState{Lead: "lead-1", Now: t0, Attempt: a, Record: &rec, Rubric: testRubric(),
		Application: Application{ID: "A-1", Attempts: 1, LastOutcome: Pass}}
}

func TestAmendRules(t *testing.T) {
	tests := []struct {
		name     string
		edit     func(*AmendState)
		levels   map[string]string
		feedback map[string]string
		reason   string
		want     error
	}{
		{"no reason", func(*AmendState) {}, map[string]string{"C2": "not-yet"}, map[string]string{"C2": fbC2}, " \t", ErrNoReason},
		{"pending attempt", func(s *AmendState) { s.Record = nil }, map[string]string{"C2": "not-yet"}, map[string]string{"C2": fbC2}, "why", ErrNotDecided},
		{"conflict of interest (rule 7)", func(s *AmendState) { s.Conflicted = true }, map[string]string{"C2": "not-yet"}, map[string]string{"C2": fbC2}, "why", ErrConflictOfInterest},
		{"decision dated after now (imported ahead)", func(s *AmendState) { s.Record.DecidedAt = t0.Add(72 * time.Hour) }, map[string]string{"C2": "not-yet"}, map[string]string{"C2": fbC2}, "why", ErrDatedAhead},
		{"feedback on no criterion", func(*AmendState) {}, nil, map[string]string{"C9": "x"}, "why", ErrUnknownCriterion},
		{"unknown level", func(*AmendState) {}, map[string]string{"C1": "great"}, nil, "why", ErrUnknownLevel},
		{"resubmit without feedback (rule 2)", func(*AmendState) {}, map[string]string{"C2": "not-yet"}, nil, "why", ErrNoFeedback},
		{"no change", func(*AmendState) {}, map[string]string{"C1": "meets"}, nil, "why", ErrNoChange},
		{"blank feedback removes nothing there", func(*AmendState) {}, nil, map[string]string{"C1": "  "}, "why", ErrNoChange},
		{"pass with a later attempt (rule 4)", func(s *AmendState) {
			s.Record.Outcome, s.Record.Levels, s.Record.Feedback = Resubmit, oneNotC2, map[string]string{"C2": fbC2}
			s.Application.Attempts = 2
		}, map[string]string{"C2": "meets"}, nil, "why", ErrLaterAttempts},
		{"a new level under the old level's feedback", func(s *AmendState) {
			s.Record.Outcome, s.Record.Levels, s.Record.Feedback = Resubmit, oneNotC2, map[string]string{"C2": fbC2}
		}, map[string]string{"C2": "meets"}, nil, "why", ErrStaleFeedback},
		{"a pass under the resubmit's overall feedback", func(s *AmendState) {
			s.Record.Outcome, s.Record.Levels = Resubmit, oneNotC2
			s.Record.Feedback = map[string]string{"C2": fbC2, OverallKey: "Focus your resubmission on C2."}
			s.Application.LastOutcome = Resubmit
		}, map[string]string{"C2": "meets"}, map[string]string{"C2": ""}, "why", ErrStaleOverall},
		{"a resubmit under the pass's overall feedback", func(s *AmendState) {
			s.Record.Feedback = map[string]string{OverallKey: "Congratulations: every criterion is met."}
		}, map[string]string{"C2": "not-yet"}, map[string]string{"C2": fbC2}, "why", ErrStaleOverall},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := amendState()
			tt.edit(&s)
			if _, err := Amend(s, tt.levels, tt.feedback, tt.reason); !errors.Is(err, tt.want) {
				t.Fatalf("Amend = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestAmendEffect(t *testing.T) {
	t.Run("pass to resubmit on the last attempt", func(t *testing.T) {
		s := amendState()
		eff, err := Amend(s, map[string]string{"C2": "not-yet"}, map[string]string{"C2": fbC2}, "  appeal found C2 unmet ")
		if err != nil {
			t.Fatal(err)
		}
		d := eff.Decision
		if d.Outcome != Resubmit || d.Reviewer != "lead-1" || !d.DecidedAt.Equal(s.Record.DecidedAt) || d.Levels["C1"] != "meets" || d.Feedback["C2"] != fbC2 {
			t.Errorf("decision %+v: want the lead's, original DecidedAt, other levels kept", d)
		}
		if h := eff.History; h.Action != ActionAmend || h.By != "lead-1" || !h.At.Equal(t0) || h.Reason != "appeal found C2 unmet" || h.Decision.Outcome != Resubmit {
			t.Errorf("history %+v", h)
		}
		if eff.Old.Outcome != Pass || eff.Application == nil || eff.Application.LastOutcome != Resubmit {
			t.Errorf("old %+v, application %+v", eff.Old, eff.Application)
		}
		if s.Record.Levels["C2"] != "meets" {
			t.Error("Amend changed the decision it was given")
		}
	})
	t.Run("earlier attempt may stay resubmit; application untouched", func(t *testing.T) {
		s := amendState()
		s.Record.Outcome, s.Record.Levels, s.Record.Feedback = Resubmit, oneNotC2, map[string]string{"C2": fbC2}
		s.Application.Attempts = 2
		eff, err := Amend(s, map[string]string{"C1": "not-yet"}, map[string]string{"C1": fbC2 + " C1."}, "C1 missed")
		if err != nil {
			t.Fatal(err)
		}
		if eff.Decision.Outcome != Resubmit || eff.Application != nil {
			t.Errorf("effect %+v", eff)
		}
	})
	t.Run("blank feedback removes an entry", func(t *testing.T) {
		s := amendState()
		s.Record.Feedback = map[string]string{OverallKey: "Good."}
		eff, err := Amend(s, nil, map[string]string{OverallKey: " "}, "drop it")
		if err != nil {
			t.Fatal(err)
		}
		if eff.Decision.Feedback != nil || eff.Application != nil {
			t.Errorf("effect %+v", eff)
		}
	})
}

func TestRequireLead(t *testing.T) {
	tests := []struct {
		name  string
		r     Reviewer
		known bool
		want  error
	}{
		{"lead", Reviewer{ID: "l", Role: RoleLead}, true, nil},
		{"admin", Reviewer{ID: "a", Role: RoleAdmin}, true, nil},
		{"reviewer", Reviewer{ID: "r", Role: RoleReviewer}, true, ErrNotLead},
		{"unknown", Reviewer{}, false, ErrNotLead},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := RequireLead(tt.r.ID, tt.r, tt.known); !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Errorf("RequireLead = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestReveal(t *testing.T) {
	app := Application{ID: "A-1", Pseudonym: "DF-7KQ2"}
	tests := []struct {
		name, reason, want string
		err                error
	}{
		{"reason kept trimmed", "  candidate appeal #12\n", "candidate appeal #12", nil},
		{"blank reason", " \t", "", ErrNoReason},
		{"control characters only", "\x1b\x07", "", ErrNoReason},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := Reveal("lead-1", t0, app, tt.reason)
			if !errors.Is(err, tt.err) {
				t.Fatalf("Reveal = %v, want %v", err, tt.err)
			}
			want := AuditRecord{At: t0, Lead: "lead-1", Application: "A-1", Pseudonym: "DF-7KQ2", Reason: tt.want}
			if err == nil && rec != want {
				t.Errorf("record %+v, want %+v", rec, want)
			}
		})
	}
}

// TestAmendNewLevelWithItsFeedback: a level changed together with its
// feedback, replaced or removed, is accepted; the removed one is gone.
func TestAmendNewLevelWithItsFeedback(t *testing.T) {
	for _, fb := range []string{"", "Now meets: the next steps name each change."} {
		s := amendState()
		s.Record.Outcome, s.Record.Levels, s.Record.Feedback = Resubmit, oneNotC2, map[string]string{"C2": fbC2}
		eff, err := Amend(s, map[string]string{"C2": "meets"}, map[string]string{"C2": fb}, "appeal")
		if err != nil {
			t.Fatalf("feedback %q: %v", fb, err)
		}
		if got := eff.Decision.Feedback["C2"]; got != fb || eff.Decision.Outcome != Pass {
			t.Errorf("feedback %q: decision %+v", fb, eff.Decision)
		}
	}
}

// TestAmendLevelInAnotherUnicodeForm: --level C2=réussi typed composed
// names the level of a rubric saved decomposed, and is stored as the
// rubric spells it, the outcome recomputed from it.
func TestAmendLevelInAnotherUnicodeForm(t *testing.T) {
	s := amendState()
	s.Rubric.Levels = []string{"non", "re\u0301ussi"}
	s.Record.Outcome, s.Record.Levels = Resubmit, map[string]string{"C1": s.Rubric.Levels[1], "C2": "non", "C3": s.Rubric.Levels[1]}
	eff, err := Amend(s, map[string]string{"C2": "r\u00e9ussi"}, nil, "appeal")
	if err != nil {
		t.Fatal(err)
	}
	if got := eff.Decision.Levels["C2"]; got != s.Rubric.Levels[1] || eff.Decision.Outcome != Pass {
		t.Errorf("C2 %q, outcome %s; want %q, pass", got, eff.Decision.Outcome, s.Rubric.Levels[1])
	}
}

// TestAmendRefusesExample: a calibration example's decision is its answer:
// it is not amended while it is an example.
func TestAmendRefusesExample(t *testing.T) {
	s := amendState()
	s.Example = true
	if _, err := Amend(s, map[string]string{"C2": "not-yet"}, map[string]string{"C2": fbC2}, "recheck"); !errors.Is(err, ErrAmendExample) ||
		!strings.Contains(err.Error(), "calibration remove") {
		t.Errorf("Amend of an example = %v", err)
	}
}

// TestAmendKeepsExampleApplicationClosed: an application holding a
// calibration example is not reopened by amending its last attempt to
// resubmit, since its next attempt's reviewer would read the example's
// answer; an amendment that leaves it passed or closed goes through.
func TestAmendKeepsExampleApplicationClosed(t *testing.T) {
	s := amendState()
	s.Attempt.Number, s.Record.Attempt = 2, 2
	s.Application.Attempts, s.Application.StartedAt = 2, t0.AddDate(0, -1, 0)
	s.AppExample = "DF-7KQ2#1"
	resubmit := func(s AmendState) error {
		_, err := Amend(s, map[string]string{"C2": "not-yet"}, map[string]string{"C2": fbC2}, "appeal denied")
		return err
	}
	if err := resubmit(s); !errors.Is(err, ErrAmendReopens) || !strings.Contains(err.Error(), "calibration remove DF-7KQ2#1") {
		t.Errorf("reopening an example's application = %v", err)
	}
	closed := s
	closed.Application.StartedAt = t0.AddDate(0, -7, 0) // its window has closed: it stays closed
	if err := resubmit(closed); err != nil {
		t.Errorf("amending once its window closed: %v", err)
	}
	if _, err := Amend(s, nil, map[string]string{OverallKey: "Clear and complete."}, "add a note"); err != nil {
		t.Errorf("amending without reopening: %v", err)
	}
	s.AppExample = ""
	if err := resubmit(s); err != nil {
		t.Errorf("reopening an application with no example: %v", err)
	}
}

// TestAmendOverallFollowsOutcome: a change of outcome goes through once the
// overall feedback is given again or removed; a change that keeps the
// outcome keeps the overall feedback as it was.
func TestAmendOverallFollowsOutcome(t *testing.T) {
	s := amendState()
	s.Record.Feedback = map[string]string{OverallKey: "Congratulations: every criterion is met."}
	for _, tc := range []struct{ overall, want string }{{"Close: C2 needs one revised sample.", "Close: C2 needs one revised sample."}, {"", ""}} {
		eff, err := Amend(s, map[string]string{"C2": "not-yet"}, map[string]string{"C2": fbC2, OverallKey: tc.overall}, "appeal")
		if err != nil || eff.Decision.Outcome != Resubmit || eff.Decision.Feedback[OverallKey] != tc.want {
			t.Errorf("overall %q: %v, outcome %s, overall %q", tc.overall, err, eff.Decision.Outcome, eff.Decision.Feedback[OverallKey])
		}
	}
	eff, err := Amend(s, nil, map[string]string{"C1": "Clear targets, well sourced."}, "typo")
	if err != nil || eff.Decision.Feedback[OverallKey] != s.Record.Feedback[OverallKey] {
		t.Errorf("same outcome: %v, overall %q", err, eff.Decision.Feedback[OverallKey])
	}
}

// TestAmendNotDatedAheadIsExact: an amendment a minute before the
// decision's time is refused, and one at that time taken: no slack.
func TestAmendNotDatedAheadIsExact(t *testing.T) {
	s := amendState()
	s.Record.DecidedAt = t0.Add(time.Minute)
	if _, err := Amend(s, map[string]string{"C2": "not-yet"}, map[string]string{"C2": fbC2}, "why"); !errors.Is(err, ErrDatedAhead) {
		t.Errorf("amending a decision dated a minute after now: %v, want ErrDatedAhead", err)
	}
	s = amendState()
	s.Record.DecidedAt = t0
	if _, err := Amend(s, map[string]string{"C2": "not-yet"}, map[string]string{"C2": fbC2}, "why"); err != nil {
		t.Errorf("amending a decision dated now: %v", err)
	}
}
