// Package adjudicate is the lead's adjudication program: the attempts
// whose two blind reviews disagree and, for the open one, the evidence and
// the rubric (the review screen's panes) beside both reviews and the lead's
// final scoring, kept in a scoring.Sheet.
package adjudicate

import (
	"errors"
	"fmt"
	"maps"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/components/evidence"
	"assessor/ui/components/markdown"
	"assessor/ui/components/scoring"
	"assessor/ui/keymap"
	"assessor/ui/styles"
)

// disputesLoadedMsg carries the disputes list.
type disputesLoadedMsg struct {
	items []review.Dispute
	err   error
}

// adjudicatedMsg reports an Adjudicate.
type adjudicatedMsg struct {
	handle   string
	decision review.Decision
	err      error
}

// adjudicateModel is the lead's adjudication screen: a list of disputed
// attempts and, for the open one, the two reviews side by side ("review 1",
// "review 2") with the lead's final level and feedback per criterion.
type adjudicateModel struct {
	b        common.AdjudicationBackend
	lead     string
	st       *styles.Styles
	md       *markdown.Cache // rubric renderings, as the review screen's
	now      common.Clock
	keys     adjudicateKeyMap
	help     help.Model
	disputes []review.Dispute
	loaded   bool
	cursor   int
	open     *adjudication // nil while the list shows
	// drafts are the choices the lead left a dispute with (esc), by
	// attempt, while the program runs: opening it again restores them.
	drafts map[review.AttemptKey]draft
	status string
	isErr  bool
	// loadErr is the last load's error, shown as the status until r
	// loads again (any other status goes at the next key), and the
	// program's exit error if it quits so (LoadErr).
	loadErr error
	width   int
	height  int
}

// adjudication is the lead's work on one dispute: a scoring.Sheet, the
// scoring the reviewer's panel keeps too, whose rows are the rubric's
// criteria, then review.OverallKey.
type adjudication struct {
	d          review.Dispute
	sheet      scoring.Sheet
	confirming bool
	deciding   bool
	notice     string

	// The panes beside the scoring (detail.go): the attempt's evidence and
	// the rubric, which follows the selected criterion. pgup/pgdn scroll
	// the focused one; tab moves the focus (and, when there is room for
	// only one of them, shows the other).
	ev       evidence.Pane
	rub      viewport.Model
	rendered markdown.Rubric
	rubW     int
	onRubric bool
	// side: under narrowLayout columns one pane shows at a time, the
	// scoring unless side (then the evidence, or the rubric).
	side bool

	// start is the sheet as the dispute opened, before any draft: esc
	// keeps a draft only of choices that differ from it.
	start draft
}

// draft is the lead's choices on one dispute: levels, feedback and the
// selected row.
type draft struct {
	levels, feedback map[string]string
	cursor           int
}

// draft is what the lead has chosen so far.
func (a *adjudication) draft() draft {
	return draft{levels: maps.Clone(a.sheet.Levels), feedback: maps.Clone(a.sheet.Feedback), cursor: a.sheet.Cursor()}
}

// changed reports whether the lead's choices differ from how the dispute
// opened: levels, or feedback that is not blank.
func (a *adjudication) changed() bool {
	return !maps.Equal(a.sheet.Levels, a.start.levels) || !maps.Equal(written(a.sheet.Feedback), written(a.start.feedback))
}

// restore puts a draft's choices back, those of the rubric's rows only.
func (a *adjudication) restore(d draft) {
	clear(a.sheet.Levels)
	clear(a.sheet.Feedback)
	for _, id := range a.sheet.Rows() {
		if l, ok := d.levels[id]; ok {
			a.sheet.Levels[id] = l
		}
		if fb, ok := d.feedback[id]; ok {
			a.sheet.SetFeedback(id, fb)
		}
	}
	a.sheet.Move(d.cursor)
}

// LoadErr is the error of the last load of disputes if it failed and none
// loaded since: the program's exit error when it quits so.
func (m adjudicateModel) LoadErr() error { return m.loadErr }

// New returns the adjudication program's root model for lead.
func New(b common.AdjudicationBackend, lead string, opt common.Options) tea.Model {
	st := common.NewStyles(opt)
	h := help.New()
	h.Styles = st.Help
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	return adjudicateModel{b: b, lead: lead, st: st, md: common.NewMarkdown(opt, st), now: now,
		keys: newAdjudicateKeyMap(), help: h, width: 80, height: 24, drafts: map[review.AttemptKey]draft{}}
}

func loadDisputesCmd(b common.AdjudicationBackend, lead string) tea.Cmd {
	return func() tea.Msg {
		items, err := b.Disputes(lead)
		return disputesLoadedMsg{items, err}
	}
}

// Init loads the disputes.
func (m adjudicateModel) Init() tea.Cmd { return loadDisputesCmd(m.b, m.lead) }

