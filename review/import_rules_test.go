package review

import (
	"errors"
	"maps"
	"testing"
	"time"
)

func sub(attempt int, submitted time.Time) *Submission {
	return &Submission{Application: "A-1", Credential: "descriptive-feedback", Attempt: attempt, SubmittedAt: submitted,
		Parts: []EvidencePart{{Title: "Part 1", Text: "text"}}}
}

// appState is application A-1 with its first attempt decided.
func appState(last Outcome) SubmissionState {
	return SubmissionState{Rubric: testRubric(), HasRubric: true, AppExists: true,
		Application: Application{ID: "A-1", Pseudonym: "DF-7KQ2", Credential: "descriptive-feedback", StartedAt: t0, Attempts: 1, LastOutcome: last},
		Vault:       Candidate{Name: "Ada", District: "North"}, InVault: true}
}

func TestImportSubmissionRules(t *testing.T) {
	stored := Attempt{Application: "A-1", Credential: "descriptive-feedback", Number: 1, SubmittedAt: t0, Parts: []EvidencePart{{Title: "Part 1", Text: "text"}}}
	tests := []struct {
		name  string
		sub   func() *Submission
		state func() SubmissionState
		want  error
		field string
		msg   string // the whole error, as the import line shows it after file:line
	}{
		{"unknown credential", func() *Submission { return sub(1, t0) }, func() SubmissionState { return SubmissionState{} }, ErrUnknownCredential, "credential", `credential: unknown credential "descriptive-feedback" (add its rubric with: assessor rubrics add FILE)`},
		{"other credential", func() *Submission { s := sub(2, t0.Add(time.Hour)); s.Credential = "other"; return s },
			func() SubmissionState { return appState(Resubmit) }, ErrCredentialMismatch, "credential", `credential: differs from the application's credential "descriptive-feedback"`},
		{"other started_at", func() *Submission { s := sub(2, t0.Add(time.Hour)); s.StartedAt = t0.Add(time.Minute); return s },
			func() SubmissionState { return appState(Resubmit) }, ErrStartedAtMismatch, "started_at", "started_at: differs from the application's started_at 2024-03-01T09:00:00Z"},
		{"other candidate", func() *Submission { s := sub(2, t0.Add(time.Hour)); s.Candidate = &Candidate{Name: "Bea"}; return s },
			func() SubmissionState { return appState(Resubmit) }, ErrCandidateMismatch, "candidate", "candidate: differs from the candidate stored for this application"},
		{"stored with other content", func() *Submission { s := sub(1, t0); s.Note = "changed"; return s },
			func() SubmissionState { s := appState(Resubmit); s.Stored = &stored; return s }, ErrImportConflict, "attempt", "attempt: already imported with different content"},
		{"stored without a candidate, repeated with one", func() *Submission { s := sub(1, t0); s.Candidate = &Candidate{Name: "Ada"}; return s },
			func() SubmissionState {
				s := appState(Resubmit)
				s.Stored, s.Vault, s.InVault = &stored, Candidate{}, false
				return s
			}, ErrCandidateLate, "candidate", "candidate: this attempt was imported without one, and an import never changes a stored attempt (give the candidate on the application's next attempt)"},
		{"stored with other files", func() *Submission { return sub(1, t0) },
			func() SubmissionState {
				s := appState(Resubmit)
				old := stored
				old.Parts = []EvidencePart{{Title: "Part 1", Text: "text", Attachments: []Attachment{{Name: "a.pdf", Hash: "aa"}}}}
				s.Stored, s.WithFiles, s.Files = &old, true, []EvidencePart{{Title: "Part 1", Text: "text", Attachments: []Attachment{{Name: "a.pdf", Hash: "bb"}}}}
				return s
			}, ErrImportConflict, "attempt", "attempt: already imported with different content"},
		{"attempt gap (rule 4)", func() *Submission { return sub(3, t0.Add(time.Hour)) }, func() SubmissionState { return appState(Resubmit) }, ErrAttemptGap, "attempt", "attempt: attempt out of sequence: application has 1 attempt, so the next is 2, not 3"},
		{"after a pass (rule 4)", func() *Submission { return sub(2, t0.Add(time.Hour)) }, func() SubmissionState { return appState(Pass) }, ErrPassed, "attempt", "attempt: application already passed"},
		{"before a decision (rule 4)", func() *Submission { return sub(2, t0.Add(time.Hour)) }, func() SubmissionState { return appState("") }, ErrNotResubmit, "attempt", "attempt: previous attempt not decided resubmit: attempt 1 is still waiting for a decision"},
		{"window closed (rule 4)", func() *Submission { return sub(2, t0.AddDate(0, 7, 0)) }, func() SubmissionState { return appState(Resubmit) }, ErrExpired, "submitted_at", "submitted_at: application window closed on 2024-09-01 09:00 UTC"},
		{"attempt 1 after its own window", func() *Submission { s := sub(1, t0.AddDate(0, 7, 0)); s.StartedAt = t0; return s },
			func() SubmissionState { return SubmissionState{Rubric: testRubric(), HasRubric: true} }, ErrExpired, "submitted_at", "submitted_at: application window closed on 2024-09-01 09:00 UTC"},
		{"before started_at", func() *Submission { s := sub(1, t0); s.StartedAt = t0.Add(time.Hour); return s },
			func() SubmissionState { return SubmissionState{Rubric: testRubric(), HasRubric: true} }, ErrBeforeStart, "submitted_at", "submitted_at: submitted before the application started"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ImportSubmission(tt.sub(), tt.state())
			var fe *FieldError
			if !errors.Is(err, tt.want) || !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("ImportSubmission = %v, want %s: %v", err, tt.field, tt.want)
			}
			if err.Error() != tt.msg {
				t.Errorf("error\n got %s\nwant %s", err, tt.msg)
			}
		})
	}
}

