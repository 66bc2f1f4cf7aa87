package reviewer

import (
	"errors"
	"maps"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
)

// Drafts (rule 6): every edit bumps seq; the draft is saved once typing
// has paused for DraftDelay, or has gone on for maxWaits of them, so a
// burst of typing costs one save. savedSeq
// is the newest edit the store has, so "dirty" is simply seq != savedSeq.
//
// One tick is pending at most (debounce): a tick per key would wake the
// program, update and redraw the screen once more for every key typed, for
// nothing (under serve, a quarter of all frames at 200 sessions).

// maxWaits bounds a burst: a reviewer typing steadily, never pausing for
// DraftDelay (a key every 300 ms is human), still has a draft saved every
// maxWaits delays, so a crash loses seconds of typing, not minutes.
const maxWaits = 10

// debounce times the draft save: when the burst's first and last edits
// were, and whether a tick is on its way. It reads the real clock, not
// Options.Now (tests fix that one), since it measures a pause in typing.
type debounce struct {
	first, last time.Time
	pending     bool
}

// edit notes an edit at now and reports whether a tick must be started:
// none is on its way.
func (d *debounce) edit(now time.Time) bool {
	d.last = now
	if d.pending {
		return false
	}
	d.first, d.pending = now, true
	return true
}

// fire takes the pending tick at now. It returns how much longer to wait
// (a tick is to be started for that) when the last edit is less than delay
// ago and the first less than maxWaits delays, else 0: save now.
func (d *debounce) fire(now time.Time, delay time.Duration) time.Duration {
	wait := min(delay-now.Sub(d.last), maxWaits*delay-now.Sub(d.first))
	if wait > 0 {
		return wait
	}
	d.pending = false
	return 0
}

// scheduleSave notes an edit and starts the debounce tick unless one is
// already on its way.
func (r *reviewModel) scheduleSave() tea.Cmd {
	r.seq++
	if !r.draftTimer.edit(time.Now()) {
		return nil
	}
	return draftTick(r.key, r.c.DraftDelay)
}

// draftTick is the debounce tick for key, d from now.
func draftTick(key review.AttemptKey, d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return draftTickMsg{key: key} })
}

// dirty reports whether there are edits the store does not have yet. Once a
// decision is on its way the draft no longer matters (Decide deletes it).
func (r *reviewModel) dirty() bool {
	return r.seq != r.savedSeq && !r.scoring.Deciding() && !r.settled
}

// notPending says why an attempt is settled when a save or a decision
// finds it no longer pending (review.ErrNotPending, ErrAlreadyDecided).
const notPending = "is no longer pending (decided meanwhile)"

// settle marks the attempt decided by someone else while it was open (why
// says how): its claim and every draft went with the decision, so nothing
// more is saved, and esc leaves at once.
func (r *reviewModel) settle(why string) {
	r.settled, r.released, r.closing, r.scoringOn = true, false, false, false
	r.setStatus(r.handle+" "+why+": your draft went with it and nothing more can be saved or recorded on it; esc back to the queue", true)
	r.setSize(r.width, r.height)
}

// draftChanged says that another session saved the draft since this one
// read it (review.ErrDraftChanged), so what refused is not saved or not
// recorded: what is on screen stays, but no more of it is saved, and esc
// leaves for the stored draft.
func (r *reviewModel) draftChanged(what string) {
	r.stale, r.closing = true, false
	r.setStatus(what+": draft changed in another session; esc and reopen for the stored one", true)
}

// snapshot is the draft on screen to save: the levels and feedback copied,
// so the cmd's goroutine never shares a map with Update, which keeps
// editing them, and the revision and session review.Draft.Over checks.
func (r *reviewModel) snapshot() review.Draft {
	return review.Draft{Levels: maps.Clone(r.scoring.Levels()), Feedback: maps.Clone(r.scoring.Feedback()),
		SavedAt: r.c.Now(), Revision: r.asg.Draft.Revision, Session: r.asg.Draft.Session}
}

// saveNow returns the draft to save before quitting or leaving, or nil when
// nothing is unsaved.
func (r *reviewModel) saveNow() *review.Draft {
	if !r.dirty() {
		return nil
	}
	d := r.snapshot()
	return &d
}

// quit saves unsaved edits and then quits. After a failed save a second
// ctrl+c quits anyway: the reviewer was told the draft is not stored.
// An attempt handed on after a decision that the reviewer quits before
// scoring or writing anything is given back: they never chose it, and
// `q` keeping it would hold it from everyone for 30 minutes.
func (r *reviewModel) quit() tea.Cmd {
	if r.forceQuit {
		return tea.Quit
	}
	if r.saving && r.dirty() {
		// Only with something to save: with none (a decision on its
		// way) waiting would lose the quit to the next attempt opening.
		return r.whenSaved(r.quit)
	}
	if r.handedOn && (review.Draft{Levels: r.scoring.Levels(), Feedback: r.scoring.Feedback()}).Empty() {
		return releaseThenQuit(r.c, r.key)
	}
	if d := r.saveNow(); d != nil {
		return saveThenQuitCmd(r.c, r.key, d)
	}
	return tea.Quit
}

