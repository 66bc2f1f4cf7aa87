// Package common is what every assessor screen shares: the backend
// interfaces the store implements, the program options, the shared
// context each screen reads (Common), the messages a server sends in,
// and the layout helpers that keep a view inside the terminal.
package common

import (
	"time"

	"assessor/review"
)

// Backend is everything the reviewer screens need from the store. The store
// package implements it; tests may use a fake. Methods may be called from
// tea.Cmds on other goroutines and must be safe for concurrent use.
type Backend interface {
	// Credentials lists the latest version of every rubric, sorted by id.
	Credentials() ([]review.Rubric, error)
	// Queue lists up to limit pending attempts the reviewer may take, oldest
	// submitted first, optionally only for one credential ("" for all).
	// Attempts leased to other reviewers are included with Claimed set.
	Queue(reviewer, credential string, limit int) ([]review.QueueItem, error)
	// Next claims the oldest pending attempt the reviewer may take (not
	// leased to someone else, no conflict of interest), optionally only for
	// one credential. It fails with review.ErrQueueEmpty when there is none.
	Next(reviewer, credential string) (review.Assignment, error)
	// Claim leases the attempt to the reviewer (renewing their own lease) and
	// returns it with its rubric, the reviewer's draft and earlier attempts.
	// It fails with review.ErrClaimed when another reviewer holds a live lease.
	Claim(reviewer string, key review.AttemptKey) (review.Assignment, error)
	// SaveDraft stores the reviewer's partial scoring and renews the lease.
	// It fails with review.ErrDraftChanged as DecideDraft does.
	SaveDraft(reviewer string, key review.AttemptKey, d review.Draft) error
	// Release gives up the lease, keeping the draft.
	Release(reviewer string, key review.AttemptKey) error
	// DecideDraft records the decision of record (rules 1–3) that the
	// levels and feedback of d, the screen's copy of the draft, make, in
	// one transaction, removes the attempt from the queue and deletes the
	// draft. It fails with review.ErrDraftChanged when another session
	// saved the draft since d was read (d.Revision, d.Session).
	DecideDraft(reviewer string, key review.AttemptKey, d review.Draft) (review.Decision, error)
	// Snippets returns one criterion's comment bank as the reviewer sees
	// it: shared snippets first, then the reviewer's own, each newest first.
	Snippets(reviewer, credential, criterion string) ([]review.Snippet, error)
	// SaveSnippet adds a snippet and returns it with its ID and CreatedAt.
	// It is the reviewer's own unless Owner is "" and the reviewer is a lead
	// or admin, which makes it shared; a plain reviewer asking for a shared
	// snippet gets an error.
	SaveSnippet(reviewer string, s review.Snippet) (review.Snippet, error)
	// Attachment returns the bytes of the evidence file with the given hash
	// (review.Attachment.Hash) listed by the attempt key. The reviewer must
	// hold a live lease on that attempt or on a later attempt of the same
	// application, so a resubmission's reviewer can open the files of the
	// attempts before it; any other request fails. Files may be large:
	// call it from a tea.Cmd.
	Attachment(reviewer string, key review.AttemptKey, hash string) ([]byte, error)
}

// Clock lets tests fix "now" for days-waiting figures.
type Clock func() time.Time

// LeadBackend is what the lead dashboard reads. The store implements it.
type LeadBackend interface {
	// Report is docs/formats.md §3's report over applications whose attempt 1
	// was submitted in [since, until); zero times mean no bound.
	Report(since, until time.Time) (review.Report, error)
	// TurnaroundDays counts decided attempts by whole days of turnaround:
	// index d counts turnarounds in [d, d+1) days, and the last index
	// counts every longer one.
	TurnaroundDays() ([]int64, error)
	// StackProgress tells, per stack, how many candidates have earned
	// 1, 2, … of its credentials.
	StackProgress() ([]review.StackProgress, error)
	// OldestPending lists up to limit pending attempts, oldest submitted
	// first: the queue as a reviewer with no conflicts would see it and
	// the attempts whose two reviews disagree, waiting for a lead, marked
	// Disputed. The dashboard lists overdue attempts from it.
	OldestPending(limit int) ([]review.QueueItem, error)
	// PendingBefore counts the pending attempts submitted before t, for
	// the overdue count beyond the attempts OldestPending lists: those
	// whose two reviews disagree, waiting for a lead, too.
	PendingBefore(t time.Time) (int64, error)
	// DrillDown lists up to limit of the attempts behind a credential,
	// reviewer or criterion row (review.SortDrillRows's order), by handle
	// only, and how many there are in all.
	DrillDown(f review.DrillFilter, limit int) ([]review.DrillRow, int, error)
	// AttemptLogs is the history of attempt key's application: each
	// attempt, its decision of record and every change to it.
	AttemptLogs(key review.AttemptKey) ([]review.AttemptLog, error)
	// Fairness is the report's fairness section (`report --fairness`) over
	// applications whose attempt 1 was submitted in [since, until): small
	// groups already suppressed, vault values only as group labels.
	Fairness(since, until time.Time) (review.Fairness, error)
}

// AdjudicationBackend is what the lead's adjudication screen needs. The
// store implements it; methods run in tea.Cmds and must be safe for
// concurrent use.
type AdjudicationBackend interface {
	// Disputes lists the attempts whose two reviews disagree, oldest
	// first, with both reviews (no reviewer ids).
	Disputes(lead string) ([]review.Dispute, error)
	// Adjudicate makes the lead's levels and feedback the decision of
	// record of a disputed attempt.
	Adjudicate(lead string, key review.AttemptKey, levels, feedback map[string]string) (review.Decision, error)
}

// CalibrationBackend is what calibration mode reads beyond Backend: after
// each example, its reference levels beside the reviewer's and their
// standing so far. The store's calibration session implements it; a
// Backend without it simply shows no comparison.
type CalibrationBackend interface {
	// CalibrationFeedback fails until the reviewer has scored the example.
	CalibrationFeedback(reviewer string, key review.AttemptKey) (review.CalibrationFeedback, error)
}

// FlagBackend is what the lead's flag screen (ui/leaks) needs: the same
// store functions `assessor leaks` and its show/redact/clear subcommands
// call, so each read and action is checked and audited the same way.
// Methods run in tea.Cmds and must be safe for concurrent use.
type FlagBackend interface {
	// Flagged lists every attempt with open flags, by handle, each with
	// the key the screen reads and works it by.
	Flagged() ([]review.FlaggedAttempt, error)
	// FlagReport reads an attempt's flags in context for lead, with
	// reason; the read is audited.
	FlagReport(lead string, key review.AttemptKey, reason string) (review.FlagReport, error)
	// WorkFlag redacts or clears (review.FlagRedact, FlagClear) open flag
	// n as FlagReport numbers it, audited, and returns the flags as it
	// left them (that read is the action's: no second audit record).
	// seen is flag n as the lead read it: another now fails with
	// review.ErrFlagsChanged.
	WorkFlag(lead string, key review.AttemptKey, n int, seen *review.FlagSpan, action, reason string) (review.FlagReport, error)
	// ReleaseFile gives reviewers redacted file id ("f1") as submitted,
	// audited as a release of that file, and returns the flags as WorkFlag does.
	ReleaseFile(lead string, key review.AttemptKey, id string, seen *review.RedactedFile, reason string) (review.FlagReport, error)
}
