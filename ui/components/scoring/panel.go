// Package scoring is the scoring of one attempt: Sheet, the levels and
// feedback being chosen, which the reviewer's scoring panel and the lead's
// adjudication share, and Model, the reviewer's scoring panel with its
// comment bank, external editor and confirm dialog.
package scoring

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/components/confirm"
	"assessor/ui/components/overlay"
)

// Msg is the result of one of the panel's commands. The review screen
// hands every one to the panel, whichever pane is showing, and schedules a
// draft save when the panel's Edits changed.
type Msg interface{ scoringMsg() }

// Model is the scoring panel: a level and feedback per criterion, overall
// feedback and the computed outcome, with the comment bank's picker and
// the confirm dialog pushed over it as overlays. It edits levels and
// feedback in place; Edits counts changes so the review screen can
// schedule a draft save.
type Model struct {
	c        *common.Common
	keys     keyMap
	sheet    Sheet
	key      review.AttemptKey
	handle   string
	double   bool          // one of two blind reviews (review.Assignment.DoubleReview)
	closes   time.Time     // review.Assignment.WindowCloses
	overlays overlay.Stack // the picker or the confirm dialog, while open
	deciding bool          // Decide is running
	notice   string        // why confirm was refused, or a Decide error
	taken    bool          // Decide found another reviewer holding the attempt
	settled  bool          // Decide found the attempt no longer pending
	stale    bool          // Decide found the draft saved in another session since from was read
	from     review.Draft  // the revision and session of the draft being scored (review.Draft.Over)
	info     string        // what just happened, e.g. "Saved to your comment bank"
	edits    int
	width    int
	height   int
	memo     *drawn // the drawn parts, see memo.go
}

// New returns the panel for a, with its draft as it was left (rule 6).
func New(c *common.Common, a review.Assignment) Model {
	s := Model{
		c: c, keys: newKeyMap(a.Rubric), key: a.Attempt.Key(),
		handle: review.Sanitize(a.Attempt.Handle()), double: a.DoubleReview, closes: a.WindowCloses, memo: &drawn{},
		sheet: NewSheet(c.Styles, a.Rubric, CriterionRows(a.Rubric), a.Draft.Levels, a.Draft.Feedback),
		from:  review.Draft{Revision: a.Draft.Revision, Session: a.Draft.Session},
	}
	// Over SSH the editor would run on the server (Options.NoExternalEditor).
	s.keys.External.SetEnabled(!c.NoExternalEditor)
	s.keys.ExternalOverall.SetEnabled(!c.NoExternalEditor)
	return s
}

// Levels are the levels chosen so far, by criterion id. The map is the
// panel's own: read it, do not keep it.
func (s Model) Levels() map[string]string { return s.sheet.Levels }

// Feedback is the feedback written so far, by criterion id or
// review.OverallKey. The map is the panel's own: read it, do not keep it.
func (s Model) Feedback() map[string]string { return s.sheet.Feedback }

// Edits counts the changes to levels and feedback since the panel opened.
func (s Model) Edits() int { return s.edits }

// Deciding reports whether a decision is on its way to the store.
func (s Model) Deciding() bool { return s.deciding }

// PickerOpen reports whether the comment bank's picker is showing.
func (s Model) PickerOpen() bool {
	_, ok := s.overlays.Top().(pickerModel)
	return ok
}

// PickerBrowsing reports whether the comment bank's picker is showing
// with no filter being typed: ? is then the review screen's help key,
// not text.
func (s Model) PickerBrowsing() bool {
	p, ok := s.overlays.Top().(pickerModel)
	return ok && !p.list.SettingFilter()
}

// Editing reports whether a textarea has the keyboard.
func (s Model) Editing() bool { return s.sheet.Editing() }

// Modal reports whether the panel must see every key (textarea, dialog,
// comment bank or a decision in flight), so the review screen must not act
// on them.
func (s Model) Modal() bool {
	return s.Editing() || s.overlays.Len() > 0 || s.deciding
}

// HelpKeys is the key map for the panel's current state.
func (s Model) HelpKeys() help.KeyMap {
	switch {
	case s.overlays.Len() > 0:
		return s.overlays.Top().Help()
	case s.Editing():
		return editingKeyMap{s.keys.Done, s.keys.SaveSnippet, s.keys.Quit}
	}
	return s.keys
}

