package dashboard

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/keymap"
)

// The drill-down: enter on a credential, reviewer or criterion row lists
// the attempts behind it; enter on one of those, or on an overdue attempt,
// shows its application's history. esc goes back one step. Attempts are
// named by handle only, never by application id or candidate identity.

// drillLimit caps the attempts a drill-down lists; the heading says how
// many there are in all.
const drillLimit = 500

// maxEarlyKeys bounds the keys kept while a drill-down loads.
const maxEarlyKeys = 16

// drillLoadedMsg carries the attempts behind a row, read at at: what is
// pending has waited until then (a dashboard open for days measured it
// against its last full load).
type drillLoadedMsg struct {
	filter review.DrillFilter
	rows   []review.DrillRow
	total  int
	at     time.Time
	err    error
}

// logsLoadedMsg carries an application's history, read at at.
type logsLoadedMsg struct {
	key  review.AttemptKey
	logs []review.AttemptLog
	at   time.Time
	err  error
}

func drillCmd(b common.LeadBackend, now common.Clock, f review.DrillFilter) tea.Cmd {
	return func() tea.Msg {
		at := now()
		rows, total, err := b.DrillDown(f, drillLimit)
		return drillLoadedMsg{f, rows, total, at, err}
	}
}

func logsCmd(b common.LeadBackend, now common.Clock, k review.AttemptKey) tea.Cmd {
	return func() tea.Msg {
		at := now()
		logs, err := b.AttemptLogs(k)
		return logsLoadedMsg{k, logs, at, err}
	}
}

// drillView is the list behind one row.
type drillView struct {
	what   string // "credential Descriptive Feedback", "reviewer rev-03"
	filter review.DrillFilter
	rows   []review.DrillRow
	total  int
	at     time.Time // when rows were read
	loaded bool
	err    error
	cursor int
	top    int // first row shown
	// early are the keys pressed while the rows were loading (enter G,
	// typed fast or over a slow link), applied once they are in.
	early []tea.KeyMsg
}

// histView is one application's history, opened from a drill-down row or
// an overdue attempt.
type histView struct {
	handle string
	key    review.AttemptKey
	logs   []review.AttemptLog
	at     time.Time // when logs were read
	loaded bool
	err    error
	vp     viewport.Model
}

// openDrill lists the attempts behind the selected row of the active tab.
func (m dashboardModel) openDrill() (dashboardModel, tea.Cmd) {
	titles := credentialTitles(m.data.report)
	var d drillView
	switch m.tab {
	case tabCredentials:
		id, ok := m.creds.selected()
		if !ok {
			return m, nil
		}
		d = drillView{what: "credential " + cmp.Or(titles[id], id), filter: review.DrillFilter{Credential: id}}
	case tabReviewers:
		id, ok := m.revs.selected()
		if !ok {
			return m, nil
		}
		d = drillView{what: "reviewer " + id, filter: review.DrillFilter{Reviewer: id}}
	case tabCriteria:
		if m.critAt >= len(m.crits) {
			return m, nil
		}
		c := m.crits[m.critAt]
		d = drillView{what: "criterion " + c.Criterion + " of " + cmp.Or(titles[c.Credential], c.Credential),
			filter: review.DrillFilter{Credential: c.Credential, Criterion: c.Criterion}}
	case tabTurnaround:
		items, _ := overdue(m.data)
		if m.odAt >= min(len(items), overdueShown) {
			return m, nil
		}
		// A short screen shows the histogram first and the list below
		// it: enter first brings the selected attempt into view, so it
		// opens only what the lead has seen selected.
		if line := m.odLine + m.odAt; line < m.vp.YOffset || line >= m.vp.YOffset+m.vp.Height {
			return m.showLine(line), nil
		}
		return m.openHistory(items[m.odAt].Key(), items[m.odAt].Handle())
	default:
		return m, nil
	}
	d.what = common.Name(d.what)
	m.drill, m.hist = &d, nil
	return m, drillCmd(m.backend, m.now, d.filter)
}

// openHistory shows the history of attempt k's application.
func (m dashboardModel) openHistory(k review.AttemptKey, handle string) (dashboardModel, tea.Cmd) {
	m.hist = &histView{handle: review.Sanitize(handle), key: k, vp: keymap.NewViewport()}
	return m.setSize(m.width, m.height), logsCmd(m.backend, m.now, k)
}

