package dashboard

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"assessor/review"
	"assessor/ui/common"
)

// credentialShort are the Credentials tab's short headers, short so the
// credential title keeps some room at 80 columns, and spelled out under it.
var credentialShort = []string{"Att/pass", "Median d"}

// setSize lays the dashboard out for a w×h terminal: the header, headline,
// tab bar and rule on top, the status and help lines at the bottom, and the
// active tab in between. It also re-renders the chart tabs, which are laid
// out for the width.
func (m dashboardModel) setSize(w, h int) dashboardModel {
	m.width, m.height = w, h
	m.help.Width = w
	bodyH := m.bodyHeight()

	tableH := bodyH - 1 // the sort line
	credH := tableH
	if m.showLegend() {
		credH--
	}
	m.creds = m.creds.setSize(w, credH)
	m.revs = m.revs.setSize(w, tableH)

	m.vp.Width, m.vp.Height = w, bodyH
	switch m.tab {
	case tabCriteria:
		m.vp.SetContent(criteriaView(m.ds, m.crits, credentialTitles(m.data.report), w, m.critAt))
	case tabTrend:
		m.vp.SetContent(trendView(m.ds, m.data.report, m.data.stacks, w))
	case tabTurnaround:
		var text string
		text, m.odLine = turnaroundView(m.ds, m.data, w, m.odAt)
		m.vp.SetContent(text)
	case tabFairness:
		m.vp.SetContent(m.fair.view(m.ds, w))
	}
	// A taller window shows more: scrolled past what still needs it, the
	// view would hide its top and leave blank lines below.
	m.vp.SetYOffset(m.vp.YOffset)
	if m.hist != nil {
		h := *m.hist
		h.vp.Width, h.vp.Height = w, bodyH
		h.vp.SetContent(m.historyText(w))
		h.vp.SetYOffset(h.vp.YOffset)
		m.hist = &h
	}
	return m
}

// bodyHeight is what is left for the active tab.
func (m dashboardModel) bodyHeight() int {
	return max(m.height-m.aroundBody(m.headlineView()), 3)
}

// aroundBody is the lines around the active tab, with headline as the
// headline: header, headline, tabs and rule on top; status and help below.
func (m dashboardModel) aroundBody(headline string) int {
	return 1 + lipgloss.Height(headline) + 2 + 1 + lipgloss.Height(m.helpView())
}

// minBodyWithHelp is the fewest lines the full help leaves the active tab:
// the sort line, a table's header and rule, and three rows.
const minBodyWithHelp = 6

// headlineView is the headline, or "" while the full help is open on a
// window too low for both: at 50×16 they left the table no row, yet enter
// opened the selected one. The figures come back when the help closes.
func (m dashboardModel) headlineView() string {
	h := m.headline()
	if m.help.ShowAll && m.height-m.aroundBody(h) < minBodyWithHelp {
		return ""
	}
	return h
}

// showLegend says whether the Credentials tab has room to spell out its
// short headers under the table without squeezing the table below a few
// rows.
func (m dashboardModel) showLegend() bool { return m.bodyHeight()-1 >= 8 }

// View draws the dashboard. It only formats what Update stored.
func (m dashboardModel) View() string {
	ds, w := m.ds, m.width
	right := "as of " + m.data.asOf.UTC().Format("2006-01-02 15:04 UTC") // as every time on screen
	if m.loading {
		right = "loading…"
	}
	header := common.Spread(ds.title.Render("assessor")+" · lead dashboard · "+review.Sanitize(m.lead), right, w)
	rule := ds.axis.Render(strings.Repeat("─", max(w, 0)))

	bodyH := m.bodyHeight()
	body := lipgloss.NewStyle().Height(bodyH).Render(common.Fit(m.body(), w, bodyH))
	if m.helpCovers() {
		body = ""
	}

	status := ds.status.Render(m.status)
	if m.isErr {
		status = ds.errStatus.Render(m.status)
	}
	// Say when rows are hidden below: at 80×24 the overdue list starts
	// below the fold, and a table or drill-down may be longer than the
	// screen.
	if more := m.moreBelow(); more != "" {
		status = common.Spread(status, ds.note.Render(more), w)
	}
	parts := []string{header, m.headlineView(), m.tabBar(), rule, body, common.OneLine(status, w), m.helpView()}
	if body == "" {
		parts = slices.Delete(parts, 4, 5)
	}
	out := lipgloss.JoinVertical(lipgloss.Left, parts...)
	return common.Fit(out, w, m.height)
}

// helpView is the help for the active tab, cut to the width: bubbles/help
// adds an item that does not fit when there is no room left for its "…",
// and one wide line would make JoinVertical pad every line past the edge.
// On a window too low for the full help beside minBodyWithHelp of the
// tab, the help takes the tab's place (helpCovers), cut to the window.
func (m dashboardModel) helpView() string {
	v := m.fullHelp()
	if m.helpCovers() {
		v = common.Fit(v, m.width, max(m.height-5, 1))
	}
	return v
}