// HelpKeysBeside is HelpKeys while the evidence beside the panel has the
// focus: ↑/↓ and j/k scroll the evidence then, not the criteria. While a
// search of the evidence is on (searching), n steps through its matches:
// it is not offered as a level.
func (s Model) HelpKeysBeside(searching bool) help.KeyMap {
	if s.Modal() {
		return s.HelpKeys()
	}
	k := s.keys
	k.Up.SetEnabled(false)
	k.Down.SetEnabled(false)
	if searching {
		k.NotYet.SetEnabled(false)
	}
	return k
}

// SetSize sets the panel's size, which its overlays share.
func (s Model) SetSize(w, h int) Model {
	s.width, s.height = w, h
	s.overlays = s.overlays.SetSize(w, h)
	return s.fitText()
}

// fitText gives the textarea the room it has (view.go's textHeight),
// which changes with the notices and warnings above and below it, only
// while writing, when the textarea shows: working its room out after
// every other key (a level, a move) and as each review opened laid out
// criteria and descriptors no frame might show.
func (s Model) fitText() Model {
	if s.Editing() {
		s.sheet.SetTextSize(max(s.width, 10), s.textHeight())
	}
	return s
}

// Taken reports whether the last decision was refused because another
// reviewer holds the attempt now (a lead released this one's claim).
func (s Model) Taken() bool { return s.taken }

// Settled reports whether the last decision found the attempt decided, or
// otherwise no longer pending: nothing more can be recorded on it.
func (s Model) Settled() bool { return s.settled }

// Stale reports whether the last decision was refused because another
// session saved the draft since this panel's copy was read.
func (s Model) Stale() bool { return s.stale }

// Update handles the panel's keys and its commands' results. Keys the panel
// does not use are ignored.
func (s Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	s, cmd := s.update(msg)
	return s.fitText(), cmd
}

func (s Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case snippetsLoadedMsg, pickerMsg:
		// For the picker, if it is still open; a late one finds the
		// stack empty or the dialog on top, and is dropped.
		return s.updateOverlay(msg)
	case snippetSavedMsg:
		return s.snippetSaved(msg), nil
	case editorDoneMsg:
		return s.editorDone(msg), nil
	case decideFailedMsg:
		s.deciding = false
		s.notice = "Not recorded: " + msg.err.Error()
		s.taken = errors.Is(msg.err, review.ErrClaimed)
		s.settled = errors.Is(msg.err, review.ErrAlreadyDecided) || errors.Is(msg.err, review.ErrNotPending)
		s.stale = errors.Is(msg.err, review.ErrDraftChanged)
		return s, nil
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		cmd, _ := s.sheet.UpdateText(msg) // cursor blink
		return s, cmd
	}
	switch {
	case s.deciding:
		return s, nil
	case s.overlays.Len() > 0:
		return s.updateOverlay(k)
	case s.Editing():
		return s.updateEditing(k)
	}
	s.notice, s.info = "", ""
	crit := s.sheet.Rubric.Criteria
	switch {
	case key.Matches(k, s.keys.Up):
		s.sheet.Move(-1)
	case key.Matches(k, s.keys.Down):
		s.sheet.Move(1)
	case key.Matches(k, s.keys.Level):
		s.setLevel(KeyLevel(s.sheet.Rubric, k))
		s.sheet.NextUnscored()
	case key.Matches(k, s.keys.Meets):
		s.setLevel(s.sheet.Rubric.PassingLevel())
		s.sheet.NextUnscored()
	case key.Matches(k, s.keys.NotYet):
		s.setLevel(s.sheet.Rubric.AllLevels()[0])
		s.sheet.NextUnscored()
	case key.Matches(k, s.keys.Edit):
		if len(crit) > 0 {
			return s.startEditing(s.sheet.Row())
		}
	case key.Matches(k, s.keys.Overall):
		return s.startEditing(review.OverallKey)
	case key.Matches(k, s.keys.Bank):
		return s.openBank()
	case key.Matches(k, s.keys.External):
		if len(crit) > 0 {
			return s.openEditor(s.sheet.Row())
		}
	case key.Matches(k, s.keys.ExternalOverall):
		return s.openEditor(review.OverallKey)
	case key.Matches(k, s.keys.Confirm):
		s = s.openConfirm()
	}
	return s, nil
}