func TestImportSubmissionEffect(t *testing.T) {
	t.Run("new application", func(t *testing.T) {
		s := sub(1, t0.Add(time.Hour))
		s.Candidate = &Candidate{Name: "Ada"}
		eff, err := ImportSubmission(s, SubmissionState{Rubric: testRubric(), HasRubric: true})
		if err != nil {
			t.Fatal(err)
		}
		app := eff.Application
		if !eff.NewApplication || eff.Unchanged || !eff.StoreCandidate || !eff.HasCandidate || eff.Candidate.Name != "Ada" {
			t.Errorf("effect %+v", eff)
		}
		if app.ID != "A-1" || !app.StartedAt.Equal(s.SubmittedAt) || app.Attempts != 1 || app.LastOutcome != "" {
			t.Errorf("application %+v: started_at defaults to attempt 1's submitted_at", app)
		}
		if a := eff.Attempt; a.Number != 1 || a.RubricVersion != 1 || a.Credential != s.Credential || a.Pseudonym != "" {
			t.Errorf("attempt %+v (the caller draws the pseudonym)", a)
		}
	})
	t.Run("next attempt, identity on record", func(t *testing.T) {
		s := sub(2, t0.Add(24*time.Hour))
		s.Candidate = &Candidate{Name: " ada ", District: "north"}
		eff, err := ImportSubmission(s, appState(Resubmit))
		if err != nil {
			t.Fatal(err)
		}
		if eff.NewApplication || eff.StoreCandidate || !eff.HasCandidate || eff.Candidate.Name != "Ada" {
			t.Errorf("effect %+v: the vault's identity stands", eff)
		}
		if eff.Application.Attempts != 2 || eff.Application.LastOutcome != "" || eff.Attempt.Pseudonym != "DF-7KQ2" {
			t.Errorf("application %+v, attempt %+v", eff.Application, eff.Attempt)
		}
	})
	t.Run("repeat is unchanged", func(t *testing.T) {
		s := sub(1, t0)
		st := appState(Resubmit)
		st.Stored = &Attempt{Credential: s.Credential, SubmittedAt: t0, Parts: s.Parts}
		if eff, err := ImportSubmission(s, st); err != nil || !eff.Unchanged {
			t.Errorf("effect %+v, %v", eff, err)
		}
	})
	t.Run("a PDF stored before its lines were read apart is the same file", func(t *testing.T) {
		s := sub(1, t0)
		old := Attempt{Credential: s.Credential, SubmittedAt: t0, Parts: s.Parts}
		old.Parts = []EvidencePart{{Title: s.Parts[0].Title, Text: s.Parts[0].Text, Attachments: []Attachment{{Name: "a.pdf", Hash: "aa", Type: TypePDF}}}}
		st := appState(Resubmit)
		st.Stored, st.WithFiles = &old, true
		st.Files = []EvidencePart{{Title: s.Parts[0].Title, Text: s.Parts[0].Text, Attachments: []Attachment{{Name: "a.pdf", Hash: "aa", Type: TypePDF, Lines: true}}}}
		if eff, err := ImportSubmission(s, st); err != nil || !eff.Unchanged {
			t.Errorf("effect %+v, %v", eff, err)
		}
	})
	t.Run("an Office file stored before its authors were read is the same file", func(t *testing.T) {
		s := sub(1, t0)
		at := Attachment{Name: "a.docx", Hash: "aa", Type: TypeDOCX}
		old := Attempt{Credential: s.Credential, SubmittedAt: t0, Parts: []EvidencePart{{Title: s.Parts[0].Title, Text: s.Parts[0].Text, Attachments: []Attachment{at}}}}
		st := appState(Resubmit)
		st.Stored, st.WithFiles = &old, true
		at.OfficeParts = true
		st.Files = []EvidencePart{{Title: s.Parts[0].Title, Text: s.Parts[0].Text, Attachments: []Attachment{at}}}
		if eff, err := ImportSubmission(s, st); err != nil || !eff.Unchanged {
			t.Errorf("effect %+v, %v", eff, err)
		}
	})
	t.Run("files describe the parts", func(t *testing.T) {
		files := []EvidencePart{{Title: "Part 1", Text: "text", Attachments: []Attachment{{Name: "a.pdf", Hash: "aa"}}}}
		st := SubmissionState{Rubric: testRubric(), HasRubric: true, WithFiles: true, Files: files}
		eff, err := ImportSubmission(sub(1, t0), st)
		if err != nil || len(eff.Attempt.Parts) != 1 || len(eff.Attempt.Parts[0].Attachments) != 1 {
			t.Errorf("attempt %+v, %v", eff.Attempt, err)
		}
	})
}