// Update handles keys and the results of the screen's commands.
func (m adjudicateModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.Width = msg.Width
		m.layout()
		return m, nil
	case disputesLoadedMsg:
		m.loaded, m.loadErr = true, nil
		if msg.err != nil {
			m.loadErr = fmt.Errorf("could not load disputes: %w", msg.err)
			m.status, m.isErr = "Could not load disputes: "+msg.err.Error()+" (r to retry)", true
			return m, nil
		}
		m.disputes = msg.items
		// A dispute no longer listed (another lead decided it) keeps no
		// draft.
		listed := map[review.AttemptKey]bool{}
		for _, d := range m.disputes {
			listed[d.Attempt.Key()] = true
		}
		maps.DeleteFunc(m.drafts, func(k review.AttemptKey, _ draft) bool { return !listed[k] })
		m.cursor = min(m.cursor, max(len(m.disputes)-1, 0))
		return m, nil
	case adjudicatedMsg:
		if msg.err != nil {
			m.open.deciding = false
			m.open.notice = "Not recorded: " + msg.err.Error()
			if errors.Is(msg.err, review.ErrNotDisputed) {
				// It was listed when opened: settled since, by another lead.
				m.open.notice = "Not recorded: another lead settled " + msg.handle + " meanwhile (esc, then r)"
			}
			return m, nil
		}
		delete(m.drafts, m.open.d.Attempt.Key())
		m.open = nil
		m.status, m.isErr = fmt.Sprintf("Recorded %s for %s as the decision of record", strings.ToUpper(string(msg.decision.Outcome)), msg.handle), false
		return m, loadDisputesCmd(m.b, m.lead)
	case common.SaveAndQuitMsg:
		// An adjudication is recorded whole or not at all: nothing to save.
		return m, tea.Quit
	case tea.KeyMsg:
		if msg.String() == "ctrl+c" {
			return m, tea.Quit
		}
		if m.open != nil {
			return m.updateDetail(msg)
		}
		return m.updateList(msg)
	}
	if m.open != nil {
		cmd, _ := m.open.sheet.UpdateText(msg) // cursor blink
		return m, cmd
	}
	return m, nil
}

func (m adjudicateModel) updateList(k tea.KeyMsg) (tea.Model, tea.Cmd) {
	if m.loadErr == nil {
		// The status spoke of the last action (a decision recorded, a
		// dispute refused, choices kept): the next key clears it, as it
		// clears the open dispute's notice.
		m.status, m.isErr = "", false
	}
	switch {
	case key.Matches(k, m.keys.Quit):
		return m, tea.Quit
	case key.Matches(k, m.keys.Help):
		m.help.ShowAll = !m.help.ShowAll
	case k.String() == "esc" && m.help.ShowAll:
		m.help.ShowAll = false // as on the open dispute
	case key.Matches(k, m.keys.Up):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(k, m.keys.Down):
		m.cursor = min(m.cursor+1, max(len(m.disputes)-1, 0))
	case key.Matches(k, m.keys.Reload):
		m.status, m.isErr = "", false
		return m, loadDisputesCmd(m.b, m.lead)
	case key.Matches(k, m.keys.Open):
		if len(m.disputes) > 0 && m.disputes[m.cursor].Own {
			// Said now, not after the lead has scored it all.
			m.status, m.isErr = review.Sanitize(m.disputes[m.cursor].Attempt.Handle())+": "+review.ErrOwnReview.Error(), true
			return m, nil
		}
		if len(m.disputes) > 0 {
			m.open = newAdjudication(m.disputes[m.cursor], m.st, m.now)
			m.keys = m.keys.withRubric(m.open.d.Rubric)
			m.status = ""
			if d, ok := m.drafts[m.open.d.Attempt.Key()]; ok {
				m.open.restore(d)
				m.open.notice = "Your choices from before are restored."
			}
			m.layout()
		}
	}
	return m, nil
}

// newAdjudication starts the lead's work on d: where both reviews gave a
// criterion the same level, that level and review 1's feedback are
// filled in; the rest waits for the lead.
func newAdjudication(d review.Dispute, st *styles.Styles, now common.Clock) *adjudication {
	rows := append(scoring.CriterionRows(d.Rubric), review.OverallKey)
	a := &adjudication{d: d, sheet: scoring.NewSheet(st, d.Rubric, rows, nil, nil),
		// No files view here: the evidence lists files without `a`.
		ev:  evidence.NewPane(st, review.Assignment{Attempt: d.Attempt, Rubric: d.Rubric}, now).WithoutFilesView(),
		rub: keymap.NewViewport()}
	for _, c := range d.Rubric.Criteria {
		if l := d.Reviews[0].Levels[c.ID]; l != "" && l == d.Reviews[1].Levels[c.ID] {
			a.take(c.ID, 0)
		}
	}
	a.start = a.draft()
	return a
}

// take copies review i's level (not for overall) and feedback on row id.
func (a *adjudication) take(id string, i int) {
	r := a.d.Reviews[i]
	if id != review.OverallKey {
		a.sheet.Levels[id] = r.Levels[id]
	}
	a.sheet.SetFeedback(id, r.Feedback[id])
}

