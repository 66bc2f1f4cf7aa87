package dashboard

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"assessor/ui/common"
	"assessor/ui/internal/uitest"
)

// startDashboard runs the dashboard on f at w×h with the fixed test clock.
// It reuses session for reading output and pressing keys.
func startDashboard(t *testing.T, f *fakeLead, opt common.Options, w, h int) *session {
	t.Helper()
	if opt.Now == nil {
		opt.Now = testClock
	}
	return uitest.Start(t, New(f, "lead-1", opt), w, h)
}

// dashFinal quits with q and returns the last frame.
func dashFinal(s *session) string {
	s.T.Helper()
	s.Press("q")
	return s.Final().View()
}

// requireOrder fails unless every sub appears in view, in the given order.
func requireOrder(t *testing.T, view string, subs ...string) {
	t.Helper()
	last := -1
	for _, sub := range subs {
		at := strings.Index(view, sub)
		if at < 0 || at <= last {
			t.Fatalf("want %q in order; %q missing or out of order in:\n%s", subs, sub, view)
		}
		last = at
	}
}

func TestDashboardGolden(t *testing.T) {
	s := startDashboard(t, newFakeLead(), common.Options{}, 100, 30)
	s.WaitAfter(0, "Eliciting Evidence of Learning")
	teatest.RequireEqualOutput(t, []byte(dashFinal(s)))
}

func TestDashboardHeadline(t *testing.T) {
	s := startDashboard(t, newFakeLead(), common.Options{}, 100, 30)
	s.WaitAfter(0, "Applications 16", "First-time pass 37.5% (national reference ≈40%)", "Eventual pass 43.8%",
		"Mean attempts to pass 1.43", "Decided 15 / pending 3",
		"Median turnaround 16.25 days — over the 14-day promise", "as of 2024-03-15 12:00")
}

// TestDashboardTabs walks the tabs with 1–6, tab and shift+tab, and checks
// each shows its key figures.
func TestDashboardTabs(t *testing.T) {
	s := startDashboard(t, newFakeLead(), common.Options{}, 100, 40)
	// Figures read as `assessor report` prints them (review.FormatRate,
	// review.FormatFigure): rates with one decimal, days with two.
	s.WaitAfter(0, "[1 Credentials]", "Descriptive Feedback of Student Learning", "25.0%", "75.0%", "1.67", "18.50",
		"Eliciting Evidence of Learning", "55.6%", "9.00")
	s.Do(keys("2"), "[2 Reviewers]", "rev-03", "50.0%", "3.25", "rev-07", "75.0%", "20.10")
	s.Do(keys("3"), "[3 Criteria]", "Descriptive Feedback of Student Learning C2", "30.8%  (4 of 13)",
		"15.4%  (2 of 13)", "Eliciting Evidence of Learning C1", "10.0%  (1 of 10)")
	s.Do(keys("4"), "[4 Trend]", "2024-01", "50.0%  (2 of 4)", "2024-02", "33.3%  (2 of 6)",
		"2024-03", "(none decided)", "40%", "By stack", "Assessment Literacy", "46.2%",
		"Stack progress", "1/3: 7 · 2/3: 2 · 3/3: 1")
	s.Do(keys("5"), "[5 Turnaround]", "Decided in under 14 days: 9 of 15 (60.0%)", "14 days and more →",
		"30+", "Overdue: 2 attempts waiting > 14 days")
	s.Do(keys("6"), "[6 Fairness]", "Pass rates by candidate group", "k = 7", "56.3% of 16", "87.5% of 16")
	s.Do(keys("tab"), "[1 Credentials]")
	m := s.Mark()
	s.TM.Send(tea.KeyMsg{Type: tea.KeyShiftTab})
	s.WaitAfter(m, "[6 Fairness]")
	s.Do(keys("1"), "[1 Credentials]")
}

