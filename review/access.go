package review

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Access rules: which attempts one reviewer may see, take, save a draft of
// and decide (rules 6 and 7, calibration and the second reviewer's
// exclusion). The store reads an Actor and an AttemptState inside its
// transaction and asks these functions; they never read anything else.

// Lease is a reviewer's claim on an attempt (rule 6), live until Expires.
type Lease struct {
	Reviewer string
	Expires  time.Time
}

// LiveFor reports whether someone other than reviewer holds the lease at
// now: two reviewers never hold the same attempt.
func (l Lease) LiveFor(reviewer string, now time.Time) bool {
	return l.Reviewer != "" && l.Reviewer != reviewer && l.Expires.After(now)
}

// Holds reports whether reviewer holds the lease, live at now.
func (l Lease) Holds(reviewer string, now time.Time) bool {
	return l.Reviewer == reviewer && l.Expires.After(now)
}

// Actor is the person asking, as the access rules see them: their id
// (empty for the lead dashboard's anonymous queue read), their stored
// profile (zero when unknown: no conflicts, role reviewer), the time of the
// request, and, where the step checks calibration, their calibration
// standing.
type Actor struct {
	ID          string
	Who         Reviewer
	Now         time.Time
	Calibration CalibrationStanding
}

// CalibrationStanding is what the calibration gate needs to know about an
// actor: the policy and, when it applies to them (CalibrationApplies), the
// examples and their responses.
type CalibrationStanding struct {
	Policy    CalibrationPolicy
	Examples  map[AttemptKey]CalibrationExample // those they may score
	Withheld  int                               // examples left out: decided by them, or conflicted
	Responses []CalibrationResponse
}

// CalibrationExempt reports whether the calibration gate never applies to
// the actor: leads and admins, and the anonymous reader. The store reads
// no calibration data for them.
func (a Actor) CalibrationExempt() bool { return a.ID == "" || a.Who.CanLead() }

// RequireCalibrated is the calibration gate of live review: when the
// program requires calibration, an actor who is not exempt and not
// calibrated gets ErrCalibrateFirst.
func (a Actor) RequireCalibrated() error {
	c := a.Calibration
	if a.CalibrationExempt() || !c.Policy.Required {
		return nil
	}
	if s := ScoreCalibration(a.ID, c.Examples, c.Withheld, c.Responses, c.Policy); !s.Calibrated {
		// Why, in calibrate's own last line: "calibrate first" alone left
		// the reviewer to find out what it takes. A Mend, so that the
		// local screen names calibrate with the reviewer's --db and --as.
		return &Mend{Args: "calibrate", Err: fmt.Errorf("%w; %s", ErrCalibrateFirst, strings.TrimPrefix(s.Standing(c.Policy), "calibration: "))}
	}
	return nil
}

// AttemptState is what the access rules need to know about one attempt.
type AttemptState struct {
	Key        AttemptKey
	Stored     bool    // the attempt exists
	Attempt    Attempt // its head, without evidence; zero unless Stored
	Decided    bool    // it has a decision of record
	Conflicted bool    // Conflicts(actor's profile, its candidate): rule 7
	Lease      Lease   // its lease, live or not; zero when none
	Sampled    bool    // it awaits a second review or adjudication
	Reviews    SecondReview
}

// Conflicts reports whether the candidate is in a district or state the
// reviewer declared a conflict with, as SameDistrict and SameState compare
// them (rule 7: "Hilo Complex Area" is "Hilo", "Hawaii" is "HI"). The answer is all a caller may learn from the candidate.
func Conflicts(r Reviewer, c Candidate) bool {
	return matchesAny(c.District, r.ConflictDistricts, SameDistrict) || matchesAny(c.State, r.ConflictStates, SameState)
}

// HasConflicts reports whether the reviewer declared any conflict, so the
// store reads a candidate only when Conflicts could say yes.
func (r Reviewer) HasConflicts() bool {
	return len(r.ConflictDistricts) > 0 || len(r.ConflictStates) > 0
}