func (m adjudicateModel) updateDetail(k tea.KeyMsg) (tea.Model, tea.Cmd) {
	a := m.open
	row := a.sheet.Row()
	switch {
	case a.deciding:
		return m, nil
	case a.confirming:
		switch k.String() {
		case "y", "Y":
			a.confirming, a.deciding = false, true
			a.notice = "Recording the decision…"
			return m, adjudicateCmd(m.b, m.lead, a.d, maps.Clone(a.sheet.Levels), written(a.sheet.Feedback))
		case "n", "N", "esc":
			a.confirming = false
		}
		return m, nil
	case a.sheet.Editing():
		if key.Matches(k, m.keys.Done) {
			a.sheet.StopEditing()
			return m, nil
		}
		cmd, _ := a.sheet.UpdateText(k)
		if a.sheet.Cut() {
			a.notice = scoring.CutNote
		}
		return m, cmd
	}
	a.notice = ""
	switch {
	case key.Matches(k, m.keys.Back) && m.help.ShowAll:
		// esc closes the help first, as on every other screen.
		m.help.ShowAll = false
		m.layout()
	case key.Matches(k, m.keys.Back):
		// Choices are kept, as the review screen keeps drafts, but in
		// memory only: an adjudication is recorded whole or not at all.
		handle := review.Sanitize(a.d.Attempt.Handle())
		if a.changed() {
			m.drafts[a.d.Attempt.Key()] = a.draft()
			m.status, m.isErr = "Kept your choices for "+handle+" while assessor runs: enter on it restores them", false
		} else {
			delete(m.drafts, a.d.Attempt.Key())
		}
		m.open = nil
	case key.Matches(k, m.keys.Quit) && k.String() == "q":
		return m, tea.Quit
	case key.Matches(k, m.keys.Help):
		m.help.ShowAll = !m.help.ShowAll
	case key.Matches(k, m.keys.Up):
		a.sheet.Move(-1)
		a.followCriterion()
	case key.Matches(k, m.keys.Down):
		a.sheet.Move(1)
		a.followCriterion()
	case key.Matches(k, m.keys.Focus) && m.width < narrowLayout:
		// One pane at a time: scoring, evidence, rubric, and round.
		switch {
		case !a.side:
			a.side, a.onRubric = true, false
		case !a.onRubric:
			a.onRubric = true
		default:
			a.side = false
		}
		m.layout()
	case key.Matches(k, m.keys.Focus):
		a.onRubric = !a.onRubric
		m.layout()
	case key.Matches(k, m.keys.PageUp), key.Matches(k, m.keys.PageDown):
		a.scroll(k, m.keys.Scroll)
	case key.Matches(k, m.keys.TakeOne):
		a.take(row, 0)
	case key.Matches(k, m.keys.TakeTwo):
		a.take(row, 1)
	case key.Matches(k, m.keys.Level):
		a.sheet.SetLevel(scoring.KeyLevel(a.d.Rubric, k))
	case key.Matches(k, m.keys.Meets):
		a.sheet.SetLevel(a.d.Rubric.PassingLevel())
	case key.Matches(k, m.keys.NotYet):
		a.sheet.SetLevel(a.d.Rubric.AllLevels()[0])
	case key.Matches(k, m.keys.Edit):
		return m, a.sheet.StartEditing(row)
	case key.Matches(k, m.keys.Confirm):
		a.notice = a.refusal()
		a.confirming = a.notice == ""
	}
	return m, nil
}

// written is the feedback without the entries the lead left blank: what
// the lead wrote, as they wrote it.
func written(fb map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range fb {
		if strings.TrimSpace(v) != "" {
			out[k] = v
		}
	}
	return out
}

// refusal says why the final scoring cannot be recorded yet, or "".
func (a *adjudication) refusal() string {
	how := " (a/b take a review's level, " + scoring.LevelKeys(a.d.Rubric).Help().Key + " set one)"
	if miss := a.sheet.Unscored(); len(miss) > 0 {
		// Named as the feedback refusal below names them, not as the
		// store's error does ("levels.C1: criterion not scored").
		return "Can't confirm yet: " + strings.Join(miss, ", ") + " " + common.Plural(len(miss), "is", "are") + " not scored" + how
	}
	if _, err := a.sheet.Outcome(); err != nil {
		return "Can't confirm yet: " + err.Error() + how
	}
	if miss := a.sheet.MissingFeedback(); len(miss) > 0 {
		return "Can't confirm: " + strings.Join(miss, ", ") + " " + common.Plural(len(miss), "needs", "need") + " feedback (e to write)"
	}
	return ""
}

func adjudicateCmd(b common.AdjudicationBackend, lead string, d review.Dispute, levels, feedback map[string]string) tea.Cmd {
	return func() tea.Msg {
		dec, err := b.Adjudicate(lead, d.Attempt.Key(), levels, feedback)
		if err != nil && errors.Is(err, review.ErrNoFeedback) {
			err = fmt.Errorf("%w: write it with e", err)
		}
		return adjudicatedMsg{handle: review.Sanitize(d.Attempt.Handle()), decision: dec, err: err}
	}
}