// updateOverlay passes msg to the overlay on top and, when it closed,
// acts on what it was closed with.
func (s Model) updateOverlay(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	var closed overlay.Model
	s.overlays, cmd, closed = s.overlays.Update(msg)
	switch o := closed.(type) {
	case confirm.Model:
		if o.Answer() == confirm.Yes {
			s.deciding = true
			s.notice = "Recording the decision…"
			return s, decideCmd(s.c, s.key, s.handle, s.from, s.sheet.Levels, s.decisionFeedback())
		}
	case pickerModel:
		if sn, ok := o.choice(); ok {
			return s.insertSnippet(o.criterion, sn)
		}
	}
	return s, cmd
}

func (s *Model) setLevel(l string) {
	if s.sheet.SetLevel(l) {
		s.edits++
	}
}

func (s Model) startEditing(id string) (Model, tea.Cmd) {
	cmd := s.sheet.StartEditing(id)
	// Only a criterion has a comment bank to save to.
	_, isCrit := s.sheet.Rubric.Criterion(id)
	s.keys.SaveSnippet.SetEnabled(isCrit)
	return s, cmd
}

// updateEditing sends keys to the textarea, which copies its text into
// the feedback on every change.
func (s Model) updateEditing(k tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(k, s.keys.Done):
		s.sheet.StopEditing()
		return s, nil
	case key.Matches(k, s.keys.SaveSnippet):
		// Caught before the textarea, where ctrl+b is cursor-left (the
		// arrow keys still are).
		return s.saveSnippet()
	}
	cmd, changed := s.sheet.UpdateText(k)
	if changed {
		s.edits++
	}
	if s.sheet.Cut() {
		s.info = CutNote
	}
	return s, cmd
}

// CutNote says that text went past review.MaxFeedback and was left out.
var CutNote = fmt.Sprintf("Feedback holds at most %d characters: the rest was not kept", review.MaxFeedback)

// outcome computes the live outcome, or says why there is none yet.
func (s Model) outcome() (review.Outcome, string) {
	out, err := s.sheet.Outcome()
	if err == nil {
		return out, string(out)
	}
	if n := len(s.sheet.Unscored()); n > 0 {
		return "", fmt.Sprintf("incomplete (%d %s unscored)", n, common.Plural(n, "criterion", "criteria"))
	}
	return "", "incomplete (" + err.Error() + ")"
}

// openConfirm opens the dialog only for a decision the store would accept,
// and otherwise says what is missing.
func (s Model) openConfirm() Model {
	out, why := s.outcome()
	if out == "" {
		if unscored := s.sheet.Unscored(); len(unscored) > 0 {
			s.notice = "Can't confirm yet: score " + strings.Join(unscored, ", ") + " first"
		} else {
			s.notice = "Can't confirm yet: outcome " + why
		}
		return s
	}
	if miss := s.sheet.MissingFeedback(); len(miss) > 0 {
		s.notice = "Can't confirm: " + strings.Join(miss, ", ") + " " + common.Plural(len(miss), "needs", "need") + " feedback (select, enter to write)"
		return s
	}
	c := confirm.New(s.c.Styles, s.handle, out, review.FeedbackWarnings(s.sheet.Rubric, s.sheet.Levels, s.sheet.Feedback)).WithLevels(s.sheet.Levels).
		WithResubmit(review.ResubmitMeans(s.closes, s.c.Now()))
	switch {
	case s.c.Calibrating():
		c = c.ForCalibration()
	case s.double:
		c = c.ForDoubleReview()
	}
	s.overlays = s.overlays.Push(c.SetSize(s.width, s.height))
	return s
}

// decisionFeedback is the feedback to record: trimmed, without empty
// entries, only for the rubric's criteria and the overall comment.
func (s Model) decisionFeedback() map[string]string {
	fb := map[string]string{}
	for k, v := range s.sheet.Feedback {
		_, isCrit := s.sheet.Rubric.Criterion(k)
		if v = strings.TrimSpace(v); v != "" && (isCrit || k == review.OverallKey) {
			fb[k] = v
		}
	}
	return fb
}
