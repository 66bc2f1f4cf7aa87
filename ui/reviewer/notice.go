package reviewer

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/components/overlay"
)

// A lead may change the attempt on screen (common.AttemptChangedMsg): a
// redaction must leave the screen at once, not when the reviewer next
// opens the attempt, and a reviewer whose claim a lead ended is told
// before they work on.

// evidenceReadMsg is the attempt read again after a lead changed it.
type evidenceReadMsg struct {
	key review.AttemptKey
	asg review.Assignment
	err error
	why string // the status line once it shows: what the lead changed
}

// readEvidenceCmd reads the open attempt again, as reviewers read it now.
// Claim renews the reviewer's own lease and returns the attempt with the
// earlier ones (whose text the diff and history show).
func readEvidenceCmd(c *common.Common, key review.AttemptKey, why string) tea.Cmd {
	return func() tea.Msg {
		a, err := c.Backend.Claim(c.Reviewer, key)
		return evidenceReadMsg{key: key, asg: a, err: err, why: why}
	}
}

// noticed handles what a lead did to an attempt of the application on
// screen.
func (r *reviewModel) noticed(n review.AttemptNotice) tea.Cmd {
	if n.Key.Application != r.key.Application || r.closing {
		return nil
	}
	if n.Released && n.Key == r.key && n.Holder == r.c.Reviewer {
		r.released = true
		what := "A lead released your claim on " + r.handle
		if n.KeyRemoved {
			what = "Your claim on " + r.handle + " was released as one of your keys was removed"
		}
		r.setStatus(what+": work on to take it back, or esc; your draft is kept", true)
	}
	if n.Decided && n.Key == r.key && n.Holder == r.c.Reviewer && !r.settled {
		r.settle("was decided meanwhile (its decision was imported)")
	}
	switch {
	case n.Evidence:
		return readEvidenceCmd(r.c, r.key, "A lead redacted or released part of this evidence: it shows as reviewers read it now.")
	case n.Amended && n.Key.Attempt < r.key.Attempt:
		return readEvidenceCmd(r.c, r.key, fmt.Sprintf("A lead amended the decision on attempt %d: its feedback shows as it reads now.", n.Key.Attempt))
	}
	return nil
}

// evidenceRead shows the attempt as it reads now. Open files and history
// go, as they may show what was redacted; levels, feedback and the
// evidence's scroll position stay.
func (r *reviewModel) evidenceRead(msg evidenceReadMsg) {
	if msg.key != r.key {
		return
	}
	if msg.err != nil {
		// It cannot be shown as it reads now: show nothing of it.
		r.asg.Attempt.Parts, r.asg.Attempt.Note, r.asg.Previous = nil, "", nil
		r.evidence = r.evidence.Replace(r.asg)
		r.overlays = overlay.Stack{}
		r.setStatus("A lead changed this attempt's evidence and it could not be read again ("+msg.err.Error()+"): esc to go back.", true)
		return
	}
	r.asg.Attempt, r.asg.Previous = msg.asg.Attempt, msg.asg.Previous
	r.evidence = r.evidence.Replace(r.asg)
	r.keys.Files.SetEnabled(hasStoredFiles(r.asg.Attempt))
	r.overlays = overlay.Stack{}
	r.setStatus(msg.why, false)
}
