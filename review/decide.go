package review

import (
	"fmt"
	"maps"
	"strings"
	"time"
)

// SecondReview is the stored state of a sampled attempt still without a
// decision of record: nothing yet, its first review, or both reviews in
// dispute. Its JSON is the stored form.
type SecondReview struct {
	First  *Decision `json:"first,omitempty"`
	Second *Decision `json:"second,omitempty"`
}

// Disputed reports whether both reviews are in and wait for a lead.
func (sr SecondReview) Disputed() bool { return sr.First != nil && sr.Second != nil }

// Resolution is a new decision of record and what goes with it: the
// resolved double review, if any, whose two reviews go into the history
// first (DoubleReview.History), then Entry, which records Decision.
type Resolution struct {
	Decision Decision      // the decision of record
	Pair     *DoubleReview // the resolved double review; nil for a single review
	Entry    HistoryEntry  // the history entry of the decision of record
}

// History lists every entry the resolution appends, in order.
func (r Resolution) History() []HistoryEntry {
	if r.Pair == nil {
		return []HistoryEntry{r.Entry}
	}
	h := r.Pair.History()
	return append(h[:], r.Entry)
}

// History is the two history entries of a double review's reviews, each
// by its reviewer at its time, in the order they were made.
func (d DoubleReview) History() [2]HistoryEntry {
	var h [2]HistoryEntry
	for i, action := range [2]Action{ActionReview1, ActionReview2} {
		rv := d.Reviews[i]
		h[i] = HistoryEntry{Action: action, By: rv.Reviewer, At: rv.DecidedAt, Decision: rv}
	}
	return h
}

// DecideEffect is what one reviewer's decision changes: the decision of
// record (Resolution), or, on an attempt sampled for a second review, the
// reviews so far (Reviews), which may now be in dispute.
type DecideEffect struct {
	Decision   Decision      // the reviewer's decision, as returned to them
	Reviews    *SecondReview // the sampled attempt's reviews to store; nil when unchanged or resolved
	Disputed   bool          // Reviews disagree: the attempt leaves the queue for a lead (Adjudicate)
	Resolution *Resolution   // the decision of record, when the attempt has one now
}

// OneOfTwo reports whether the decision was one of a sampled attempt's two
// reviews: the reviewer's work is done either way, so their draft and lease
// go even while the attempt waits for the other review or a lead.
func (e DecideEffect) OneOfTwo() bool {
	return e.Reviews != nil || e.Resolution != nil && e.Resolution.Pair != nil
}

// Decide applies the rules of a reviewer's decision on attempt s, scored
// against its rubric version r (read by the caller when s is stored): it
// may be decided once (rule 3: ErrAlreadyDecided, or ErrNotPending when the
// actor has a conflict with it, which stays hidden), the actor must be
// able to take it (Pending, Reviewable), the outcome is computed from
// levels (rule 1) and a resubmit needs feedback on every not-yet criterion
// (rule 2, a *FieldError). Feedback is cleaned (CleanFeedback).
//
// A sampled attempt's first decision is its first review; the second,
// another reviewer's, resolves the pair: the same outcome makes the first
// review the decision of record (ActionAgreed), different outcomes put the
// attempt in dispute.
func Decide(a Actor, s AttemptState, r Rubric, levels, feedback map[string]string) (DecideEffect, error) {
	if s.Decided {
		if s.Conflicted {
			return DecideEffect{}, ErrNotPending
		}
		return DecideEffect{}, fmt.Errorf("%s: %w", s.Attempt.Handle(), ErrAlreadyDecided)
	}
	if err := a.Pending(s); err != nil {
		return DecideEffect{}, err
	}
	if err := a.Reviewable(s); err != nil {
		return DecideEffect{}, err
	}
	if err := notBeforeSubmitted(s.Attempt, a.Now); err != nil {
		return DecideEffect{}, err
	}
	d, err := newDecision(s.Attempt, a.ID, a.Now, r, levels, feedback)
	if err != nil {
		return DecideEffect{}, err
	}
	eff := DecideEffect{Decision: d}
	if !s.Sampled {
		eff.Resolution = &Resolution{Decision: d, Entry: HistoryEntry{Action: ActionDecide, By: a.ID, At: a.Now, Decision: d}}
		return eff, nil
	}
	sr := s.Reviews
	if sr.First == nil {
		sr.First = &d
		eff.Reviews = &sr
		return eff, nil
	}
	pair := DoubleReview{Reviews: [2]Decision{*sr.First, d}}
	if !pair.Agree() {
		sr.Second = &d
		eff.Reviews, eff.Disputed = &sr, true
		return eff, nil
	}
	rec := *sr.First
	// Turnaround is the candidate's wait: the answer stood only now.
	rec.DecidedAt = d.DecidedAt
	eff.Resolution = resolvePair(pair, HistoryEntry{Action: ActionAgreed, By: d.Reviewer, At: d.DecidedAt, Decision: rec})
	return eff, nil
}

// notBeforeSubmitted fails with ErrBeforeSubmitted when a decision of
// record on at, a reviewer's or a lead's adjudication, would be made at now,
// before its submission: import takes times a little ahead of the clock
// (FutureSlack), and a clock may be set back, and a decision before the
// submission would be a negative turnaround. A claim gets the same line
// (Claim), as scoring it would come to nothing until then.
func notBeforeSubmitted(at Attempt, now time.Time) error {
	return beforeSubmitted(at, now, ErrBeforeSubmitted, "it can be decided")
}

// beforeSubmitted is err in one line naming at's submitted_at, and what
// can be done from then on, when now is before it; nil otherwise.
func beforeSubmitted(at Attempt, now time.Time, err error, then string) error {
	if now.Before(at.SubmittedAt) {
		return fmt.Errorf("%s: %w (it is dated %s, ahead of this clock: %s from then on)",
			at.Handle(), err, at.SubmittedAt.UTC().Format("2006-01-02 15:04 UTC"), then)
	}
	return nil
}

// newDecision is the decision of reviewer on attempt at, made at now from
// levels and feedback: outcome computed (rule 1), validated (rule 2), its
// feedback naming only criteria of r or OverallKey, as any other would be
// stored and never shown (CheckFeedbackKeys).
func newDecision(at Attempt, reviewer string, now time.Time, r Rubric, levels, feedback map[string]string) (Decision, error) {
	if err := CheckFeedbackKeys(r, feedback); err != nil {
		return Decision{}, err
	}
	return scored(r, Decision{
		Application: at.Application, Attempt: at.Number, Reviewer: reviewer,
		DecidedAt: now, Levels: maps.Clone(levels), Feedback: CleanFeedback(feedback),
		RubricVersion: at.RubricVersion,
	})
}

// resolvePair is the resolution of a double review: both reviews go into
// the history, then rec, the decision of record.
func resolvePair(pair DoubleReview, rec HistoryEntry) *Resolution {
	return &Resolution{Decision: rec.Decision, Pair: &pair, Entry: rec}
}

// CleanFeedback sanitizes feedback for terminals and drops blank entries;
// nil when none is left.
func CleanFeedback(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		if v = Sanitize(v); strings.TrimSpace(v) != "" {
			out[k] = v
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