// fullHelp is the help for the active tab, cut to the width only.
func (m dashboardModel) fullHelp() string {
	return common.Fit(common.HelpView(m.help, m.keys.forTab(m.tab, m.drill != nil, m.hist != nil)), m.width, 0)
}

// helpCovers reports whether the full help is drawn in place of the
// active tab: a window too low for both (50×16) left the help cut, and
// the keys past the cut (? and q among them) listed nowhere. Around it:
// header, the hidden headline's line, tabs, rule, status.
func (m dashboardModel) helpCovers() bool {
	return m.help.ShowAll && lipgloss.Height(m.fullHelp()) > m.height-5-minBodyWithHelp
}

// moreBelow is the hint that rows are hidden below, or "".
func (m dashboardModel) moreBelow() string {
	switch {
	case !m.loaded, m.helpCovers():
		return ""
	case m.hist != nil:
		if !m.hist.vp.AtBottom() {
			return "more below ↓ j/pgdn"
		}
		return ""
	case m.drill != nil:
		if n := m.drillBelow(); n > 0 {
			return fmt.Sprintf("%d more below ↓ j/pgdn", n)
		}
		return ""
	case m.tab == tabCredentials && m.creds.moreBelow(), m.tab == tabReviewers && m.revs.moreBelow():
		return "more below ↓ j/pgdn"
	case m.tab >= tabCriteria && !m.vp.AtBottom():
		return "more below ↓ j/pgdn"
	}
	return ""
}

// body is the active tab (or the drill-down open on it), or why there is
// nothing to show yet.
func (m dashboardModel) body() string {
	ds := m.ds
	switch {
	case !m.loaded && m.loading:
		return ds.empty.Render("Loading the report…")
	case !m.loaded:
		return ds.empty.Render("The report could not be loaded. Press r to retry.")
	case m.hist != nil:
		return m.hist.vp.View()
	case m.drill != nil:
		return m.drillBody()
	}
	switch m.tab {
	case tabCredentials:
		if len(m.creds.rows) == 0 {
			return ds.empty.Render("No applications yet.")
		}
		out := ds.note.Render(common.OneLine(m.creds.sortLine(), m.width)) + "\n" + m.creds.t.View()
		if m.showLegend() {
			out += "\n" + ds.note.Render(common.OneLine(m.creds.legend(credentialShort...), m.width))
		}
		return out
	case tabReviewers:
		if len(m.revs.rows) == 0 {
			return ds.empty.Render("No decisions yet.")
		}
		return ds.note.Render(common.OneLine(m.revs.sortLine(), m.width)) + "\n" + m.revs.t.View()
	}
	return m.vp.View()
}

// headline is the overall figures, flowed over as many lines as the width
// needs. Null figures show as "–".
func (m dashboardModel) headline() string {
	if !m.loaded {
		return ""
	}
	ds, o := m.ds, m.data.report.Overall
	fig := func(label, value string) string { return ds.label.Render(label+" ") + ds.value.Render(value) }
	median := fig("Median turnaround", review.FormatFigure(o.MedianTurnaroundDays))
	if d := o.MedianTurnaroundDays; d != nil {
		median += ds.value.Render(" days")
		if *d > promiseDays {
			median += ds.over.Render(fmt.Sprintf(" — over the %d-day promise", promiseDays))
		}
	}
	items := []string{
		fig("Applications", strconv.FormatInt(o.Applications, 10)),
		fig("First-time pass", o.FirstTimeShare()) +
			ds.note.Render(fmt.Sprintf(" (national reference ≈%.0f%%)", nationalReference*100)),
		fig("Eventual pass", o.EventualShare()),
		fig("Mean attempts to pass", o.MeanAttemptsShown()),
		fig("Decided", strconv.FormatInt(o.DecidedAttempts, 10)) + " / " +
			fig("pending", strconv.FormatInt(o.PendingAttempts, 10)),
		median,
	}
	return flowItems(items, ds.label.Render(" · "), m.width)
}

// tabBar names the tabs with their number keys. The active one is also in
// brackets, which shows on a terminal without colour or reverse video.
func (m dashboardModel) tabBar() string {
	bar := func(named func(t dashTab) bool) string {
		parts := make([]string, tabCount)
		for t := range tabCount {
			label := strconv.Itoa(int(t) + 1)
			if named(t) {
				label += " " + t.String()
			}
			if t == m.tab {
				parts[t] = m.ds.tabOn.Render("[" + label + "]")
			} else {
				parts[t] = m.ds.tabOff.Render(" " + label + " ")
			}
		}
		return strings.Join(parts, " ")
	}
	full := bar(func(dashTab) bool { return true })
	if lipgloss.Width(full) <= m.width {
		return full
	}
	// Under 80 columns every tab keeps its number and the open one its
	// name: cut at the edge, the last tabs were not there at all.
	return common.OneLine(bar(func(t dashTab) bool { return t == m.tab }), m.width)
}
