package reviewer

import (
	"crypto/rand"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/components/evidence"
	"assessor/ui/components/markdown"
	"assessor/ui/components/overlay"
	"assessor/ui/components/scoring"
	"assessor/ui/keymap"
)

// reviewModel is the split review screen: evidence on the left, and on the
// right the rubric or, after `s`, the scoring panel, so the evidence stays
// in view while scoring. Its methods take it by pointer and change it in
// place: passed by value through Update's calls, each a copy of its 6 KB
// and a frame for it, one key needed a 100 KB stack, grown again (copied)
// after every garbage collection had shrunk the idle program's. The large
// parts that most keys leave alone (help, the search line) are pointers.
type reviewModel struct {
	c         *common.Common
	keys      reviewKeyMap
	help      *help.Model // by pointer, as search (reviewModel's comment)
	asg       review.Assignment
	key       review.AttemptKey
	handle    string
	filter    string
	evidence  evidence.Pane
	rubric    viewport.Model
	rendered  markdown.Rubric
	rubLines  common.ViewportLines // rendered's lines, for drawing the rubric pane unpadded
	scoring   scoring.Model
	focusL    bool          // evidence pane has focus
	scoringOn bool          // right pane shows the scoring panel
	overlays  overlay.Stack // history or files, over both panes while open (overlays.go)

	seq, savedSeq int      // draft edits made / stored, see draft.go
	draftTimer    debounce // when to save them, see draft.go
	savedAt       time.Time
	closing       bool           // esc: saving and releasing
	saving        bool           // a timed save is on its way: esc and q wait for its answer (draft.go)
	then          func() tea.Cmd // what esc or q asked for meanwhile, done at that answer
	forceQuit     bool           // a save before quitting failed once
	ending        bool           // ended from outside (SaveAndQuitMsg): a failed save quits
	handedOn      bool           // opened after a decision, not chosen: quit gives it back unscored
	released      bool           // a lead released the claim; the next save takes it back
	aside         bool           // the last save kept the draft without the claim: esc leaves
	settled       bool           // decided by someone else meanwhile: nothing more is saved; esc leaves
	stale         bool           // another session saved the draft since this one read it: nothing more is saved; esc leaves
	lease         *leaseToken    // this opening's lease renewal, see lease.go
	active        bool           // a key was pressed since the last renewal

	search    *textinput.Model // the `/` line, see review_search.go
	searching bool             // it has the keys
	query     string           // the last query, for n and N

	status   string
	isErr    bool
	width    int
	height   int
	rubW     int
	helpH    int    // the help's height at the last setSize
	helpText string // the help as Update last drew it (review_help.go)

	// panes keeps the last drawing of each pane (pane_cache.go); rubGen
	// and the evidence pane's Gen count the contents set into the two
	// viewports, so a drawing is reused only for the same content.
	panes  *paneCache
	rubGen int
}

// newReview is the review screen of a. prev is the pane cache of the
// program's review screen before it, or nil: the border pieces and help
// it drew are kept when they fit this one (pane_cache.go).
func newReview(c *common.Common, a review.Assignment, filter, status string, w, h int, prev *paneCache) reviewModel {
	hm := help.New()
	hm.Styles = c.Styles.Help
	_, hasPrev := evidence.PreviousAttempt(a)
	waiting := c.Now
	if c.Calibrating() {
		waiting = nil // an example waits on no one: show no days waiting
	}
	search := newSearchInput(c.Styles)
	// This opening's saves carry it, so none is refused as another
	// session's (review.Draft.Over); Revision is the one read.
	a.Draft.Session = rand.Text()
	r := reviewModel{
		c: c, keys: newReviewKeyMap(hasPrev), help: &hm, asg: a, key: a.Attempt.Key(),
		handle: review.Sanitize(a.Attempt.Handle()), filter: filter,
		evidence: evidence.NewPane(c.Styles, a, waiting), rubric: keymap.NewViewport(),
		scoring: scoring.New(c, a), focusL: true, status: status,
		lease: &leaseToken{a.Attempt.Key()}, panes: prev.next(),
		search: &search,
	}
	// `a` is only offered when the attempt has stored files to show.
	r.keys.Files.SetEnabled(hasStoredFiles(a.Attempt))
	if !a.Draft.Empty() && status == "" {
		r.status = "Draft restored — s to continue scoring"
	}
	r.setSize(w, h)
	return r
}

// Init starts the lease renewal ticks; the assignment arrived complete.
func (r *reviewModel) Init() tea.Cmd { return leaseTick(r.c, r.lease) }

func (r *reviewModel) setStatus(s string, isErr bool) { r.status, r.isErr = s, isErr }