// TestDashboardCriteriaHighestFirst checks the bars are ordered by not-yet
// rate, not by the report's key order, with the unscored criterion last.
func TestDashboardCriteriaHighestFirst(t *testing.T) {
	s := startDashboard(t, newFakeLead(), common.Options{}, 100, 40)
	s.WaitAfter(0, "Eliciting Evidence of Learning")
	s.Do(keys("3"), "Classroom Discourse C1")
	requireOrder(t, dashFinal(s), "Student Learning C2", "Student Learning C3", "Evidence of Learning C1",
		"Student Learning C1", "Classroom Discourse C1")
}

func TestDashboardSortCycles(t *testing.T) {
	s := startDashboard(t, newFakeLead(), common.Options{}, 100, 30)
	// The whole title shows only once the 100-column size has arrived: a
	// first frame drawn at the default 80 columns cuts it.
	s.WaitAfter(0, "Sorted by credential ↑", "Descriptive Feedback ")
	before := s.Out.String()
	requireOrder(t, before[strings.LastIndex(before, "Sorted by credential"):],
		"Classroom Discourse", "Descriptive Feedback", "Eliciting Evidence")

	s.Do(keys("s"), "Sorted by applications ↓")
	s.Do(keys("S"), "Sorted by applications ↑")
	s.Do(keys("S"), "Sorted by applications ↓")
	requireOrder(t, dashFinal(s), "Eliciting Evidence", "Descriptive Feedback", "Classroom Discourse")
}

// TestDashboardSortNullsLast sorts by first-time pass rate both ways: the
// credential with no decided first attempt stays last either way.
func TestDashboardSortNullsLast(t *testing.T) {
	s := startDashboard(t, newFakeLead(), common.Options{}, 100, 30)
	s.WaitAfter(0, "Sorted by credential ↑")
	s.Do(keys("s", "s"), "Sorted by first-time pass rate ↓")
	s.Do(keys("S"), "Sorted by first-time pass rate ↑")
	requireOrder(t, dashFinal(s), "Descriptive Feedback", "Eliciting Evidence", "Classroom Discourse")
}

func TestDashboardReviewersSort(t *testing.T) {
	s := startDashboard(t, newFakeLead(), common.Options{}, 100, 30)
	s.WaitAfter(0, "Eliciting Evidence")
	s.Do(keys("2", "s", "s"), "Sorted by pass rate ↓")
	requireOrder(t, dashFinal(s), "rev-07", "rev-03", "rev-11")
}

// TestDashboardReviewersAgreement: the Reviewers tab has every figure
// `assessor report` prints for a reviewer, agreement and kappa included
// ("–" where there is none), and fits 80 columns.
func TestDashboardReviewersAgreement(t *testing.T) {
	s := startDashboard(t, newFakeLead(), common.Options{}, 80, 24)
	s.WaitAfter(0, "Eliciting Evidence")
	s.Do(keys("2"), "[2 Reviewers]", "Agreement", "Kappa")
	view := dashFinal(s)
	if row := lineWith(t, view, "rev-03"); !regexp.MustCompile(`rev-03 +8 +50\.0% +3\.25 +83\.3% +0\.42`).MatchString(row) {
		t.Errorf("rev-03's row %q: want decisions, pass rate, median days, agreement and kappa", row)
	}
	if row := lineWith(t, view, "rev-07"); !regexp.MustCompile(`rev-07 +4 +75\.0% +20\.10 +– +–`).MatchString(row) {
		t.Errorf("rev-07's row %q: want no agreement and no kappa as –", row)
	}
	requireFits(t, view, 80, 24)
}

func TestDashboardNullFigures(t *testing.T) {
	s := startDashboard(t, newFakeLead(), common.Options{}, 100, 30)
	s.WaitAfter(0, "Classroom Discourse")
	view := dashFinal(s)
	// 1st pass, eventual, attempts to pass and median days are all null.
	if row := lineWith(t, view, "Classroom Discourse"); strings.Count(row, "–") != 4 {
		t.Errorf("want 4 null figures in %q", row)
	}

	f := newFakeLead()
	f.report.Overall = testReport().ByCredential[0].Figures // no decisions at all
	s = startDashboard(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "First-time pass – (national", "Eventual pass –", "Mean attempts to pass –", "Median turnaround –")
	if view := dashFinal(s); strings.Contains(view, "over the 14-day promise") {
		t.Errorf("a null median is reported as over the promise:\n%s", view)
	}
}

