package reviewer

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/components/evidence"
	"assessor/ui/components/overlay"
	"assessor/ui/keymap"
	"assessor/ui/styles"
)

// historyKeyMap is the history overlay's bindings.
type historyKeyMap struct {
	keymap.Scroll
	Open, Back key.Binding
	Help, Quit key.Binding

	Search, NextMatch, PrevMatch key.Binding
}

func newHistoryKeyMap() historyKeyMap {
	return historyKeyMap{
		Scroll: keymap.NewScroll(),
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "show feedback")),
		Back:   key.NewBinding(key.WithKeys("esc", "h"), key.WithHelp("esc", "back")),
		Help:   keymap.Help(),
		Quit:   keymap.Quit(),

		Search: keymap.Search(), NextMatch: keymap.NextMatch(), PrevMatch: keymap.PrevMatch(),
	}
}

// ShortHelp implements help.KeyMap.
func (k historyKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Open, k.Back, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (k historyKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Open, k.Back},
		{k.Search, k.NextMatch, k.PrevMatch, k.Help, k.Quit}}
}

// historyEntry is one attempt of the application as the history shows it.
type historyEntry struct {
	attempt  review.Attempt
	decision review.Decision // zero for the attempt under review
	reviewer string          // pseudonymous label, never the reviewer id
	current  bool
	rubric   review.Rubric // the version its decision was made against
}

// historyModel lists every attempt of the application under review, oldest
// first, with its dates, outcome, turnaround, who decided it and its
// levels; enter shows one attempt's full feedback. It shows reviewers only
// as "reviewer A", "reviewer B" (review.ReviewerLabels) and the application
// only by its pseudonym: reviewer ids may be real names, and the
// application id is internal.
type historyModel struct {
	st      *styles.Styles
	keys    historyKeyMap
	rubric  review.Rubric
	pseudo  string
	now     time.Time
	calib   bool // a calibration example: no days waiting (it waits for no one)
	entries []historyEntry
	cursor  int
	detail  bool // showing one attempt's feedback
	done    bool // the reviewer left the history
	vp      viewport.Model
	text    string          // what vp holds, for search
	wraps   []evidence.Wrap // the line breaks text's wrapping put in
	search  evidence.Search
	width   int
	height  int
}

func newHistory(c *common.Common, a review.Assignment, w, h int) historyModel {
	labels := review.ReviewerLabels(a.Previous)
	m := historyModel{st: c.Styles, keys: newHistoryKeyMap(), rubric: a.Rubric,
		pseudo: review.Sanitize(a.Attempt.Pseudonym), now: c.Now(), calib: c.Calibrating(), vp: keymap.NewViewport()}
	for _, p := range a.Previous {
		label := labels[p.Decision.Reviewer]
		if label == "" {
			label = "—"
		}
		m.entries = append(m.entries, historyEntry{attempt: p.Attempt, decision: p.Decision, reviewer: label, rubric: p.ScoredAgainst(a.Rubric)})
	}
	m.entries = append(m.entries, historyEntry{attempt: a.Attempt, reviewer: "you", current: true, rubric: a.Rubric})
	m.cursor = len(m.entries) - 1
	if len(m.entries) > 1 {
		m.cursor-- // the attempt before is the one a reviewer looks back at
	}
	return m.setSize(w, h)
}

// setSize sets the inner size of the pane the history is drawn in.
func (m historyModel) setSize(w, h int) historyModel {
	m.width, m.height = w, h
	m.vp.Width, m.vp.Height = w, h
	if m.detail {
		m.text, m.wraps = m.feedbackText(m.entries[m.cursor])
		m.vp.SetContent(m.text)
	}
	m.keys.Search.SetEnabled(m.detail)
	m.keys.NextMatch.SetEnabled(m.detail)
	m.keys.PrevMatch.SetEnabled(m.detail)
	return m
}

// CanFind implements finder: an attempt's feedback can be searched.
func (m historyModel) CanFind() bool { return m.detail }

// FindStatus implements finder.
func (m historyModel) FindStatus() string { return m.search.Status() }

// Title is the pane title: the pseudonym and where in the history we are.
func (m historyModel) Title() string {
	if m.detail {
		return fmt.Sprintf("History · %s · attempt %d", m.pseudo, m.entries[m.cursor].attempt.Number)
	}
	return "History · " + m.pseudo + " · " + review.Count(len(m.entries), "attempt", "attempts")
}