// activeKeys is the key map help shows: the top overlay's while one is
// open, the panel's while scoring.
func (r *reviewModel) activeKeys() help.KeyMap {
	switch top := r.overlays.Top(); {
	case r.searching:
		return searchKeys
	case top != nil:
		return top.Help()
	case r.scoringOn && r.scoring.Modal():
		return r.scoring.HelpKeys()
	case r.scoringOn && r.focusL:
		// n and N step through a search's matches here (canFind).
		return beside{r.scoring.HelpKeysBeside(r.query != ""), r.keys, true, r.query != ""}
	case r.scoringOn:
		return beside{r.scoring.HelpKeys(), r.keys, false, false}
	}
	k := r.keys // n and N step through a search's matches, once there is one
	k.NextMatch.SetEnabled(r.query != "")
	k.PrevMatch.SetEnabled(r.query != "")
	return k
}

// beside is the scoring panel's keys and, in the full help, the review
// screen's that work beside it: the evidence's scrolling ends, the focus,
// the diff, search, history, files and quitting.
type beside struct {
	panel    help.KeyMap
	screen   reviewKeyMap
	evidence bool // the evidence has the focus: ↑/↓ scroll it
	matches  bool // and a search is on: n and N step through its matches
}

// ShortHelp implements help.KeyMap: the panel's, and n/N while they step
// through a search's matches; last, as the status line says so too.
func (k beside) ShortHelp() []key.Binding {
	if k.matches {
		return append(k.panel.ShortHelp(), k.screen.Matches)
	}
	return k.panel.ShortHelp()
}

// FullHelp implements help.KeyMap.
func (k beside) FullHelp() [][]key.Binding {
	s := k.screen
	pane := []key.Binding{s.Top, s.Bottom, s.Focus, s.Diff, s.Search}
	if k.evidence {
		pane = append([]key.Binding{s.Scroll.Up, s.Scroll.Down}, pane...)
	}
	if k.matches {
		pane = append(pane, s.NextMatch, s.PrevMatch)
	}
	return append(k.panel.FullHelp(), pane, []key.Binding{s.History, s.Files, s.Quit})
}

// minPanesH is the fewest lines the panes take, their borders, title and
// two lines of text.
const minPanesH = 5

// setSize lays out two panes sharing the width about 50/50, each with a
// border, one cell of padding and a title line.
func (r *reviewModel) setSize(w, h int) {
	r.width, r.height = w, h
	r.help.Width = w
	r.helpText = r.helpView()
	r.helpH = lipgloss.Height(r.helpText)
	helpH := r.helpH
	innerH := max(h-2-helpH, minPanesH) - 2 // header, status, help, borders
	vpH := innerH - 1                       // pane title
	evW, rubW := paneWidths(w)

	r.evidence = r.evidence.SetSize(evW, vpH)
	r.rubric.Width, r.rubric.Height = rubW, vpH
	if rubW != r.rubW {
		r.rendered = r.c.MD.Render(r.asg.Rubric, rubW)
		r.rubLines = common.SplitViewportLines(r.rendered.Text)
		r.rubLines.Scroll(&r.rubric)
		r.rubW = rubW
		r.rubGen++
	}
	common.KeepInView(&r.rubric)
	r.scoring = r.scoring.SetSize(rubW, vpH)
	r.overlays = r.overlays.SetSize(w-4, vpH)
}

// paneWidths are the inner widths of the evidence and rubric panes on a
// terminal w cells wide.
func paneWidths(w int) (evW, rubW int) {
	leftOuter := max(w/2, 24)
	rightOuter := max(w-leftOuter, 24)
	return leftOuter - 4, rightOuter - 4
}

// Update handles the review's keys and its commands' results.
func (r *reviewModel) Update(msg tea.Msg) tea.Cmd {
	cmd := r.update(msg)
	if k, ok := msg.(tea.KeyMsg); ok && r.overlays.Len() == 0 && !r.searching && !r.scoring.Modal() && r.keys.Scroll.Matches(k) {
		return cmd // scrolling changes no key the help shows: keep the drawn help
	}
	r.fitHelp()
	return cmd
}

func (r *reviewModel) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case draftTickMsg, draftSavedMsg, draftNotSavedOnQuitMsg:
		return r.updateDraft(msg)
	case leaseTickMsg, leaseRenewedMsg:
		return r.updateLease(msg)
	case scoring.DecidedMsg:
		if r.c.Calibrating() {
			return calibrationFeedbackCmd(r.c, r.key, msg.Handle) // calibration.go
		}
		status := fmt.Sprintf("Recorded %s for %s", strings.ToUpper(string(msg.Decision.Outcome)), msg.Handle)
		r.setStatus(status+" · opening the next attempt…", false)
		return nextCmd(r.c, r.filter, status)
	case calibrationFeedbackMsg:
		return r.calibrated(msg)
	case evidenceReadMsg:
		r.evidenceRead(msg) // notice.go
		return nil
	case scoring.Msg:
		return r.updateScoring(msg)
	case attachmentLoadedMsg, attachmentBytesMsg, openerDoneMsg:
		// The files overlay's: dropped once it is closed.
		if r.overlays.Len() > 0 {
			return r.updateOverlay(msg)
		}
		return nil
	case tea.KeyMsg:
		r.active = true
		return r.updateKey(msg)
	}
	return nil
}