// TestDashboardOverdue checks the list holds only attempts waiting more
// than 14 days (not exactly 14), by handle, and never an application id.
func TestDashboardOverdue(t *testing.T) {
	f := newFakeLead()
	s := startDashboard(t, f, common.Options{}, 100, 40)
	s.WaitAfter(0, "Eliciting Evidence")
	s.Do(keys("5"), "Overdue: 2 attempts waiting > 14 days", "DF-OLD1#1", "EE-OLD2#2")
	view := dashFinal(s)
	requireOrder(t, view, "DF-OLD1#1", "EE-OLD2#2")
	if row := lineWith(t, view, "DF-OLD1#1"); !strings.Contains(row, "Descriptive Feedback") || !strings.Contains(row, "20.00") {
		t.Errorf("overdue row lacks credential or days waiting: %q", row)
	}
	for _, bad := range []string{"DF-NEW3", "EE-NEW4", "secret-app"} {
		if strings.Contains(view, bad) {
			t.Errorf("turnaround tab shows %q:\n%s", bad, view)
		}
	}
	if _, args := f.calls(); len(args) == 0 || args[0] != "500" {
		t.Errorf("OldestPending called with %q, want limit 500", args)
	}
}

func TestDashboardOverdueCapped(t *testing.T) {
	f := newFakeLead()
	f.queue = manyOverdue(25)
	s := startDashboard(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "Eliciting Evidence")
	s.Do(keys("5"), "Overdue: 25 attempts waiting > 14 days")
	s.Do(keys("G"), "OD-019#1", "… and 5 more")
	if view := dashFinal(s); strings.Contains(view, "OD-020") {
		t.Errorf("overdue list shows more than 20:\n%s", view)
	}
}

// TestDashboardOverdueBeyondTheRead: when every attempt read is overdue,
// more wait beyond them: the heading and the line under the list count
// them all (2,734 here, not "500"). Moved to the last row by page or
// line, the window shows that line too. When the count cannot be read,
// both say "at least" ("… and 480 more" read as a total of 500).
func TestDashboardOverdueBeyondTheRead(t *testing.T) {
	f := newFakeLead()
	f.queue = manyOverdue(overdueScan)
	for i := range f.queue {
		f.queue[i].SubmittedAt = testNow.AddDate(0, 0, -30).Add(time.Duration(i) * time.Minute)
	}
	f.beyond = 2234
	s := startDashboard(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "Eliciting Evidence")
	s.Do(keys("5"), "Overdue: 2734 attempts waiting > 14 days")
	s.Do(keys("G"), "… and 2714 more")
	dashFinal(s)

	s = startDashboard(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "Eliciting Evidence")
	s.Do(keys("5", "pgdown", "pgdown", "pgdown"), "▸ OD-019#1")
	if view := dashFinal(s); !strings.Contains(view, "… and 2714 more") {
		t.Errorf("at the last row by pgdn, the line under the list is not shown:\n%s", view)
	}

	f.pendingErr = errors.New("disk on fire")
	s = startDashboard(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "Eliciting Evidence")
	s.Do(keys("5"), "Overdue: 500+ attempts waiting > 14 days", "Could not load overdue count")
	s.Do(keys("G"), "… and 480+ more")
	dashFinal(s)
}

func TestDashboardReloadAndErrors(t *testing.T) {
	f := newFakeLead()
	s := startDashboard(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "Applications 16")
	f.set(func(f *fakeLead) { f.report.Overall.Applications = 17 })
	s.Do(keys("r"), "Applications 17")
	f.set(func(f *fakeLead) { f.reportErr = errors.New("disk on fire") })
	s.Do(keys("r"), "Could not load report: disk on fire (r to retry)")
	// The last good figures stay on screen.
	if view := dashFinal(s); !strings.Contains(view, "Applications 17") {
		t.Errorf("failed reload dropped the figures:\n%s", view)
	}
	if n, _ := f.calls(); n != 3 {
		t.Errorf("Report called %d times, want 3 (init and two reloads)", n)
	}
}

