// Package dashboard is the lead dashboard program: headline figures over
// six tabs (credentials, reviewers, criteria, trend, turnaround, fairness), read
// only from a common.LeadBackend.
package dashboard

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
	"assessor/ui/keymap"
)

// dashTab names a tab of the lead dashboard.
type dashTab int

const (
	tabCredentials dashTab = iota
	tabReviewers
	tabCriteria
	tabTrend
	tabTurnaround
	tabFairness
	tabCount
)

// String is the tab's title in the tab bar.
func (t dashTab) String() string {
	switch t {
	case tabCredentials:
		return "Credentials"
	case tabReviewers:
		return "Reviewers"
	case tabCriteria:
		return "Criteria"
	case tabTrend:
		return "Trend"
	case tabFairness:
		return "Fairness"
	}
	return "Turnaround"
}

// dashData is one load of everything the dashboard shows. asOf is the
// clock reading at load time, so days waiting do not change between
// redraws of the same data.
type dashData struct {
	report review.Report
	days   []int64
	stacks []review.StackProgress
	queue  []review.QueueItem
	// overdue counts every pending attempt waiting longer than the
	// promise; -1 when it could not be read (the list's count stands).
	overdue int64
	asOf    time.Time
}

// dashboardLoadedMsg carries one load. Each part has its own error so a
// failing turnaround index does not hide the report.
type dashboardLoadedMsg struct {
	seq                          int
	data                         dashData
	reportErr, daysErr, queueErr error
	stacksErr, overdueErr        error
}

// loadDashboardCmd reads the report, the turnaround counts and the oldest
// pending attempts: the queue as a reviewer with no conflicts of interest
// would see it, and the disputes waiting for a lead.
func loadDashboardCmd(b common.LeadBackend, now common.Clock, seq int) tea.Cmd {
	return func() tea.Msg {
		msg := dashboardLoadedMsg{seq: seq}
		msg.data.asOf = now()
		msg.data.report, msg.reportErr = b.Report(time.Time{}, time.Time{})
		msg.data.days, msg.daysErr = b.TurnaroundDays()
		msg.data.stacks, msg.stacksErr = b.StackProgress()
		msg.data.queue, msg.queueErr = b.OldestPending(overdueScan)
		if msg.data.overdue, msg.overdueErr = b.PendingBefore(msg.data.asOf.Add(-promiseDays * 24 * time.Hour)); msg.overdueErr != nil {
			msg.data.overdue = -1
		}
		return msg
	}
}

// dashboardModel is the lead dashboard: headline figures over six tabs.
// It is a program of its own (ui.RunDashboard), so it is its own root model.
type dashboardModel struct {
	backend common.LeadBackend
	lead    string
	now     common.Clock
	ds      dashStyles
	keys    dashKeyMap
	help    help.Model
	tab     dashTab
	creds   sortTable
	revs    sortTable
	crits   []review.CriterionRow // the Criteria tab's rows, as shown (sortedCriteria)
	critAt  int                   // the criterion enter opens
	odAt    int                   // the overdue attempt enter opens
	odLine  int                   // the Turnaround tab's line of the first overdue row
	vp      viewport.Model        // the chart tabs, which can be taller than the screen
	drill   *drillView            // the attempts behind a row, while open (drill.go)
	hist    *histView             // an application's history, while open

	data    dashData
	fair    fairState // the Fairness tab, loaded on its own (fairness.go)
	loaded  bool      // a report has arrived at least once
	loading bool
	seq     int // the latest load; older answers are dropped
	status  string
	isErr   bool
	loadErr error // the last load's failed parts, until a load succeeds (LoadErr)
	width   int
	height  int
}

// LoadErr is the error of the last load if a part of it failed: the
// program's exit error when it quits so.
func (m dashboardModel) LoadErr() error { return m.loadErr }

// New returns the lead dashboard for lead, reading only from b.
// Options.Now, NoColor and Renderer apply; the reviewer-only options are
// ignored.
func New(b common.LeadBackend, lead string, opt common.Options) tea.Model {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	st := common.NewStyles(opt)
	ds := newDashStyles(st)
	k := newDashKeyMap()
	h := help.New()
	h.Styles = st.Help
	m := dashboardModel{
		backend: b, lead: lead, now: opt.Now, ds: ds, keys: k, help: h,
		creds: newSortTable(credentialColumns(), k, ds.table),
		revs:  newSortTable(reviewerColumns(), k, ds.table),
		vp:    keymap.NewViewport(), loading: true, seq: 1,
	}
	return m.setSize(80, 24)
}