func (r *reviewModel) updateKey(k tea.KeyMsg) tea.Cmd {
	if r.closing {
		return nil
	}
	if r.searching {
		return r.updateSearchInput(k)
	}
	// The comment bank's picker lists its keys in the review screen's
	// help: ? shows them all there, as over the other overlays.
	if r.scoringOn && r.scoring.PickerBrowsing() && r.toggleHelp(k) {
		return nil
	}
	// A textarea or dialog sees every key (ctrl+c is caught by the root).
	if r.scoringOn && r.scoring.Modal() {
		return r.updateScoring(k)
	}
	if r.overlays.Len() > 0 {
		return r.updateOverlay(k)
	}
	if cmd, ok := r.updateFindKey(k); ok {
		return cmd
	}
	switch {
	case key.Matches(k, r.keys.Quit):
		if r.dirty() {
			r.setStatus("Saving draft…", false)
		}
		return r.quit()
	case r.toggleHelp(k):
		// esc closes what opened last: pressed to close the help, it must
		// not leave the attempt (and give up the claim).
		return nil
	case key.Matches(k, r.keys.Focus):
		r.focusL = !r.focusL
		r.findStatusFollowsFocus()
	case key.Matches(k, r.keys.Diff):
		r.evidence = r.evidence.ToggleDiff()
		r.setStatus("", false) // it spoke of the view just left
		return nil
	case key.Matches(k, r.keys.History):
		r.setStatus("", false)
		r.push(newHistory(r.c, r.asg, r.width-4, r.evidence.Height()))
		return nil
	case key.Matches(k, r.keys.Files):
		r.setStatus("", false)
		r.push(newFiles(r.c, r.asg, r.width-4, r.evidence.Height()))
		return nil
	case key.Matches(k, r.keys.Back):
		if r.scoringOn && !r.aside && !r.stale {
			r.scoringOn = false
			r.setStatus("", false)
			r.setSize(r.width, r.height)
			return nil
		}
		if r.query != "" {
			// A search ends before the attempt does: esc after n or N
			// must not leave it (and give up the claim).
			r.query, r.evidence = "", r.evidence.ClearFind()
			r.setStatus("", false)
			return nil
		}
		r.closing = true
		return r.whenSaved(r.leave)
	case key.Matches(k, r.keys.Score):
		r.scoringOn = !r.scoringOn
		r.focusL = false
		r.setStatus("", false)
		r.setSize(r.width, r.height)
		return nil
	case key.Matches(k, r.keys.NextCrit), key.Matches(k, r.keys.PrevCrit):
		if !r.scoringOn {
			r.jump(key.Matches(k, r.keys.NextCrit))
			r.focusL = false
		}
	case r.keys.Scroll.Matches(k):
		switch {
		case r.focusL:
			r.evidence = r.evidence.Scroll(k, r.keys.Scroll)
		case r.scoringOn && key.Matches(k, r.keys.Up, r.keys.Down):
			return r.updateScoring(k) // the criterion above or below
		case r.scoringOn:
			// The panel has no pages: pgup, pgdn, g and G scroll the
			// evidence, so it can be read while scoring.
			r.evidence = r.evidence.Scroll(k, r.keys.Scroll)
		default:
			r.keys.Viewport(&r.rubric, k)
		}
	default:
		if r.scoringOn {
			return r.updateScoring(k)
		}
	}
	return nil
}

// updateScoring passes a key or a scoringMsg to the scoring panel and
// schedules a draft save when it changed anything.
func (r *reviewModel) updateScoring(msg tea.Msg) tea.Cmd {
	before := r.scoring.Edits()
	var cmd tea.Cmd
	r.scoring, cmd = r.scoring.Update(msg)
	if r.scoring.Edits() != before {
		cmd = tea.Batch(cmd, r.scheduleSave())
	}
	if r.scoring.Settled() && !r.settled {
		r.settle(notPending)
	}
	if r.scoring.Stale() && !r.stale {
		r.draftChanged("Not recorded")
	}
	if r.scoring.Taken() && !r.aside {
		// As a save would find: the claim is another's now, not to be
		// taken back (the status said "work on to take it back").
		r.aside, r.released = true, false
		r.setStatus(draftAside(r.handle)+"; esc back out to the queue", true)
	}
	return cmd // Update's fitHelp follows the help's height
}

