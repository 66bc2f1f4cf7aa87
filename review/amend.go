package review

import (
	"errors"
	"fmt"
	"maps"
	"strings"
	"time"
)

// Errors of amending a decision of record.
var (
	// ErrNotDecided means the attempt has no decision of record to amend
	// (or to make a calibration example of).
	ErrNotDecided = errors.New("attempt has no decision yet")

	// ErrNoChange means an amendment would leave the decision as it is.
	ErrNoChange = errors.New("the amendment changes nothing")

	// ErrLaterAttempts means the amendment would pass an attempt that the
	// candidate has already followed with another (rule 4 in reverse).
	ErrLaterAttempts = errors.New("a later attempt was submitted after it")

	// ErrStaleFeedback means a criterion's level would change while it
	// kept feedback written for the old level: the candidate would read
	// "not yet" advice under "meets".
	ErrStaleFeedback = errors.New("its feedback was written for the old level")

	// ErrStaleOverall means the outcome would change while the overall
	// feedback written for the old one stayed: "resubmit before August"
	// under "pass", or congratulations under "resubmit".
	ErrStaleOverall = errors.New("the overall feedback was written for the old outcome")

	// ErrAmendExample means the attempt is a calibration example: amending
	// it would score reviewers against an answer the record no longer
	// holds, and could reopen an application whose later reviewers read it.
	ErrAmendExample = errors.New("it is a calibration example")

	// ErrDatedAhead means a lead would amend a decision, or revoke a
	// badge, dated after now (import takes times up to FutureSlack
	// ahead): the change would be recorded before what it changes.
	ErrDatedAhead = errors.New("after now")

	// ErrAmendReopens means the amendment would reopen an application that
	// holds a calibration example: the reviewer of its next attempt would
	// read the example's answer in its history.
	ErrAmendReopens = errors.New("it would reopen its application, which holds a calibration example")
)

// AmendState is what a lead's amendment needs: who and when, the attempt,
// its decision of record (nil while pending), the rubric version it was
// scored against (read when decided) and its application.
type AmendState struct {
	Lead        string
	Now         time.Time
	Attempt     Attempt
	Record      *Decision
	Rubric      Rubric
	Application Application
	// Example is set when the attempt is a calibration example: its
	// decision is the example's answer, which reviewers are scored against.
	Example bool
	// AppExample is the handle of the calibration example among the
	// application's attempts ("" for none): the application must stay
	// passed or closed while it holds one.
	AppExample string
	// Conflicted is Conflicts(the lead, its candidate): rule 7 holds for
	// leads who amend as for those who adjudicate.
	Conflicted bool
	// Disputed is set when the attempt, undecided, waits for a lead to
	// settle its two reviews' disagreement (adjudicate).
	Disputed bool
}

// AmendEffect is what an amendment writes: the new decision of record, the
// history entry that records it, and the application when its LastOutcome
// follows (nil when unchanged). Old is the decision it replaces, whose
// tallies are taken back; when Old and Decision differ in outcome, the
// candidate's pass moves in the stack index.
type AmendEffect struct {
	Decision    Decision
	Old         Decision
	History     HistoryEntry
	Application *Application
}

// RequireDecided fails with ErrNotDecided, saying why (unlessDecided) an
// undecided attempt will not do, unless rec holds a decision of record.
func RequireDecided(a Attempt, rec *Decision, unlessDecided string) error {
	if rec == nil {
		return fmt.Errorf("%s: %w: %s", a.Handle(), ErrNotDecided, unlessDecided)
	}
	return nil
}

// NotDatedAhead fails with ErrDatedAhead, in one line naming at, when what
// a lead would change at now ("the decision", "the badge") is dated at,
// after now, and says to verb it from then on: recorded now, the change
// would come before it, in the history and in the badge list.
func NotDatedAhead(what string, at, now time.Time, verb string) error {
	if now.Before(at) {
		return fmt.Errorf("%s is dated %s, %w: %s it after then", what, at.UTC().Format(time.RFC3339), ErrDatedAhead, verb)
	}
	return nil
}