// Init loads the data.
func (m dashboardModel) Init() tea.Cmd {
	return tea.Batch(loadDashboardCmd(m.backend, m.now, m.seq), loadFairnessCmd(m.backend, m.seq))
}

// Update handles keys, resizes and loads.
func (m dashboardModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m.setSize(msg.Width, msg.Height), nil
	case dashboardLoadedMsg:
		if msg.seq != m.seq {
			return m, nil // an older reload answered late
		}
		return m.loadedData(msg), nil
	case fairnessLoadedMsg:
		return m.loadedFairness(msg), nil
	case drillLoadedMsg:
		return m.drilled(msg)
	case logsLoadedMsg:
		return m.logsLoaded(msg), nil
	case common.SaveAndQuitMsg:
		return m, tea.Quit // the dashboard only reads: nothing to save
	case tea.KeyMsg:
		return m.updateKey(msg)
	}
	return m, nil
}

// loadedData takes in a load. A part that failed keeps its previous data,
// so a reload that fails leaves the last good figures on screen.
func (m dashboardModel) loadedData(msg dashboardLoadedMsg) dashboardModel {
	m.loading, m.data.asOf = false, msg.data.asOf
	// failed names each part that failed, with a %w for its error in
	// causes: the status names them all, and the exit error wraps them.
	var failed []string
	var causes []any
	fail := func(part string, err error) {
		failed, causes = append(failed, part+": %w"), append(causes, err)
	}
	if msg.reportErr == nil {
		m.data.report, m.loaded = msg.data.report, true
		m.creds = m.creds.setRows(credentialRows(msg.data.report.ByCredential))
		m.revs = m.revs.setRows(reviewerRows(msg.data.report.ByReviewer))
		m.crits = sortedCriteria(msg.data.report.Criteria)
		m.critAt = min(m.critAt, max(len(m.crits)-1, 0))
	} else {
		fail("report", msg.reportErr)
	}
	if msg.daysErr == nil {
		m.data.days = msg.data.days
	} else {
		fail("turnaround", msg.daysErr)
	}
	if msg.stacksErr == nil {
		m.data.stacks = msg.data.stacks
	} else {
		fail("stack progress", msg.stacksErr)
	}
	if msg.queueErr == nil {
		m.data.queue = msg.data.queue
	} else {
		fail("queue", msg.queueErr)
	}
	m.data.overdue = msg.data.overdue // -1, the list's count standing, when it failed
	if msg.overdueErr != nil {
		fail("overdue count", msg.overdueErr)
	}
	m.status, m.isErr, m.loadErr = "", false, nil
	if len(failed) > 0 {
		m.loadErr = fmt.Errorf("could not load "+strings.Join(failed, "; "), causes...)
		m.status, m.isErr = "Could not load "+strings.TrimPrefix(m.loadErr.Error(), "could not load ")+" (r to retry)", true
	}
	return m.setSize(m.width, m.height)
}

