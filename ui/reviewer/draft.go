package reviewer

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
)

// Drafts (rule 6): every edit bumps seq and schedules a tick DraftDelay
// later; a tick whose seq is no longer the latest is dropped, so a burst of
// typing costs one save. savedSeq is the newest edit the store has, so
// "dirty" is simply seq != savedSeq.

// scheduleSave returns the debounce tick for the latest edit.
func (r *reviewModel) scheduleSave() tea.Cmd {
	r.seq++
	key, seq := r.key, r.seq
	return tea.Tick(r.c.DraftDelay, func(time.Time) tea.Msg { return draftTickMsg{key: key, seq: seq} })
}

// dirty reports whether there are edits the store does not have yet. Once a
// decision is on its way the draft no longer matters (Decide deletes it).
func (r reviewModel) dirty() bool { return r.seq != r.savedSeq && !r.scoring.Deciding() }

// saveNow returns the draft to save before quitting or leaving, or nil when
// nothing is unsaved.
func (r reviewModel) saveNow() *review.Draft {
	if !r.dirty() {
		return nil
	}
	d := snapshot(r.scoring.Levels(), r.scoring.Feedback(), r.c.Now())
	return &d
}

// quit saves unsaved edits and then quits. After a failed save a second
// ctrl+c quits anyway: the reviewer was told the draft is not stored.
func (r reviewModel) quit() tea.Cmd {
	if r.forceQuit {
		return tea.Quit
	}
	if d := r.saveNow(); d != nil {
		return saveThenQuitCmd(r.c, r.key, d)
	}
	return tea.Quit
}

// updateDraft handles the debounce tick and the save's result.
func (r reviewModel) updateDraft(msg tea.Msg) (reviewModel, tea.Cmd) {
	switch msg := msg.(type) {
	case draftTickMsg:
		if msg.key == r.key && msg.seq == r.seq && r.dirty() {
			return r, saveDraftCmd(r.c, r.key, r.seq, snapshot(r.scoring.Levels(), r.scoring.Feedback(), r.c.Now()))
		}
	case draftSavedMsg:
		if msg.key != r.key {
			return r, nil
		}
		if msg.err != nil {
			r.closing = false
			r.setStatus("Draft not saved: "+msg.err.Error()+" (it is still on screen; keep working or press esc to retry)", true)
			return r, nil
		}
		r.savedSeq = max(r.savedSeq, msg.seq)
		r.savedAt = msg.at
	case draftNotSavedOnQuitMsg:
		r.forceQuit = true
		r.setStatus("Draft NOT saved ("+msg.err.Error()+"). Press ctrl+c again to quit without saving.", true)
	}
	return r, nil
}