// leave is esc's way out of the attempt: it saves the draft, if need be,
// and gives the claim up; from a stale copy it does neither.
func (r *reviewModel) leave() tea.Cmd {
	r.closing = true
	if r.stale {
		return leaveStaleCmd(r.c, r.key, r.handle, r.snapshot())
	}
	r.setStatus("Saving draft and returning to the queue…", false)
	return closeReviewCmd(r.c, r.key, r.handle, r.saveNow())
}

// whenSaved is do now or, while a timed save is on its way, once that is
// answered. A save and release of esc's, or q's save, could land before
// it: its older copy would then be stored over the newer one, or take the
// claim back after the release.
func (r *reviewModel) whenSaved(do func() tea.Cmd) tea.Cmd {
	if !r.saving {
		return do()
	}
	r.then = do
	return nil
}

// draftAside says that the draft of handle is kept though another
// reviewer holds the attempt now (review.ErrDraftAside).
func draftAside(handle string) string {
	return "Draft kept, but another reviewer holds " + handle + " now (yours again when free)"
}

// keptAside is draftAside for the save's err: kept too when the attempt
// waits for a lead to work its flags (review.ErrFlagsOpen), which the
// save could not claim it back from.
func keptAside(handle string, err error) string {
	if errors.Is(err, review.ErrFlagsOpen) {
		return "Draft kept, but " + handle + " waits for a lead to work its possible identifying details (yours again after)"
	}
	return draftAside(handle)
}

// updateDraft handles the debounce tick and the save's result.
func (r *reviewModel) updateDraft(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case draftTickMsg:
		if msg.key != r.key || !r.draftTimer.pending {
			return nil // another attempt's, or this one's from an earlier opening
		}
		if r.closing || r.stale {
			// esc saves the draft and then releases the claim; a save
			// of the tick's landing after that would take it back. A
			// stale copy's save would only be refused again.
			r.draftTimer.pending = false
			return nil
		}
		if r.saving {
			// One save at a time: two could land in either order.
			return draftTick(r.key, r.c.DraftDelay)
		}
		if wait := r.draftTimer.fire(time.Now(), r.c.DraftDelay); wait > 0 {
			return draftTick(r.key, wait)
		}
		if r.dirty() {
			r.saving = true
			return saveDraftCmd(r.c, r.key, r.seq, r.snapshot())
		}
	case draftSavedMsg:
		if msg.key != r.key {
			return nil
		}
		if msg.seq >= 0 { // a timed save's answer, not esc's (closeReviewCmd)
			r.saving = false
		}
		r.savedDraft(msg)
		if then := r.then; then != nil && !r.saving {
			r.then = nil
			return then()
		}
	case draftNotSavedOnQuitMsg:
		if r.ending {
			return func() tea.Msg { return common.UnsavedQuitMsg{Err: msg.err} }
		}
		if errors.Is(msg.err, review.ErrNotPending) {
			return tea.Quit // decided meanwhile: nothing left to save it to
		}
		r.forceQuit = true
		r.stale = r.stale || errors.Is(msg.err, review.ErrDraftChanged)
		r.setStatus("Draft NOT saved ("+msg.err.Error()+"). Press q or ctrl+c again to quit without saving.", true)
	}
	return nil
}

// savedDraft takes a save's answer: the draft is stored, kept aside, or
// was not (the attempt decided meanwhile, or its draft changed in another
// session, or an error).
func (r *reviewModel) savedDraft(msg draftSavedMsg) {
	if errors.Is(msg.err, review.ErrDraftAside) {
		// Kept, without the attempt: say so, and that esc puts it
		// down (saving it once more, which says so again), from the
		// scoring panel too: the attempt is no longer this reviewer's.
		r.aside = true
		r.setStatus(keptAside(r.handle, msg.err)+"; esc back out to the queue", true)
		return
	}
	if errors.Is(msg.err, review.ErrNotPending) {
		r.settle(notPending)
		return
	}
	if errors.Is(msg.err, review.ErrDraftChanged) {
		r.draftChanged("Not saved")
		return
	}
	if msg.err != nil {
		r.closing = false
		r.setStatus("Draft not saved: "+msg.err.Error()+" (it is still on screen; keep working or press esc to retry)", true)
		return
	}
	r.aside = false
	r.savedSeq = max(r.savedSeq, msg.seq)
	r.savedAt = msg.at
	if r.released {
		// The save took the claim back: the notice no longer holds.
		r.released = false
		r.setStatus("You hold "+r.handle+" again", false)
	}
}