// drilled takes in a drill-down's rows, if it is still the one open, and
// then the keys pressed while they loaded.
func (m dashboardModel) drilled(msg drillLoadedMsg) (dashboardModel, tea.Cmd) {
	if m.drill == nil || m.drill.filter != msg.filter {
		return m, nil
	}
	d := *m.drill
	d.rows, d.total, d.at, d.err, d.loaded = msg.rows, msg.total, msg.at, msg.err, true
	early := d.early
	d.early = nil
	m.drill = &d
	var cmds []tea.Cmd
	for _, k := range early {
		if m.drill == nil || m.hist != nil {
			break // esc or enter took the list away
		}
		var cmd tea.Cmd
		m, cmd = m.updateDrill(k)
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

// logsLoaded takes in a history, if it is still the one open.
func (m dashboardModel) logsLoaded(msg logsLoadedMsg) dashboardModel {
	if m.hist == nil || m.hist.key != msg.key {
		return m
	}
	h := *m.hist
	h.logs, h.at, h.err, h.loaded = msg.logs, msg.at, msg.err, true
	m.hist = &h
	return m.setSize(m.width, m.height)
}

// updateDrill handles keys while a drill-down or a history is open.
func (m dashboardModel) updateDrill(k tea.KeyMsg) (dashboardModel, tea.Cmd) {
	switch {
	case k.String() == "esc":
		if m.hist != nil {
			m.hist = nil
		} else {
			m.drill = nil
		}
		return m.setSize(m.width, m.height), nil
	case m.hist != nil:
		h := *m.hist
		switch {
		case key.Matches(k, m.keys.Top):
			h.vp.GotoTop()
		case key.Matches(k, m.keys.Bottom):
			h.vp.GotoBottom()
		default:
			m.keys.Viewport(&h.vp, k)
		}
		m.hist = &h
		return m, nil
	}
	d := *m.drill
	if !d.loaded {
		if len(d.early) < maxEarlyKeys {
			d.early = append(d.early, k)
		}
		m.drill = &d
		return m, nil
	}
	page := max(m.drillRowsShown(), 1)
	switch {
	case m.moves(k):
		d.cursor = step(d.cursor, k, m.keys, len(d.rows), page)
	case k.String() == "enter":
		if d.cursor < len(d.rows) {
			m.drill = &d
			return m.openHistory(d.rows[d.cursor].Key, d.rows[d.cursor].Handle)
		}
	}
	// Keep the cursor on a row that shows.
	d.top = max(min(d.top, d.cursor), d.cursor-page+1, 0)
	m.drill = &d
	return m, nil
}

// drillHead is how many lines the drill-down has above its rows.
const drillHead = 3

// drillRowsShown is how many attempt rows fit in the body.
func (m dashboardModel) drillRowsShown() int { return m.bodyHeight() - drillHead }

// drillBody draws the attempts behind the row.
func (m dashboardModel) drillBody() string {
	ds, d, w := m.ds, m.drill, m.width
	// The count first: a long credential's name cut at 80 columns took it.
	count := review.Count(d.total, "attempt", "attempts")
	switch {
	case !d.loaded || d.err != nil:
		count = "The attempts" // not counted yet: not "0 attempts"
	case len(d.rows) < d.total:
		count = fmt.Sprintf("The first %d of %s", len(d.rows), count)
	}
	lines := []string{common.OneLine(ds.heading.Render(count+" behind "+d.what), w)}
	switch {
	case !d.loaded:
		return strings.Join(append(lines, ds.empty.Render("Loading…")), "\n")
	case d.err != nil:
		return strings.Join(append(lines, ds.errStatus.Render("Could not list them: "+review.Sanitize(d.err.Error()))), "\n")
	case len(d.rows) == 0:
		return strings.Join(append(lines, ds.empty.Render("No attempt.")), "\n")
	}
	header := []string{"Attempt", "Submitted", "Status", "Decided", "Days", "Reviewer"}
	if d.filter.Criterion != "" {
		// The level is what a criterion's list is for: beside the status,
		// before what a narrow window hides.
		header = slices.Insert(header, 3, "Level "+d.filter.Criterion)
	}
	var rows [][]string
	for _, r := range d.rows {
		status, decided := "pending", "—"
		if !r.Pending() {
			status, decided = string(r.Outcome), r.DecidedAt.Format("2006-01-02")
		}
		days := r.TurnaroundDays(d.at)
		row := []string{review.Sanitize(r.Handle), r.SubmittedAt.Format("2006-01-02"), review.Sanitize(status), decided,
			review.FormatFigure(&days), review.Sanitize(cmp.Or(r.Reviewer, "—"))}
		if d.filter.Criterion != "" {
			row = slices.Insert(row, 3, common.Name(r.Level))
		}
		rows = append(rows, row)
	}
	// The handle is what a lead reads off this table: it keeps its whole
	// width, and a narrow window hides whole columns on the right instead,
	// and says so, rather than cut a figure.
	n := len(header)
	for n > 1 && tableWidth(header[:n], rows) > w-2 {
		n--
	}
	note := "Pending first (longest waiting on top), then decided, latest first · days: to the decision, or waiting so far"
	if hidden := len(header) - n; hidden > 0 {
		note = review.Count(hidden, "column needs", "columns need") + " more width · " + note
	}
	lines = append(lines, ds.note.Render(common.OneLine(note, w)))
	table := plainTable(header[:n], rows, 0, max(w-2, tableWidth(header[:n], rows)))
	lines = append(lines, "  "+table[0])
	shown := m.drillRowsShown()
	for i := d.top; i < len(d.rows) && i < d.top+shown; i++ {
		if i == d.cursor {
			lines = append(lines, ds.selected.Render(marker+table[i+1]))
		} else {
			lines = append(lines, "  "+table[i+1])
		}
	}
	return strings.Join(lines, "\n")
}

// drillBelow is how many drill-down rows are hidden under the screen.
func (m dashboardModel) drillBelow() int {
	if m.drill == nil || m.hist != nil {
		return 0
	}
	return max(len(m.drill.rows)-m.drill.top-m.drillRowsShown(), 0)
}

// historyText is an application's history: each attempt with its dates
// and outcome, then every change to its decision, oldest first.
func (m dashboardModel) historyText(w int) string {
	ds, h := m.ds, m.hist
	lines := []string{common.OneLine(ds.heading.Render("History of "+h.handle)+ds.note.Render(" · every attempt of the application, oldest first"), w), ""}
	switch {
	case !h.loaded:
		return strings.Join(append(lines, ds.empty.Render("Loading…")), "\n")
	case h.err != nil:
		return strings.Join(append(lines, ds.errStatus.Render("Could not read the history: "+review.Sanitize(h.err.Error()))), "\n")
	}
	for _, l := range h.logs {
		state := fmt.Sprintf("pending · waiting %s days", figureDays(h.at.Sub(l.SubmittedAt)))
		if d := l.Decision; d != nil {
			state = fmt.Sprintf("%s · decided %s by %s · %s days", d.Outcome, d.DecidedAt.Format("2006-01-02"), d.Reviewer,
				figureDays(d.DecidedAt.Sub(l.SubmittedAt)))
		}
		lines = append(lines, hang(review.Sanitize(fmt.Sprintf("%s · submitted %s · %s", l.Handle, l.SubmittedAt.Format("2006-01-02"), state)), 0, 4, w)...)
		for _, e := range l.History {
			lines = append(lines, hang(common.Name(fmt.Sprintf("%s  %-6s %-10s %-8s %s", e.At.UTC().Format("2006-01-02 15:04"),
				e.Action, e.By, e.Decision.Outcome, review.CompactLevels(e.Decision.Levels))), 2, 6, w)...)
			if e.Reason != "" {
				// As typed for amend --reason: drawn as the levels above are.
				lines = append(lines, hang("reason: "+common.Name(e.Reason), 6, 14, w)...)
			}
		}
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// hang wraps text to w cells, its first line indented by first cells and
// the rest by rest, so no figure of a history line is cut off.
func hang(text string, first, rest, w int) []string {
	out := strings.Split(common.Wrap(text, max(w-first, 10)), "\n")
	if len(out) > 1 {
		out = append(out[:1], strings.Split(common.Wrap(strings.Join(out[1:], " "), max(w-rest, 10)), "\n")...)
	}
	for i := range out {
		out[i] = strings.Repeat(" ", map[bool]int{true: first, false: rest}[i == 0]) + out[i]
	}
	return out
}

// figureDays is a duration in days, rounded as every figure of days.
func figureDays(d time.Duration) string {
	days := review.DurationDays(d)
	return review.FormatFigure(&days)
}