// Amend changes the decision of record on a decided attempt, as a lead
// (rule 3): levels and feedback change it criterion by criterion; a
// criterion (or OverallKey) not named keeps its level and feedback, and
// blank feedback removes that entry. The outcome is recomputed and the new
// decision must pass Validate. reason must not be blank (ErrNoReason). It
// fails with ErrNotDecided on a pending attempt, ErrNoChange when nothing
// would change, ErrLaterAttempts when the attempt would pass although
// the candidate has submitted a later one, ErrAmendExample on a calibration
// example, ErrAmendReopens when it would reopen an application holding
// one, ErrConflictOfInterest when the lead declared a conflict with the
// candidate (rule 7), and ErrDatedAhead while the decision is dated after
// now (NotDatedAhead).
//
// The new decision is the lead's (its Reviewer is the lead, so reviewer
// figures count it as theirs) but keeps the original DecidedAt: turnaround
// measures how long the candidate waited for their answer, and the
// amendment's time is the history entry's At.
func Amend(s AmendState, levels, feedback map[string]string, reason string) (AmendEffect, error) {
	reason, err := Reason(reason)
	if err != nil {
		return AmendEffect{}, err
	}
	if s.Conflicted {
		return AmendEffect{}, fmt.Errorf("%s: %w: another lead must amend it", s.Attempt.Handle(), ErrConflictOfInterest)
	}
	waits := "there is nothing to amend while it waits for review"
	if s.Disputed {
		waits = "its two reviews disagree: a lead settles it with assessor adjudicate, and may amend it then"
	}
	if err := RequireDecided(s.Attempt, s.Record, waits); err != nil {
		if s.Disputed { // names adjudicate as the lead runs it (Reword)
			return AmendEffect{}, &Mend{Err: err, Args: "adjudicate"}
		}
		return AmendEffect{}, err
	}
	if err := NotDatedAhead("the decision", s.Record.DecidedAt, s.Now, "amend"); err != nil {
		return AmendEffect{}, fmt.Errorf("%s: %w", s.Attempt.Handle(), err)
	}
	if err := CheckFeedbackKeys(s.Rubric, feedback); err != nil {
		return AmendEffect{}, err
	}
	if s.Example {
		return AmendEffect{}, Mendf("calibration remove "+s.Attempt.Handle(), "", "%s: %w: remove it first (%s)", s.Attempt.Handle(), ErrAmendExample)
	}
	levels = s.Rubric.Spelled(levels)
	old := *s.Record
	d := amended(old, levels, feedback)
	d.Reviewer, d.RubricVersion = s.Lead, s.Attempt.RubricVersion
	if d, err = scored(s.Rubric, d); err != nil {
		return AmendEffect{}, err
	}
	if maps.Equal(old.Levels, d.Levels) && maps.Equal(old.Feedback, d.Feedback) {
		return AmendEffect{}, fmt.Errorf("%s: %w: give --level or --feedback values that differ from the decision of record", s.Attempt.Handle(), ErrNoChange)
	}
	app := s.Application
	if app.Attempts > s.Attempt.Number && d.Outcome == Pass {
		return AmendEffect{}, fmt.Errorf("%s cannot pass: %w (attempt %d); amend the latest attempt instead", s.Attempt.Handle(), ErrLaterAttempts, app.Attempts)
	}
	for _, c := range s.Rubric.Criteria { // rubric order: the first one named
		_, given := feedback[c.ID]
		if lv, ok := levels[c.ID]; ok && lv != old.Levels[c.ID] && !given && old.Feedback[c.ID] != "" {
			return AmendEffect{}, fmt.Errorf("%s %s changes from %s to %s: %w: give --feedback %s=\"…\" (or %s= to remove it)",
				s.Attempt.Handle(), c.ID, old.Levels[c.ID], lv, ErrStaleFeedback, c.ID, c.ID)
		}
	}
	if _, given := feedback[OverallKey]; d.Outcome != old.Outcome && !given && old.Feedback[OverallKey] != "" {
		return AmendEffect{}, fmt.Errorf("%s changes from %s to %s: %w: give --overall \"…\" (or --overall= to remove it)",
			s.Attempt.Handle(), old.Outcome, d.Outcome, ErrStaleOverall)
	}
	eff := AmendEffect{Decision: d, Old: old, History: HistoryEntry{Action: ActionAmend, By: s.Lead, At: s.Now, Reason: reason, Decision: d}}
	if app, changed := app.Decided(s.Attempt.Number, d.Outcome); changed {
		if s.AppExample != "" && app.StatusAt(s.Now) == StatusOpen {
			return AmendEffect{}, Mendf("calibration remove "+s.AppExample, "", "%s: %w (%s): remove the example first (%s)", s.Attempt.Handle(), ErrAmendReopens, s.AppExample)
		}
		eff.Application = &app
	}
	return eff, nil
}

// amended applies a lead's changes to a copy of old.
func amended(old Decision, levels, feedback map[string]string) Decision {
	d := old
	d.Levels = maps.Clone(old.Levels)
	if d.Levels == nil {
		d.Levels = map[string]string{}
	}
	maps.Copy(d.Levels, levels)
	fb := maps.Clone(old.Feedback)
	if fb == nil {
		fb = map[string]string{}
	}
	for k, v := range feedback {
		if v = strings.TrimSpace(Sanitize(v)); v == "" {
			delete(fb, k)
		} else {
			fb[k] = v
		}
	}
	if len(fb) == 0 {
		fb = nil
	}
	d.Feedback = fb
	return d
}