// Update handles a key; esc on the list closes the history.
func (m historyModel) Update(msg tea.Msg) (overlay.Model, tea.Cmd) {
	if f, ok := msg.(findMsg); ok && m.detail {
		m.search.Find(&m.vp, m.text, m.wraps, f.query, f.dir)
		m.vp.SetContent(m.search.Marked(m.text, m.st))
		return m, nil
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	switch {
	case key.Matches(k, m.keys.Back):
		if !m.detail {
			m.done = true
			return m, nil
		}
		m.detail = false
		m.keys.Open.SetEnabled(true)
		return m.setSize(m.width, m.height), nil
	case m.detail:
		m.keys.Scroll.Viewport(&m.vp, k)
	case key.Matches(k, m.keys.Up):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(k, m.keys.Down):
		m.cursor = min(m.cursor+1, len(m.entries)-1)
	case key.Matches(k, m.keys.Top):
		m.cursor = 0
	case key.Matches(k, m.keys.Bottom):
		m.cursor = len(m.entries) - 1
	case key.Matches(k, m.keys.Open):
		m.detail = true
		m.keys.Open.SetEnabled(false) // help then shows scrolling and esc only
		m.vp.GotoTop()
		return m.setSize(m.width, m.height), nil
	}
	return m, nil
}

// Closed implements overlay.Model.
func (m historyModel) Closed() bool { return m.done }

// Help implements overlay.Model.
func (m historyModel) Help() help.KeyMap { return m.keys }

// SetSize implements overlay.Model.
func (m historyModel) SetSize(w, h int) overlay.Model { return m.setSize(w, h) }

// View draws the list or one attempt's feedback in width×height.
func (m historyModel) View() string {
	if m.detail {
		return m.vp.View()
	}
	var lines []string
	top := 0
	head := fmt.Sprintf("  %-3s %-10s  %-10s  %-9s  %5s  %s", "#", "submitted", "decided", "outcome", "days", "reviewer")
	lines = append(lines, m.st.Label.Render(common.OneLine(head, m.width)))
	for i, e := range m.entries {
		marker := "  "
		if i == m.cursor {
			marker = "▸ "
			top = len(lines)
		}
		row := common.OneLine(marker+m.row(e), m.width)
		if i == m.cursor {
			row = m.st.Selected.Render(row)
		}
		lines = append(lines, row, common.OneLine("      "+m.levels(e), m.width))
	}
	legend := "days: submitted to decided; for the attempt in review, waiting so far"
	if m.calib {
		legend = "days: submitted to decided; the example you score waits for no one"
	}
	lines = append(lines, "", m.st.Faint.Render(common.OneLine(legend, m.width)))
	// Keep the selected attempt in view when the list is taller than the pane.
	if start := top + 2 - m.height; start > 0 {
		lines = append(lines[:1], lines[start+1:]...)
	}
	return common.Fit(strings.Join(lines, "\n"), m.width, m.height)
}

// row is an attempt's summary line.
func (m historyModel) row(e historyEntry) string {
	decided, outcome, days := m.facts(e)
	return fmt.Sprintf("%-3d %-10s  %-10s  %-9s  %5s  %s", e.attempt.Number,
		e.attempt.SubmittedAt.Format("2006-01-02"), decided, outcome, days, e.reviewer)
}

// facts are an attempt's decided date, outcome and turnaround in days (for
// the attempt in review: days waiting so far).
func (m historyModel) facts(e historyEntry) (decided, outcome, days string) {
	decided, outcome = "—", review.Sanitize(string(e.decision.Outcome))
	days = common.DaysWaiting(e.attempt.SubmittedAt, m.now)
	if e.current {
		outcome = "in review"
		if m.calib {
			outcome, days = "example", "—"
		}
	} else if !e.decision.DecidedAt.IsZero() {
		decided = e.decision.DecidedAt.Format("2006-01-02")
		days = common.DaysWaiting(e.attempt.SubmittedAt, e.decision.DecidedAt)
	}
	return decided, outcome, days
}

// levels is an attempt's levels in rubric order, "C1 meets · C2 not-yet …",
// with levels below passing highlighted.
func (m historyModel) levels(e historyEntry) string {
	if e.current {
		return m.st.Faint.Render("not decided yet")
	}
	passing := e.rubric.PassingLevel()
	var out []string
	for _, c := range e.rubric.Criteria {
		if lvl, ok := e.decision.Levels[c.ID]; ok {
			out = append(out, c.ID+" "+m.st.Level(review.Sanitize(lvl), passing).Render(common.Name(lvl)))
		}
	}
	return strings.Join(out, " · ")
}

// feedbackText is one attempt's full feedback, wrapped to the pane, and
// the line breaks its wrapping put in.
func (m historyModel) feedbackText(e historyEntry) (string, []evidence.Wrap) {
	b := &evidence.Builder{Width: max(m.width, 10)}
	at := e.attempt
	b.Para(fmt.Sprintf("%s#%d · submitted %s", m.pseudo, at.Number, at.SubmittedAt.Format("2006-01-02")), 0, m.st.Header.Render)
	if e.current {
		b.Para("This is the attempt you are reviewing; it has no decision yet.", 0, m.st.Faint.Render)
	} else {
		decided, outcome, days := m.facts(e)
		b.Para(fmt.Sprintf("decided %s · %s · %s days · %s", decided, outcome, days, e.reviewer), 0, m.st.Faint.Render)
		if e.rubric.Version != m.rubric.Version {
			b.Para(fmt.Sprintf("scored against version %d of the rubric (this attempt: version %d)", e.rubric.Version, m.rubric.Version), 0, m.st.Faint.Render)
		}
		passing := e.rubric.PassingLevel()
		for _, c := range e.rubric.Criteria {
			lvl, ok := e.decision.Levels[c.ID]
			if !ok {
				continue
			}
			lvl = review.Sanitize(lvl)
			b.Line("")
			b.Para(fmt.Sprintf("%s %s · %s", c.ID, lvl, common.Name(c.Name)), 0, m.st.Level(lvl, passing).Render)
			if fb := strings.TrimSpace(review.Sanitize(e.decision.Feedback[c.ID])); fb != "" {
				b.Para(fb, 2, nil)
			}
		}
		if fb := strings.TrimSpace(review.Sanitize(e.decision.Feedback[review.OverallKey])); fb != "" {
			b.Line("")
			b.Para("Overall", 0, m.st.Label.Render)
			b.Para(fb, 2, nil)
		}
	}
	if note := strings.TrimSpace(review.Sanitize(at.Note)); note != "" {
		b.Line("")
		b.Para("Candidate's note with this attempt", 0, m.st.Label.Render)
		b.Para(note, 2, nil)
	}
	return b.String(), b.Wraps()
}