// jump scrolls the rubric so the next (or previous) criterion heading is
// the top line.
func (r *reviewModel) jump(next bool) {
	y := r.rubric.YOffset
	hs := r.rendered.Headings
	if next {
		for _, l := range hs {
			if l > y {
				r.rubric.SetYOffset(l)
				return
			}
		}
		return
	}
	for i := len(hs) - 1; i >= 0; i-- {
		if hs[i] < y {
			r.rubric.SetYOffset(hs[i])
			return
		}
	}
	r.rubric.GotoTop()
}

// View draws the header, the two panes, the status line and the help.
func (r *reviewModel) View() string {
	st := r.c.Styles
	prefix := ""
	if r.c.Calibrating() {
		// First, so it survives the cut at 80 columns.
		prefix = st.Lines.Warn.Render("CALIBRATION") + " · "
	}
	right := ""
	if !r.savedAt.IsZero() {
		right = st.Lines.Faint.Render("draft saved " + r.savedAt.Format("15:04:05"))
	}
	// The title gives way first: the handle and attempt number say which
	// attempt this is.
	attempt := fmt.Sprintf(" · attempt %d", r.asg.Attempt.Number)
	room := r.width - lipgloss.Width(right) - 1 - ansi.StringWidth(r.handle+" · "+attempt) - lipgloss.Width(prefix)
	title := ansi.Truncate(common.Name(r.asg.Rubric.Title), max(room, 1), "…")
	header := common.Spread(prefix+st.Lines.Header.Render(r.handle)+" · "+title+attempt, right, r.width)

	var panes paneLines
	switch top := r.overlays.Top(); {
	case top != nil:
		panes = blockLines(r.pane(top.Title(), top.View(), r.width-4, true))
	default:
		evTitle := r.evidence.Title()
		h := r.evidence.Height()
		leftPane := r.panes.left.draw(
			paneKey{title: evTitle, focused: r.focusL, w: r.evidence.Width(), h: h, gen: r.evidence.Gen(), y: r.evidence.YOffset()},
			func() string { return r.pane(evTitle, r.evidence.Visible(), r.evidence.Width(), r.focusL) })
		rk := paneKey{title: "Rubric · ] [ criteria", focused: !r.focusL, w: r.rubric.Width, h: h, gen: r.rubGen, y: r.rubric.YOffset}
		// The viewport's lines without its padding, which the frame adds
		// (lipgloss padding the pane was 0.9 ms of each new review screen).
		rightBody := func() string { return r.rubLines.Visible(r.rubric.YOffset, r.rubric.Width, r.rubric.Height) }
		if r.rubLines.Tabs {
			rightBody = r.rubric.View
		}
		if r.scoringOn { // set aside too: what was typed stays in view, as the help says
			body := r.scoring.View()
			rk = paneKey{title: "Scoring " + r.handle, focused: !r.focusL, w: r.rubric.Width, h: h, body: body}
			rightBody = func() string { return body }
		}
		rightPane := r.panes.right.draw(rk, func() string { return r.pane(rk.title, rightBody(), r.rubric.Width, !r.focusL) })
		panes = sideBySide(leftPane, rightPane)
	}

	status := st.Lines.Status.Render(r.status)
	switch {
	case r.searching:
		status = r.search.View()
	case r.isErr:
		status = st.Lines.ErrStatus.Render(r.status)
	}
	if r.help.ShowAll && r.height-2-r.helpH < minPanesH {
		// Every key (?) does not fit under the smallest panes (at 50×16
		// the last keys were cut): the help takes their place until ?.
		return common.Fit(lipgloss.JoinVertical(lipgloss.Left, header, common.OneLine(status, r.width), r.helpText), r.width, r.height)
	}
	if r.overlays.Len() == 0 {
		// The two panes are blocks of known width: lay the frame out
		// without measuring their lines again (pane_cache.go).
		paneW := r.evidence.Width() + r.rubric.Width + 8
		return stack(r.width, r.height, header, panes, paneW, common.OneLine(status, r.width), r.helpText)
	}
	out := lipgloss.JoinVertical(lipgloss.Left, header, panes.String(), common.OneLine(status, r.width), r.helpText)
	return common.Fit(out, r.width, r.height)
}

// pane draws one bordered pane of inner width w around a title and body.
func (r *reviewModel) pane(title, body string, w int, focused bool) string {
	st := r.c.Styles
	style := st.PaneBlurred
	if focused {
		style = st.PaneFocused
	}
	h := r.evidence.Height() + 1
	return r.panes.frame(st.Look, style, focused, common.OneLine(st.Lines.PaneTitle.Render(title), w)+"\n"+body, w, h)
}