func (m dashboardModel) updateKey(k tea.KeyMsg) (tea.Model, tea.Cmd) {
	tableTab := m.tab == tabCredentials || m.tab == tabReviewers
	drilling := m.drill != nil || m.hist != nil
	switch {
	case key.Matches(k, m.keys.Quit):
		return m, tea.Quit
	case m.help.ShowAll && k.String() == "esc",
		m.helpCovers() && !key.Matches(k, m.keys.Help):
		// esc closes what opened last, as it does on every other screen;
		// so does any key while the help covers the tab, which it would
		// act on unseen (enter opened a row no one could see).
		m.help.ShowAll = false
		return m.setSize(m.width, m.height), nil
	case drilling && !key.Matches(k, m.keys.Help, m.keys.NextTab, m.keys.PrevTab, m.keys.GoTab):
		return m.updateDrill(k)
	case key.Matches(k, m.keys.Open):
		return m.openDrill()
	case key.Matches(k, m.keys.Help):
		m.help.ShowAll = !m.help.ShowAll
		return m.setSize(m.width, m.height), nil
	case key.Matches(k, m.keys.Reload):
		m.seq++
		m.loading, m.status, m.isErr = true, "Reloading…", false
		return m, tea.Batch(loadDashboardCmd(m.backend, m.now, m.seq), loadFairnessCmd(m.backend, m.seq))
	case key.Matches(k, m.keys.NextTab):
		return m.setTab((m.tab + 1) % tabCount), nil
	case key.Matches(k, m.keys.PrevTab):
		return m.setTab((m.tab + tabCount - 1) % tabCount), nil
	case key.Matches(k, m.keys.GoTab):
		return m.setTab(dashTab(k.String()[0] - '1')), nil
	case tableTab && key.Matches(k, m.keys.Sort):
		*m.table() = m.table().cycle()
		return m, nil
	case tableTab && key.Matches(k, m.keys.Reverse):
		*m.table() = m.table().reverse()
		return m, nil
	case tableTab:
		var cmd tea.Cmd
		*m.table(), cmd = m.table().move(k)
		return m, cmd
	}
	// On the tabs with a selection, the keys that move move it, and enter
	// opens what they show selected.
	moves := m.moves(k)
	switch {
	case m.tab == tabCriteria && moves:
		m.critAt = step(m.critAt, k, m.keys, len(m.crits), m.vp.Height)
		return m.setSize(m.width, m.height).scrollFor(k).showLine(criteriaHead + m.critAt), nil
	case m.tab == tabTurnaround && moves:
		items, _ := overdue(m.data)
		if n := min(len(items), overdueShown); n > 0 {
			m.odAt = step(m.odAt, k, m.keys, n, m.vp.Height)
			m = m.setSize(m.width, m.height)
			line := m.odLine + m.odAt
			if m.odAt == n-1 && len(items) > n {
				line++ // and the "… and N more" under the last row
			}
			return m.scrollFor(k).showLine(line), nil
		}
	}
	switch {
	case key.Matches(k, m.keys.Top):
		m.vp.GotoTop()
	case key.Matches(k, m.keys.Bottom):
		m.vp.GotoBottom()
	default:
		m.keys.Viewport(&m.vp, k)
	}
	return m, nil
}

// moves reports whether k moves a selection (step).
func (m dashboardModel) moves(k tea.KeyMsg) bool {
	return key.Matches(k, m.keys.Up, m.keys.Down, m.keys.Top, m.keys.Bottom, m.keys.PageUp, m.keys.PageDown)
}

// step moves a cursor over n rows one up or down, a page of page rows up
// or down, or to the first or last, as k asks: the selection moves with
// what the keys scroll, so enter opens a row on the screen.
func step(at int, k tea.KeyMsg, keys dashKeyMap, n, page int) int {
	switch {
	case key.Matches(k, keys.Top):
		at = 0
	case key.Matches(k, keys.Bottom):
		at = n - 1
	case key.Matches(k, keys.PageUp):
		at -= max(page, 1)
	case key.Matches(k, keys.PageDown):
		at += max(page, 1)
	case key.Matches(k, keys.Up):
		at--
	default:
		at++
	}
	return max(min(at, n-1), 0)
}

// scrollFor takes the view to its top or bottom for g or G, so what is
// around the first or last row shows too; showLine then keeps the
// selection in view.
func (m dashboardModel) scrollFor(k tea.KeyMsg) dashboardModel {
	switch {
	case key.Matches(k, m.keys.Top):
		m.vp.GotoTop()
	case key.Matches(k, m.keys.Bottom):
		m.vp.GotoBottom()
	}
	return m
}

// showLine scrolls the chart tab's viewport just enough to show line.
func (m dashboardModel) showLine(line int) dashboardModel {
	switch {
	case line < m.vp.YOffset:
		m.vp.SetYOffset(line)
	case line >= m.vp.YOffset+m.vp.Height:
		m.vp.SetYOffset(line - m.vp.Height + 1)
	}
	return m
}

// table is the active tab's table; only valid on the table tabs.
func (m *dashboardModel) table() *sortTable {
	if m.tab == tabReviewers {
		return &m.revs
	}
	return &m.creds
}

// setTab shows tab t from its top, closing any drill-down.
func (m dashboardModel) setTab(t dashTab) dashboardModel {
	m.tab, m.drill, m.hist = t, nil, nil
	m = m.setSize(m.width, m.height)
	m.vp.GotoTop()
	return m
}
