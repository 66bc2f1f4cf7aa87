package review

import "time"

// Report is the whole of `assessor report --format json` (docs/formats.md §3).
// Groups are sorted by their key.
type Report struct {
	Overall      Figures         `json:"overall"`
	ByCredential []CredentialRow `json:"by_credential"`
	ByStack      []StackRow      `json:"by_stack"`
	ByReviewer   []ReviewerRow   `json:"by_reviewer"`
	ByMonth      []MonthRow      `json:"by_month"`
	Criteria     []CriterionRow  `json:"criteria"`
	// Fairness is present only when asked for (report --fairness): it
	// reads every covered application's vault entry (fairness.go).
	Fairness *Fairness `json:"fairness,omitempty"`
	// Consistency is present only when asked for (report --consistency;
	// consistency.go).
	Consistency *Consistency `json:"consistency,omitempty"`
}

// CredentialRow is one credential's figures.
type CredentialRow struct {
	Credential string `json:"credential"`
	Title      string `json:"title"`
	Stack      string `json:"stack"`
	Figures
}

// StackRow is one stack's figures, and how many candidates have completed
// it: passed every credential whose latest rubric names the stack. In a
// report filtered by date only the passes of the filtered applications
// count.
type StackRow struct {
	Stack string `json:"stack"`
	Figures
	StacksCompleted int64 `json:"stacks_completed"`
}

// MonthRow is the figures of the applications whose attempt 1 was submitted
// in Month (UTC, YYYY-MM).
type MonthRow struct {
	Month string `json:"month"`
	Figures
}

// ReviewerRow is one reviewer's decisions of record, and how their
// double-reviewed attempts compared with the other review or the lead's
// adjudication (Agreement: fraction agreeing in outcome; Kappa: Cohen's
// kappa over criterion levels). Both are null below MinComparisons.
type ReviewerRow struct {
	Reviewer             string   `json:"reviewer"`
	Decisions            int64    `json:"decisions"`
	PassRate             *float64 `json:"pass_rate"`
	MedianTurnaroundDays *float64 `json:"median_turnaround_days"`
	Agreement            *float64 `json:"agreement"`
	Kappa                *float64 `json:"kappa"`
	// Passes is how many of Decisions are passes, for tables that show
	// PassRate rounded once (PassShare); the report's JSON has the rate.
	Passes int64 `json:"-"`
	// Agreed of Compared double-reviewed attempts agreed in outcome, and
	// KappaExact is Kappa unrounded, so that tables round them once
	// (AgreementShare, KappaShown); the report's JSON has the figures.
	Agreed, Compared int64    `json:"-"`
	KappaExact       *float64 `json:"-"`
}

// PassShare is the pass rate formatted from its counts (FormatShare).
func (r ReviewerRow) PassShare() string { return FormatShare(r.Passes, r.Decisions) }

// AgreementShare is the agreement formatted from its counts: 6 of 11 is
// 54.5%, where the report's 0.5455 would show 54.6%.
func (r ReviewerRow) AgreementShare() string {
	if r.Agreement == nil || r.Compared == 0 {
		return FormatRate(r.Agreement)
	}
	return FormatShare(r.Agreed, r.Compared)
}

// KappaShown is the kappa with two decimals rounded once: −0.25503… is
// −0.26, where the report's −0.2550 would show −0.25.
func (r ReviewerRow) KappaShown() string { return kappaShown(r.KappaExact, r.Kappa) }

// kappaShown formats exact, the unrounded kappa, or else rounded, the
// report's, when the first is not at hand.
func kappaShown(exact, rounded *float64) string {
	if exact != nil {
		return FormatFigure(exact)
	}
	return FormatFigure(rounded)
}

// CriterionRow is how often one criterion of one credential was scored
// below the passing level.
type CriterionRow struct {
	Credential string   `json:"credential"`
	Criterion  string   `json:"criterion"`
	Scored     int64    `json:"scored"`
	NotYet     int64    `json:"not_yet"`
	NotYetRate *float64 `json:"not_yet_rate"`
}

// Month is the report month of a time: UTC, YYYY-MM.
func Month(t time.Time) string { return t.UTC().Format("2006-01") }

// GroupKind names a family of application groups.
type GroupKind string

// The application groups of a report; reviewers and criteria are counted
// per decision, not per application, and have tallies of their own.
const (
	GroupOverall    GroupKind = "overall"
	GroupCredential GroupKind = "credential"
	GroupStack      GroupKind = "stack"
	GroupMonth      GroupKind = "month"
)

// Group is one row's key, e.g. {GroupMonth, "2024-02"}.
type Group struct {
	Kind GroupKind
	Key  string
}

// ApplicationGroups lists the groups an application counts in: overall, its
// credential, its credential's stack (if any) and the month its attempt 1
// was submitted.
func ApplicationGroups(credential, stack string, firstSubmitted time.Time) []Group {
	gs := []Group{{GroupOverall, ""}, {GroupCredential, credential}, {GroupMonth, Month(firstSubmitted)}}
	if stack != "" {
		gs = append(gs, Group{GroupStack, stack})
	}
	return gs
}

// ReviewerTally is the running count behind one ReviewerRow.
type ReviewerTally struct {
	Decisions int64 `json:"decisions"`
	Passes    int64 `json:"passes"`
}

// Decided counts (sign +1) or takes back (−1) one decision.
func (t *ReviewerTally) Decided(o Outcome, sign int) {
	t.Decisions += int64(sign)
	if o == Pass {
		t.Passes += int64(sign)
	}
}

// CriterionTally is the running count behind one CriterionRow.
type CriterionTally struct {
	Scored int64 `json:"scored"`
	NotYet int64 `json:"not_yet"`
}

// Decided counts (sign +1) or takes back (−1) one level given to the
// criterion.
func (t *CriterionTally) Decided(notYet bool, sign int) {
	t.Scored += int64(sign)
	if notYet {
		t.NotYet += int64(sign)
	}
}
