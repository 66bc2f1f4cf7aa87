package reviewer

import (
	"errors"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
)

// Messages are named for what happened. Every Backend call below runs inside
// a tea.Cmd, off the UI goroutine, and reports back with one of them.

// queueLoadedMsg carries a fresh queue for filter. creds is nil when the
// credential list was not asked for (it rarely changes).
type queueLoadedMsg struct {
	filter string
	items  []review.QueueItem
	creds  []review.Rubric
	err    error
}

// attemptClaimedMsg means an attempt is leased to this reviewer and should
// open in the review screen. status is shown there first.
type attemptClaimedMsg struct {
	asg    review.Assignment
	status string
	// handedOn: opened after a decision (nextCmd with a status), not
	// chosen from the queue.
	handedOn bool
}

// claimFailedMsg means claiming handle failed, e.g. with review.ErrClaimed.
type claimFailedMsg struct {
	handle string
	err    error
}

// claimReleasedMsg reports the queue's release of the reviewer's own
// claim on handle.
type claimReleasedMsg struct {
	handle string
	err    error
}

// queueEmptyMsg means Next found nothing to review for the filter.
type queueEmptyMsg struct{ status string }

// reviewClosedMsg means the review screen has saved and released its attempt
// and the queue should show again, with status.
type reviewClosedMsg struct{ status string }

// draftTickMsg fires DraftDelay after the first edit of a burst; it saves
// once the last edit is DraftDelay old, else waits again (draft.go).
type draftTickMsg struct {
	key review.AttemptKey
}

// draftSavedMsg reports a SaveDraft of the edits up to seq.
type draftSavedMsg struct {
	key review.AttemptKey
	seq int
	at  time.Time
	err error
}

// draftNotSavedOnQuitMsg means the save before quitting failed, so the
// program did not quit.
type draftNotSavedOnQuitMsg struct{ err error }

// loadQueueCmd fetches the queue (and the credential list when withCreds).
func loadQueueCmd(c *common.Common, filter string, withCreds bool) tea.Cmd {
	return func() tea.Msg {
		msg := queueLoadedMsg{filter: filter}
		if withCreds {
			if msg.creds, msg.err = c.Backend.Credentials(); msg.err != nil {
				return msg
			}
		}
		msg.items, msg.err = c.Backend.Queue(c.Reviewer, filter, queueLimit+queueSpare)
		return msg
	}
}

// claimCmd leases one queue item.
func claimCmd(c *common.Common, it review.QueueItem) tea.Cmd {
	return func() tea.Msg {
		asg, err := c.Backend.Claim(c.Reviewer, it.Key())
		if err != nil {
			return claimFailedMsg{handle: it.Handle(), err: err}
		}
		return attemptClaimedMsg{asg: asg}
	}
}

// releaseCmd gives up the reviewer's own claim on one queue item; the
// draft stays.
func releaseCmd(c *common.Common, it review.QueueItem) tea.Cmd {
	return func() tea.Msg {
		return claimReleasedMsg{handle: review.Sanitize(it.Handle()), err: c.Backend.Release(c.Reviewer, it.Key())}
	}
}

// nextCmd claims the oldest attempt available for filter. status is carried
// to the screen that shows next (e.g. "Recorded PASS for …").
func nextCmd(c *common.Common, filter, status string) tea.Cmd {
	return func() tea.Msg {
		asg, err := c.Backend.Next(c.Reviewer, filter)
		switch {
		case errors.Is(err, review.ErrQueueEmpty):
			if status != "" {
				status += " · "
			}
			if filter != "" {
				// Others may still wait under other credentials.
				return queueEmptyMsg{status: status + "Nothing left to take for this credential: f or F changes the filter"}
			}
			return queueEmptyMsg{status: status + "Nothing left for you to take — nice work"}
		case err != nil:
			return claimFailedMsg{err: err}
		}
		// One the reviewer already held was chosen, here or in another
		// of their sessions: quitting must not give it back.
		return attemptClaimedMsg{asg: asg, status: status, handedOn: status != "" && !asg.Resumed}
	}
}

// releaseThenQuit gives up the lease on key, then quits: the attempt was
// handed on and nothing of it is kept, so nobody needs to wait 30 minutes
// for it. A failed release changes nothing: the lease runs out.
func releaseThenQuit(c *common.Common, key review.AttemptKey) tea.Cmd {
	return func() tea.Msg {
		_ = c.Backend.Release(c.Reviewer, key)
		return tea.QuitMsg{}
	}
}

// saveDraftCmd stores d as the draft of key and reports draftSavedMsg.
func saveDraftCmd(c *common.Common, key review.AttemptKey, seq int, d review.Draft) tea.Cmd {
	return func() tea.Msg {
		err := c.Backend.SaveDraft(c.Reviewer, key, d)
		return draftSavedMsg{key: key, seq: seq, at: d.SavedAt, err: err}
	}
}

// saveThenQuitCmd saves d (when non-nil) and only then quits; a failed save
// keeps the program running so no typed feedback is lost.
func saveThenQuitCmd(c *common.Common, key review.AttemptKey, d *review.Draft) tea.Cmd {
	return func() tea.Msg {
		if d != nil {
			// Set aside (another reviewer holds it now) is kept too.
			if err := c.Backend.SaveDraft(c.Reviewer, key, *d); err != nil && !errors.Is(err, review.ErrDraftAside) {
				return draftNotSavedOnQuitMsg{err: err}
			}
		}
		return tea.QuitMsg{}
	}
}

// leaveStaleCmd goes back to the queue without saving d, the copy on
// screen, which another session's save made stale, or releasing the
// claim, which that session may still be working under. Offered d, the
// store refuses it as changed and stores nothing, but first as not
// pending when the attempt was decided meanwhile: then no draft is left
// to reopen, and the reviewer is told so.
func leaveStaleCmd(c *common.Common, key review.AttemptKey, handle string, d review.Draft) tea.Cmd {
	return func() tea.Msg {
		if err := c.Backend.SaveDraft(c.Reviewer, key, d); errors.Is(err, review.ErrNotPending) {
			return reviewClosedMsg{status: handle + " " + notPending + ": your draft was not kept"}
		}
		return reviewClosedMsg{status: "Left " + handle + " unsaved: reopen it for the draft saved in the other session"}
	}
}

// closeReviewCmd saves d (when non-nil), releases the lease and reports
// reviewClosedMsg, in that order, so the queue reloads without the lease.
func closeReviewCmd(c *common.Common, key review.AttemptKey, handle string, d *review.Draft) tea.Cmd {
	return func() tea.Msg {
		status := ""
		if d != nil {
			err := c.Backend.SaveDraft(c.Reviewer, key, *d)
			switch {
			case errors.Is(err, review.ErrDraftAside):
				// Another reviewer holds it now: nothing to release.
				return reviewClosedMsg{status: keptAside(handle, err)}
			case errors.Is(err, review.ErrNotPending):
				// Decided meanwhile: the draft went with the claim.
				return reviewClosedMsg{status: handle + " " + notPending + ": your draft was not kept"}
			case err != nil:
				// Keep the lease: the draft is still on screen to retry.
				return draftSavedMsg{key: key, seq: -1, err: err}
			}
			status = "Draft saved"
		}
		if err := c.Backend.Release(c.Reviewer, key); err != nil {
			status = "Could not release the attempt (" + err.Error() + "); it frees itself in 30 minutes"
		}
		return reviewClosedMsg{status: status}
	}
}