func TestDashboardHelpToggles(t *testing.T) {
	s := startDashboard(t, newFakeLead(), common.Options{}, 100, 30)
	s.WaitAfter(0, "Eliciting Evidence")
	if strings.Contains(s.Out.String(), "previous tab") {
		t.Fatal("short help already lists previous tab; the test would prove nothing")
	}
	s.Do(keys("?"), "previous tab", "reverse sort", "page down", "reload")
	// The sort keys are offered only where they work.
	s.Do(keys("3"), "[3 Criteria]")
	if view := dashFinal(s); strings.Contains(view, "reverse sort") {
		t.Errorf("help offers sorting on the Criteria tab:\n%s", view)
	}
}

// TestDashboardHelpInDrillDown: a drill-down takes r as any other key, so
// its help does not offer reload.
func TestDashboardHelpInDrillDown(t *testing.T) {
	var m tea.Model = runInit(New(newFakeLead(), "lead-1", common.Options{Now: testClock}))
	m, _ = m.Update(teaSize(120, 40))
	m, load := m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	m, _ = m.Update(load())
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("?")})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "attempts behind") || strings.Contains(v, "reload") {
		t.Errorf("the drill-down's full help:\n%s", v)
	}
}

// TestDashboardEscClosesHelp: with the full help open over a drill-down,
// esc closes the help and leaves the drill-down open.
func TestDashboardEscClosesHelp(t *testing.T) {
	s := startDashboard(t, newFakeLead(), common.Options{}, 100, 30)
	s.WaitAfter(0, "Eliciting Evidence")
	s.Do(keys("enter"), "esc back")
	s.Do(keys("?"), "previous tab")
	s.Do(keys("esc"), "esc back")
	if view := dashFinal(s); strings.Contains(view, "previous tab") || !strings.Contains(view, "esc back") {
		t.Fatalf("esc did not close the help alone:\n%s", view)
	}
}

// TestDashboardFitsIn80x24 checks every tab, with short and full help, and
// after a resize, has no line wider than the terminal.
func TestDashboardFitsIn80x24(t *testing.T) {
	for _, tab := range []string{"1", "2", "3", "4", "5"} {
		for _, help := range []bool{false, true} {
			t.Run(tab+map[bool]string{false: "", true: "-help"}[help], func(t *testing.T) {
				s := startDashboard(t, newFakeLead(), common.Options{}, 80, 24)
				s.WaitAfter(0, "Eliciting Evidence")
				s.TM.Send(teaSize(130, 50))
				s.TM.Send(teaSize(80, 24))
				s.Do(keys(tab), "["+tab+" ")
				if help {
					s.Do(keys("?"), "previous tab")
				}
				view := dashFinal(s)
				requireFits(t, view, 80, 24)
				if !strings.Contains(view, "Applications 16") {
					t.Errorf("headline missing at 80×24:\n%s", view)
				}
			})
		}
	}
}

// TestDashboardHelpCoversTabOnLowWindow: on the smallest window the
// dashboard draws (50×16) the full help takes the tab's place and lists
// every key (cut beside the table, ? and q were listed nowhere); the next
// key closes it without acting on the rows it hid: enter opens no row no
// one could see. Closed, the headline and the selected row are back.
func TestDashboardHelpCoversTabOnLowWindow(t *testing.T) {
	for _, drill := range []bool{false, true} {
		s := startDashboard(t, newFakeLead(), common.Options{}, 50, 16)
		s.WaitAfter(0, "▸ ")
		want := []string{`\? help`, `q quit`, `enter`, `reverse sort`, `r reload`}
		if drill {
			s.Do(keys("enter"), "esc back")
			want = []string{`\? help`, `q quit`, `enter`, `esc +back`}
		}
		s.Do(keys("?"), "previous tab")
		close := "enter"
		if drill {
			close = "j"
		}
		m := s.Mark()
		s.Press(close)
		s.WaitAfter(m, "? help")
		s.Press("?")
		view := dashFinal(s)
		requireFits(t, view, 50, 16)
		for _, k := range want {
			if !regexp.MustCompile(k).MatchString(view) {
				t.Errorf("drill-down %v, full help open at 50×16: %q listed nowhere:\n%s", drill, k, view)
			}
		}
		if strings.Contains(view, "▸ ") || strings.Contains(view, "Applications 16") {
			t.Errorf("drill-down %v: the help open at 50×16 left rows or the headline beside it:\n%s", drill, view)
		}
	}
	s := startDashboard(t, newFakeLead(), common.Options{}, 50, 16)
	s.WaitAfter(0, "▸ ")
	s.Do(keys("?"), "previous tab")
	s.Do(keys("enter"), "Applications 16")
	view := dashFinal(s)
	if !strings.Contains(view, "▸ ") || strings.Contains(view, "esc back") {
		t.Errorf("enter over the help: want the help closed and no row opened:\n%s", view)
	}
}