// SameConflicts reports whether a and b declared the same conflicts of
// interest, as Conflicts compares them: in any order, "Hilo" and "hilo
// complex area" one district, "HI" and "Hawaii" one state.
func SameConflicts(a, b Reviewer) bool {
	norm := func(vs []string, key func(string) string) []string {
		out := make([]string, 0, len(vs))
		for _, v := range vs {
			out = append(out, key(v))
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	state := func(s string) string {
		if code, ok := StateCode(s); ok {
			return code
		}
		return strings.ToLower(strings.TrimSpace(s))
	}
	// Both keys: "OFallon" and "O'Fallon" share DistrictKey, but only the
	// second conflicts with "O Fallon" too.
	district := func(s string) string {
		key, split := districtKeys(s)
		return key + "\x00" + split
	}
	return slices.Equal(norm(a.ConflictDistricts, district), norm(b.ConflictDistricts, district)) &&
		slices.Equal(norm(a.ConflictStates, state), norm(b.ConflictStates, state))
}

// ConflictsText is the reviewer's conflicts of interest on one line
// ("districts: Hilo; states: HI"), "" for none.
func (r Reviewer) ConflictsText() string {
	var parts []string
	if len(r.ConflictDistricts) > 0 {
		ds := make([]string, len(r.ConflictDistricts))
		for i, d := range r.ConflictDistricts {
			// One district named with a comma reads as two unquoted.
			if ds[i] = d; strings.ContainsAny(d, `,;"`) {
				ds[i] = strconv.Quote(d)
			}
		}
		parts = append(parts, "districts: "+strings.Join(ds, ", "))
	}
	if len(r.ConflictStates) > 0 {
		parts = append(parts, "states: "+strings.Join(r.ConflictStates, ", "))
	}
	return strings.Join(parts, "; ")
}

func matchesAny(v string, list []string, same func(a, b string) bool) bool {
	v = strings.TrimSpace(v)
	if v == "" {
		return false
	}
	for _, x := range list {
		if same(v, x) {
			return true
		}
	}
	return false
}

// ReviewedFirst reports whether the actor gave the attempt's first review,
// which keeps it from them: the second review must be someone else's.
func (a Actor) ReviewedFirst(s AttemptState) bool {
	return s.Sampled && s.Reviews.First != nil && s.Reviews.First.Reviewer == a.ID
}

// Disputed reports whether the attempt's two reviews disagree: it waits
// for a lead, out of the queue.
func (s AttemptState) Disputed() bool { return s.Sampled && s.Reviews.Disputed() }

// Listed reports whether a queued attempt shows in the actor's queue: not
// from a candidate they have a conflict with (left out without a trace,
// rule 7), not one whose first review they gave, not one waiting for a
// lead; and whether it shows as claimed, under another reviewer's live
// lease (rule 6). It reads only Conflicted, Sampled, Reviews and Lease of s.
func (a Actor) Listed(s AttemptState) (listed, claimed bool) {
	if s.Conflicted || a.ReviewedFirst(s) || s.Disputed() {
		return false, false
	}
	return true, s.Lease.LiveFor(a.ID, a.Now)
}

// Offered reports whether Next may hand the actor a queued attempt: Listed
// and not claimed by someone else.
func (a Actor) Offered(s AttemptState) bool {
	listed, claimed := a.Listed(s)
	return listed && !claimed
}

// Pending checks that the attempt awaits a decision and the actor may take
// it. An unknown, decided or conflicted attempt is ErrNotPending alike, so
// the error tells nothing about the candidate, as is one whose two reviews
// disagree: it waits for a lead, and a third review would settle or
// replace the second. Another reviewer's live lease is ErrClaimed.
func (a Actor) Pending(s AttemptState) error {
	switch {
	case !ValidID(s.Key.Application) || s.Key.Attempt < 1 || !s.Stored:
		return ErrNotPending
	case s.Decided, s.Conflicted, s.Disputed():
		return fmt.Errorf("%s: %w", s.Attempt.Handle(), ErrNotPending)
	case s.Lease.LiveFor(a.ID, a.Now):
		return fmt.Errorf("%s: %w", s.Attempt.Handle(), ErrClaimed)
	}
	return nil
}

// Reviewable is the review-quality gate on one attempt: calibration (when
// required) and the first reviewer's exclusion, which is ErrNotPending
// like any attempt the actor may not take.
func (a Actor) Reviewable(s AttemptState) error {
	if err := a.RequireCalibrated(); err != nil {
		return err
	}
	if a.ReviewedFirst(s) {
		return ErrNotPending
	}
	return nil
}

// Claim checks that the actor may take the attempt (Pending, then
// Reviewable, then submitted by now: Submitted) and returns the lease to
// write: theirs, for LeaseDuration from now, new or renewed.
func Claim(a Actor, s AttemptState) (Lease, error) {
	if err := a.Pending(s); err != nil {
		return Lease{}, err
	}
	if err := a.Reviewable(s); err != nil {
		return Lease{}, err
	}
	// Scored now, it could not be decided until then: refused up front,
	// in the line the decision would get.
	if err := notBeforeSubmitted(s.Attempt, a.Now); err != nil {
		return Lease{}, err
	}
	return a.lease(), nil
}

// Submitted reports whether an attempt submitted at submittedAt may be
// claimed and decided at the actor's now (notBeforeSubmitted): Next passes
// by one dated ahead of the clock.
func (a Actor) Submitted(submittedAt time.Time) bool { return !a.Now.Before(submittedAt) }

// SaveDraft checks that the actor may keep working on the attempt
// (Pending: no calibration check, so work in hand is never lost; not after
// their first review of it, ErrNotPending) and
// returns the draft stamped with now and the renewed lease to write.
// When another reviewer holds the attempt now, the draft is still returned,
// to keep without a lease, with ErrDraftAside: a reviewer whose claim a
// lead released must not be stuck with work they cannot put down. A
// feedback field over MaxFeedback is refused first (ErrFeedbackTooLong).
// A copy older than stored, the draft stored now, is refused last
// (Draft.Over: ErrDraftChanged); the draft returned is one revision past
// stored.
func SaveDraft(a Actor, s AttemptState, stored, d Draft) (Draft, Lease, error) {
	if err := CheckFeedbackLength(d.Feedback); err != nil {
		return Draft{}, Lease{}, err
	}
	aside := a.Pending(s)
	if aside != nil && !errors.Is(aside, ErrClaimed) {
		return Draft{}, Lease{}, aside
	}
	if a.ReviewedFirst(s) {
		// Their first review is recorded: a save landing after it (a
		// timed save, another session's) would claim the attempt from
		// its second reviewer.
		return Draft{}, Lease{}, fmt.Errorf("%s: %w", s.Attempt.Handle(), ErrNotPending)
	}
	d, err := d.Over(stored, s.Attempt.Handle())
	if err != nil {
		return Draft{}, Lease{}, err
	}
	d.SavedAt = a.Now
	if aside != nil {
		return d, Lease{}, fmt.Errorf("%s: %w", s.Attempt.Handle(), ErrDraftAside)
	}
	return d, a.lease(), nil
}

// Resume picks, among attempts the actor holds a live lease on (mine), the
// one Next gives back before any other: still pending and reviewable,
// submitted by now (Submitted: the clock may be set back since the claim),
// of credential when it is not "", oldest submitted first; none when no such
// attempt. After a dropped connection a reviewer thus gets back the attempt
// they were in the middle of instead of leaving it held until its lease
// runs out. Errors other than the attempt being unavailable, such as
// ErrCalibrateFirst, are returned.
func Resume(a Actor, mine []AttemptState, credential string) (key AttemptKey, ok bool, err error) {
	var best *Attempt
	for i := range mine {
		s := &mine[i]
		if a.Pending(*s) != nil || !a.Submitted(s.Attempt.SubmittedAt) || credential != "" && s.Attempt.Credential != credential {
			continue
		}
		if err := a.Reviewable(*s); errors.Is(err, ErrNotPending) {
			continue
		} else if err != nil {
			return AttemptKey{}, false, err
		}
		if best == nil || s.Attempt.SubmittedAt.Before(best.SubmittedAt) {
			best = &s.Attempt
		}
	}
	if best == nil {
		return AttemptKey{}, false, nil
	}
	return best.Key(), true, nil
}

// Releases reports whether the reviewer's release ends lease l: only its
// holder's does; anyone else's release leaves it be.
func (l Lease) Releases(reviewer string) bool { return l.Reviewer == reviewer }

// ClaimSeen is what the actor's queue shows about s's lease while it is
// live: who holds it (the actor included), until when, and whether it is
// the actor's own. Reviewer ids are no vault data, so others may see who
// is reviewing; but an attempt awaiting its second, blind review shows a
// claim without a name, so that neither reviewers nor the lead who may
// adjudicate learn who gave which review. A lapsed lease shows nothing.
func (a Actor) ClaimSeen(s AttemptState) (holder string, until time.Time, mine bool) {
	l := s.Lease
	if l.Reviewer == "" || !l.Expires.After(a.Now) {
		return "", time.Time{}, false
	}
	if l.Reviewer == a.ID {
		return l.Reviewer, l.Expires, true
	}
	if s.Sampled {
		return "", l.Expires, false
	}
	return l.Reviewer, l.Expires, false
}

// ReleaseRecord is a lead ending someone else's claim: who, when, why,
// whose claim on which attempt, and until when it would have run. Records
// are only ever appended. Its JSON is the stored form.
type ReleaseRecord struct {
	At          time.Time `json:"at"`
	Lead        string    `json:"lead"`
	Application string    `json:"application"`
	Pseudonym   string    `json:"pseudonym"`
	Attempt     int       `json:"attempt"`
	Holder      string    `json:"holder"`
	Until       time.Time `json:"until"`
	Reason      string    `json:"reason"`
	// Blind is a claim on an attempt sampled for a blind double review,
	// in its first review or its second: shown without the holder
	// (HolderSeen), as the queues show it.
	Blind bool `json:"blind,omitempty"`
}

// HolderSeen is whose claim the release ended, as leads see it: the holder
// of either review of a blind double review stays unnamed, so that the lead who may
// adjudicate does not learn who gave which review (ClaimSeen).
func (r ReleaseRecord) HolderSeen() string {
	if r.Blind {
		return "a reviewer of its blind double review"
	}
	return r.Holder
}

// AuditClaimReleased is the audit action of a lead ending someone's claim
// (AuditRecord.Action), the release log's record in the audit log too.
const AuditClaimReleased = "claim released"

// Audit is r as the audit log lists it: the attempt and whose claim, as
// leads see it.
func (r ReleaseRecord) Audit() AuditRecord {
	return AuditRecord{At: r.At, Lead: r.Lead, Application: r.Application, Pseudonym: r.Pseudonym, Reason: r.Reason,
		Action: AuditClaimReleased, Subject: r.Handle() + " from " + r.HolderSeen()}
}

// Handle is the attempt's reviewer-facing name, e.g. "DF-7KQ2#2".
func (r ReleaseRecord) Handle() string { return fmt.Sprintf("%s#%d", r.Pseudonym, r.Attempt) }

// Release is a lead ending the live claim on a pending attempt, whoever
// holds it (a reviewer who left with q, or who is gone), so others may take
// it; the holder's draft stays. The lead must be one (ErrNotLead) and give
// a reason (ErrNoReason); an unknown or decided attempt is ErrNotPending and
// one nobody holds is ErrNotClaimed. It returns the record to append in the
// same transaction as the lease is deleted. A reviewer ending their own
// claim needs no rule beyond Lease.Releases and leaves no record.
func Release(lead Actor, s AttemptState, reason string) (ReleaseRecord, error) {
	if !lead.Who.CanLead() {
		return ReleaseRecord{}, fmt.Errorf("reviewer %s has role %s: %w", lead.ID, lead.Who.Role, ErrNotLead)
	}
	reason, err := Reason(reason)
	if err != nil {
		return ReleaseRecord{}, err
	}
	switch {
	case !s.Stored:
		return ReleaseRecord{}, ErrNotPending
	case s.Decided:
		return ReleaseRecord{}, fmt.Errorf("%s: %w", s.Attempt.Handle(), ErrNotPending)
	case s.Lease.Reviewer == "" || !s.Lease.Expires.After(lead.Now):
		return ReleaseRecord{}, fmt.Errorf("%s: %w", s.Attempt.Handle(), ErrNotClaimed)
	}
	return ReleaseRecord{
		At: lead.Now, Lead: lead.ID, Application: s.Key.Application, Pseudonym: s.Attempt.Pseudonym,
		Attempt: s.Key.Attempt, Holder: s.Lease.Reviewer, Until: s.Lease.Expires, Reason: reason, Blind: s.Sampled,
	}, nil
}

// lease is the actor's lease from now.
func (a Actor) lease() Lease { return Lease{Reviewer: a.ID, Expires: a.Now.Add(LeaseDuration)} }
