package review

import (
	"cmp"
	"slices"
	"time"
)

// DrillFilter picks the attempts behind one row of the lead dashboard: a
// credential's attempts, those a reviewer decided (decision of record), or
// a credential's decided attempts scored on one criterion. Empty fields
// do not filter.
type DrillFilter struct {
	Credential string
	Reviewer   string
	Criterion  string // with Credential: attempts whose decision scored it
}

// DrillRow is one attempt behind a dashboard row, as a lead sees it: its
// handle and dates, never an application id or the candidate's identity.
type DrillRow struct {
	Key         AttemptKey // to open the attempt's history; never shown
	Handle      string
	Credential  string
	SubmittedAt time.Time
	Outcome     Outcome // "" while pending
	DecidedAt   time.Time
	Reviewer    string
	Level       string // the criterion's level, with DrillFilter.Criterion
}

// Pending reports whether the attempt has no decision of record yet.
func (r DrillRow) Pending() bool { return r.Outcome == "" }

// TurnaroundDays is submitted to decided, or to now while pending.
func (r DrillRow) TurnaroundDays(now time.Time) float64 {
	end := r.DecidedAt
	if r.Pending() {
		end = now
	}
	return DurationDays(end.Sub(r.SubmittedAt))
}

// DrillRowOf is attempt n of app (submitted at) with its decision of
// record d (nil while pending) as a DrillRow, and whether f keeps it.
func (f DrillFilter) DrillRowOf(app Application, n int, submitted time.Time, d *Decision) (DrillRow, bool) {
	row := DrillRow{Key: AttemptKey{app.ID, n}, Handle: Attempt{Pseudonym: app.Pseudonym, Number: n}.Handle(),
		Credential: app.Credential, SubmittedAt: submitted}
	if d != nil {
		row.Outcome, row.DecidedAt, row.Reviewer = d.Outcome, d.DecidedAt, d.Reviewer
		row.Level = d.Levels[f.Criterion]
	}
	switch {
	case f.Credential != "" && app.Credential != f.Credential:
		return row, false
	case f.Reviewer != "" && (d == nil || d.Reviewer != f.Reviewer):
		return row, false
	case f.Criterion != "" && row.Level == "":
		return row, false
	}
	return row, true
}

// SortDrillRows puts pending attempts first, oldest submitted first (the
// ones waiting longest), then decided ones, latest decided first.
func SortDrillRows(rows []DrillRow) {
	slices.SortStableFunc(rows, func(a, b DrillRow) int {
		switch {
		case a.Pending() != b.Pending():
			if a.Pending() {
				return -1
			}
			return 1
		case a.Pending():
			return cmp.Or(a.SubmittedAt.Compare(b.SubmittedAt), cmp.Compare(a.Handle, b.Handle))
		}
		return cmp.Or(b.DecidedAt.Compare(a.DecidedAt), cmp.Compare(a.Handle, b.Handle))
	})
}

// AttemptLog is one attempt of an application as a lead's history shows
// it: its dates, its decision of record (nil while pending) and every
// change to that decision, oldest first. It carries no evidence and no
// identity.
type AttemptLog struct {
	Handle      string
	SubmittedAt time.Time
	Decision    *Decision
	History     []HistoryEntry
}