// TestDashboardAnySizeFits draws every tab at sizes from tiny to wide,
// with both helps, and checks nothing panics or spills past the edges.
func TestDashboardAnySizeFits(t *testing.T) {
	var m tea.Model = New(newFakeLead(), "lead-1", common.Options{Now: testClock})
	m = runInit(m)
	for _, k := range []string{"1", "2", "3", "4", "5", "6", "?", "1", "2", "3", "4", "5", "6"} {
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
		for w := 20; w <= 160; w += 7 {
			for h := 6; h <= 60; h += 9 {
				m, _ = m.Update(teaSize(w, h))
				if view := m.View(); t.Failed() || !fitsIn(view, w, h) {
					requireFits(t, view, w, h)
					t.Fatalf("tab key %s at %d×%d", k, w, h)
				}
			}
		}
	}
}

// fitsIn reports what requireFits checks, without failing.
func fitsIn(view string, w, h int) bool {
	lines := strings.Split(view, "\n")
	for _, l := range lines {
		if lipgloss.Width(l) > w {
			return false
		}
	}
	return len(lines) <= h
}

// TestDashboardNoColor renders a colour terminal's frame with NoColor and
// checks no colour escape is left.
func TestDashboardNoColor(t *testing.T) {
	frame := func(noColor bool) string {
		var m tea.Model = New(newFakeLead(), "lead-1", common.Options{Now: testClock, NoColor: noColor, Renderer: trueColorRenderer()})
		m, _ = m.Update(teaSize(100, 30))
		m = runInit(m)
		var all []string
		for _, k := range []string{"1", "3", "4", "5", "6"} {
			m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
			all = append(all, m.View())
		}
		return strings.Join(all, "\n")
	}
	if got := frame(true); strings.Contains(got, "38;") || strings.Contains(got, "48;") {
		t.Errorf("NoColor frame carries a colour:\n%q", got)
	}
	if !strings.Contains(frame(false), "38;") {
		t.Error("colour frame carries no colour: the test above proves nothing")
	}
}

// TestTurnaroundBuckets folds long tails into "30+" and keeps a short
// slice's open last bucket open.
func TestTurnaroundBuckets(t *testing.T) {
	long := make([]int64, 40)
	long[29], long[30], long[39] = 1, 2, 3
	labels, counts := turnaroundBuckets(long)
	if len(counts) != 31 || labels[30] != "30+" || counts[30] != 5 || counts[29] != 1 {
		t.Errorf("40 days: labels %q counts %v", labels, counts)
	}
	labels, counts = turnaroundBuckets([]int64{1, 2, 3})
	if !slices.Equal(labels, []string{"0", "1", "2+"}) || !slices.Equal(counts, []int64{1, 2, 3}) {
		t.Errorf("3 days: labels %q counts %v", labels, counts)
	}
}

// TestDashboardTabBarNarrow: under 80 columns every tab keeps its number
// and the open tab its name; cut at the edge, the last tabs (Fairness)
// were not drawn at all.
func TestDashboardTabBarNarrow(t *testing.T) {
	s := startDashboard(t, newFakeLead(), common.Options{}, 60, 20)
	s.WaitAfter(0, "Sorted by credential")
	s.Do(keys("5"), "[5 Turnaround]")
	view := dashFinal(s)
	bar := lineWith(t, view, "[5 Turnaround]")
	for _, want := range []string{" 1 ", " 4 ", " 6 "} {
		if !strings.Contains(bar, want) {
			t.Errorf("tab bar at 60 columns lacks %q: %q", want, bar)
		}
	}
	requireFits(t, view, 60, 20)
}