func TestImportDecision(t *testing.T) {
	a := pendingState().Attempt
	dec := Decision{Application: "A-1", Attempt: 1, Reviewer: "rev-9", DecidedAt: t0.In(time.FixedZone("x", 3600)), Outcome: Pass, Levels: allMeet}
	tests := []struct {
		name  string
		d     func() Decision
		s     DecisionImportState
		want  error
		field string
		msg   string // the whole error, as the import line shows it after file:line
	}{
		{"no such attempt", func() Decision { return dec }, DecisionImportState{}, ErrNoSuchAttempt, "attempt", "attempt: no such attempt: import its submission first"},
		{"decided otherwise (rule 3)", func() Decision { return dec },
			DecisionImportState{Attempt: a, Found: true, Record: &Decision{Reviewer: "rev-1", DecidedAt: t0, Outcome: Pass, Levels: allMeet}}, ErrAlreadyDecided, "attempt", "attempt: attempt already decided"},
		{"a review of its double review stored", func() Decision { return dec },
			DecisionImportState{Attempt: a, Found: true, Rubric: testRubric(), Reviews: SecondReview{First: &Decision{Reviewer: "rev-1", Outcome: Pass, Levels: allMeet}}}, ErrReviewInProgress, "attempt",
			"attempt: its blind double review is under way (a reviewer's review is stored): let the second review or a lead's adjudication decide it, or leave the line out"},
		{"before submitted", func() Decision { d := dec; d.DecidedAt = a.SubmittedAt.Add(-time.Second); return d },
			DecisionImportState{Attempt: a, Found: true, Rubric: testRubric()}, ErrBeforeSubmitted, "decided_at", "decided_at: decided before it was submitted"},
		{"outcome disagrees with levels (rule 1)", func() Decision { d := dec; d.Outcome = Resubmit; return d },
			DecisionImportState{Attempt: a, Found: true, Rubric: testRubric()}, ErrOutcomeMismatch, "outcome", `outcome: outcome disagrees with levels: levels give "pass", not "resubmit"`},
		{"resubmit without feedback (rule 2)", func() Decision { d := dec; d.Outcome, d.Levels = Resubmit, oneNotC2; return d },
			DecisionImportState{Attempt: a, Found: true, Rubric: testRubric()}, ErrNoFeedback, "feedback.C2", "feedback.C2: feedback required on every criterion below the passing level (not-yet is below meets)"},
		{"feedback on another criterion only (rule 2)", func() Decision {
			d := dec
			d.Outcome, d.Levels, d.Feedback = Resubmit, oneNotC2, map[string]string{"C1": "fine"}
			return d
		}, DecisionImportState{Attempt: a, Found: true, Rubric: testRubric()}, ErrNoFeedback, "feedback.C2", "feedback.C2: feedback required on every criterion below the passing level (not-yet is below meets)"},
		{"unscored criterion (rule 1)", func() Decision { d := dec; d.Levels = map[string]string{"C1": "meets", "C2": "meets"}; return d },
			DecisionImportState{Attempt: a, Found: true, Rubric: testRubric()}, ErrUnscored, "levels.C3", "levels.C3: criterion not scored"},
		{"feedback under a criterion the rubric lacks", func() Decision { d := dec; d.Feedback = map[string]string{"C9": "lost", OverallKey: "kept"}; return d },
			DecisionImportState{Attempt: a, Found: true, Rubric: testRubric()}, ErrUnknownCriterion, "feedback.C9", "feedback.C9: unknown criterion"},
		{"feedback under another spelling of a criterion", func() Decision { d := dec; d.Feedback = map[string]string{"C02": "lost"}; return d },
			DecisionImportState{Attempt: a, Found: true, Rubric: testRubric()}, ErrUnknownCriterion, "feedback.C02", "feedback.C02: unknown criterion (this rubric spells it C2)"},
		{"feedback under a criterion in lower case", func() Decision { d := dec; d.Feedback = map[string]string{"c2": "lost"}; return d },
			DecisionImportState{Attempt: a, Found: true, Rubric: testRubric()}, ErrUnknownCriterion, "feedback.c2", "feedback.c2: unknown criterion (this rubric spells it C2)"},
		{"level under another spelling of a criterion", func() Decision {
			d := dec
			d.Levels = map[string]string{"C1": "meets", "C02": "meets", "C3": "meets"}
			return d
		}, DecisionImportState{Attempt: a, Found: true, Rubric: testRubric()}, ErrUnknownCriterion, "levels.C02", "levels.C02: unknown criterion (this rubric spells it C2)"},
		{"feedback under a misspelt overall", func() Decision { d := dec; d.Feedback = map[string]string{"overal": "lost"}; return d },
			DecisionImportState{Attempt: a, Found: true, Rubric: testRubric()}, ErrUnknownCriterion, "feedback.overal", "feedback.overal: unknown criterion"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ImportDecision(tt.d(), tt.s)
			var fe *FieldError
			if !errors.Is(err, tt.want) || !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("ImportDecision = %v, want %s: %v", err, tt.field, tt.want)
			}
			if err.Error() != tt.msg {
				t.Errorf("error\n got %s\nwant %s", err, tt.msg)
			}
		})
	}
	t.Run("repeat is unchanged", func(t *testing.T) {
		old := dec
		old.DecidedAt = t0
		eff, err := ImportDecision(dec, DecisionImportState{Attempt: a, Found: true, Record: &old})
		if err != nil || !eff.Unchanged {
			t.Errorf("effect %+v, %v", eff, err)
		}
	})
	t.Run("recorded, unknown reviewer registered", func(t *testing.T) {
		eff, err := ImportDecision(dec, DecisionImportState{Attempt: a, Found: true, Rubric: testRubric()})
		if err != nil {
			t.Fatal(err)
		}
		d := eff.Resolution.Decision
		if d.DecidedAt.Location() != time.UTC || !d.DecidedAt.Equal(t0) || d.RubricVersion != a.RubricVersion {
			t.Errorf("decision %+v: want UTC and the attempt's rubric version", d)
		}
		if eff.Register == nil || eff.Register.ID != "rev-9" || eff.Register.Role != RoleReviewer {
			t.Errorf("register %+v", eff.Register)
		}
		if h := eff.Resolution.History(); len(h) != 1 || h[0].Action != ActionImport || h[0].By != "rev-9" || !h[0].At.Equal(t0) {
			t.Errorf("history %+v", h)
		}
	})
	t.Run("a level in another Unicode form stored as the rubric spells it", func(t *testing.T) {
		// A rubric saved decomposed, as a macOS tool may write it, and a
		// decision from a web form's JSON naming its level composed.
		r := testRubric()
		r.Levels = []string{"non", "re\u0301ussi"}
		d := dec
		d.Levels = map[string]string{"C1": "r\u00e9ussi", "C2": "re\u0301ussi", "C3": "r\u00e9ussi"}
		eff, err := ImportDecision(d, DecisionImportState{Attempt: a, Found: true, Rubric: r})
		if err != nil {
			t.Fatal(err)
		}
		if got := eff.Resolution.Decision.Levels; !maps.Equal(got, map[string]string{"C1": r.Levels[1], "C2": r.Levels[1], "C3": r.Levels[1]}) {
			t.Errorf("levels %q, want each as the rubric spells it, %q", got, r.Levels[1])
		}
		// The same line again is a repeat, read before the rubric is.
		if eff, err := ImportDecision(d, DecisionImportState{Attempt: a, Found: true, Record: &eff.Resolution.Decision}); err != nil || !eff.Unchanged {
			t.Errorf("the same line again: %+v, %v", eff, err)
		}
	})
	t.Run("known reviewer not registered again", func(t *testing.T) {
		eff, err := ImportDecision(dec, DecisionImportState{Attempt: a, Found: true, Rubric: testRubric(), ReviewerKnown: true})
		if err != nil || eff.Register != nil {
			t.Errorf("effect %+v, %v", eff, err)
		}
	})
}