// TestDashboardTableNarrowDropsColumns: a table too wide for the window
// leaves out its last columns whole, so no header stands over a column
// cut away (at 60 columns "M…" stood over no median at all).
func TestDashboardTableNarrowDropsColumns(t *testing.T) {
	s := startDashboard(t, newFakeLead(), common.Options{}, 60, 20)
	s.WaitAfter(0, "Sorted by credential")
	view := dashFinal(s)
	head := lineWith(t, view, "Apps")
	if !strings.HasSuffix(strings.TrimRight(head, " "), "Pending") || strings.Contains(head, "M…") {
		t.Errorf("header at 60 columns: %q, want it to end with a whole Pending column", head)
	}
	if row := lineWith(t, view, "▸"); !strings.HasSuffix(strings.TrimRight(row, " "), "2") {
		t.Errorf("first row at 60 columns: %q, want its Pending figure last", row)
	}
	if legend := lineWith(t, view, "Att/pass:"); strings.Contains(legend, "Median") {
		t.Errorf("the legend spells out the column left out: %q", legend)
	}
	if sorted := lineWith(t, view, "Sorted by"); !strings.Contains(sorted, "1 column needs more width") {
		t.Errorf("nothing says a column is left out: %q", sorted)
	}
	requireFits(t, view, 60, 20)

	// s sorts by the columns shown only: after Pending comes the first.
	s = startDashboard(t, newFakeLead(), common.Options{}, 60, 20)
	s.WaitAfter(0, "Sorted by credential")
	s.Do(keys("s", "s", "s", "s", "s", "s"), "Sorted by pending attempts")
	s.Do(keys("s"), "Sorted by credential")
	dashFinal(s)
}

// TestDashboardFiguresNeverCut: a count wider than its column's heading
// (a program of 12,533 applications for one credential) widens the
// column; it is never cut to "125…", which would read as another figure.
func TestDashboardFiguresNeverCut(t *testing.T) {
	l := newFakeLead()
	l.report.ByCredential[0].Figures.Applications = 12533
	l.report.ByCredential[0].Figures.PendingAttempts = 1234567
	s := startDashboard(t, l, common.Options{}, 120, 30)
	s.WaitAfter(0, "Sorted by credential")
	view := dashFinal(s)
	row := lineWith(t, view, "12533")
	if strings.Contains(row, "…") || !strings.Contains(row, "1234567") {
		t.Errorf("a wide figure is cut: %q", row)
	}
	requireFits(t, view, 120, 30)
}

// TestDashboardLateOlderLoadDropped: a load that answers after a newer
// reload was asked for is dropped, not drawn over the newer figures.
func TestDashboardLateOlderLoadDropped(t *testing.T) {
	m := runInit(New(newFakeLead(), "lead-1", common.Options{Now: testClock}))
	m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("r")}) // seq 2
	old := testReport()
	old.Overall.Applications = 99
	m, _ = m.Update(dashboardLoadedMsg{seq: 1, data: dashData{report: old, asOf: testNow}})
	if v := m.View(); strings.Contains(v, "Applications 99") {
		t.Errorf("an older load answering late replaced the figures:\n%s", v)
	}
	fresh := testReport()
	fresh.Overall.Applications = 17
	m, _ = m.Update(dashboardLoadedMsg{seq: 2, data: dashData{report: fresh, asOf: testNow}})
	if v := m.View(); !strings.Contains(v, "Applications 17") {
		t.Errorf("the newest load is not shown:\n%s", v)
	}
}

// TestDashboardCtrlCQuits: ctrl+c quits the dashboard, as q does, as it
// quits every other screen.
func TestDashboardCtrlCQuits(t *testing.T) {
	m := runInit(New(newFakeLead(), "lead-1", common.Options{Now: testClock}))
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyCtrlC})
	if cmd == nil {
		t.Fatal("ctrl+c gave no command")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Errorf("ctrl+c gave %T, want tea.QuitMsg", cmd())
	}
}