// TestImportDecisionOtherFeedbackIsAnotherDecision: a decision line that
// repeats the decision of record's reviewer, time, outcome and levels but
// not its feedback is another decision (rule 3: decided once), refused as
// ErrAlreadyDecided, not taken as a repeat that changes nothing: the
// candidate's feedback would otherwise silently stay the old one while
// the import reports success.
func TestImportDecisionOtherFeedbackIsAnotherDecision(t *testing.T) {
	a := pendingState().Attempt
	old := Decision{Application: "A-1", Attempt: 1, Reviewer: "rev-9", DecidedAt: t0, Outcome: Resubmit, Levels: oneNotC2,
		Feedback: map[string]string{"C2": "Name the learning target in each comment so students know what to act on."}}
	d := old
	d.Feedback = map[string]string{"C2": "Corrected: show one student's revision made after your feedback, with the target named."}
	eff, err := ImportDecision(d, DecisionImportState{Attempt: a, Found: true, Record: &old, Rubric: testRubric()})
	var fe *FieldError
	if !errors.Is(err, ErrAlreadyDecided) || !errors.As(err, &fe) || fe.Field != "attempt" {
		t.Fatalf("ImportDecision with other feedback = %+v, %v; want attempt: %v", eff, err, ErrAlreadyDecided)
	}
	if SameDecision(old, d) {
		t.Errorf("SameDecision holds for decisions whose feedback differs")
	}
}
