package reviewer

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/table"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/common"
)

// The queue's table, rows and legend. Every row shows whether someone holds
// a claim on the attempt and until when, and whether the reviewer has a
// draft of it; the line under the table spells out the selected row's.

// wideQueue is the width from which the status column names the reviewer
// holding a claim; narrower, the line under the table does.
const wideQueue = 120

// narrowQueue is the width under which the columns do not all fit: the #
// column goes (the handle ends in #n), the flags column is headed ⚑, and
// the status says only whose the claim is (statusCell), in a column that
// keeps it whole ("in review", where "in review to 14:05" was cut to
// "dra…" or lost); the line under the table still spells it out.
const narrowQueue = 72

// queueColumns are the table's columns at width w: a one-cell column for
// the ▸ marker (the selection must show without colour, where reverse
// video may not), fixed ones, and the credential title taking what is
// left. Each cell has one cell of padding on both sides. A calibration
// example waits on no one: its queue shows when it was submitted instead
// of days waiting.
func queueColumns(w int, calibrating bool) []table.Column {
	status, attempt, flags, flagsW := 22, 2, "Flags", 5
	switch {
	case w >= wideQueue:
		status = 40
	case w < narrowQueue:
		status, attempt, flags, flagsW = 9, 0, "⚑", 3
	}
	days, daysW := "Days", 5
	if calibrating {
		days, daysW = "Submitted", 10
	}
	fixed := []int{1, 11, attempt, daysW, flagsW, status}
	used := 0
	for _, f := range fixed {
		if f > 0 { // a column of width 0 is not drawn
			used += f + 2
		}
	}
	credW := max(w-used-2, 10)
	if w < narrowQueue {
		credW = max(w-used-2, 4)
	}
	return []table.Column{
		{Title: "", Width: fixed[0]},
		{Title: "Attempt", Width: fixed[1]},
		{Title: "Credential", Width: credW},
		{Title: "#", Width: fixed[2]},
		{Title: days, Width: fixed[3]},
		{Title: flags, Width: fixed[4]},
		{Title: "Status", Width: fixed[5]},
	}
}

// show keeps the cursor on an item and on screen, and draws the rows that
// fit from offset (queue_table.go): the table never scrolls by itself, so
// what it draws always holds the selected row.
func (m *queueModel) show() {
	n, h := len(m.items), max(m.table.Height(), 1)
	m.cursor = max(min(m.cursor, n-1), 0)
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = max(min(m.offset, n-h), 0)
	end := min(m.offset+h, n)
	rows := make([]table.Row, 0, end-m.offset)
	for i := m.offset; i < end; i++ {
		rows = append(rows, m.row(i))
	}
	var ok bool
	m.drawn, ok = drawTable(m.c.Styles.Table, m.table.Columns(), rows, m.cursor-m.offset, m.width, m.table.Height())
	if !ok {
		m.table.SetRows(rows) // too narrow for the columns: the table draws them
		m.table.SetCursor(m.cursor - m.offset)
	}
	it, ok := m.selected()
	m.keys.Release.SetEnabled(ok && it.Mine)
}

// row is item i as a table row. The internal application id is never put
// in a row: only the pseudonym handle.
func (m *queueModel) row(i int) table.Row {
	it := m.items[i]
	marker, flags := "", ""
	if i == m.cursor {
		marker = "▸"
	}
	if it.Flags > 0 {
		flags = fmt.Sprintf("⚑ %d", it.Flags)
	}
	waiting := common.DaysWaiting(it.SubmittedAt, m.c.Now())
	if m.c.Calibrating() {
		waiting = it.SubmittedAt.Format("2006-01-02") // queueColumns' Submitted
	}
	return table.Row{
		marker, review.Sanitize(it.Handle()), m.credTitle(it.Credential), strconv.Itoa(it.Attempt),
		waiting, flags, m.statusCell(it),
	}
}

// until is a claim's end as the reviewer's clock shows time.
func (m *queueModel) until(it review.QueueItem) string {
	return it.Until.In(m.c.Now().Location()).Format("15:04")
}

// statusCell says who holds the attempt until when ("in review to 14:05",
// by name when the screen is wide, "yours to 14:05") and "draft" when the
// reviewer saved one.
func (m *queueModel) statusCell(it review.QueueItem) string {
	if m.width < narrowQueue {
		switch {
		case it.Mine:
			return "yours"
		case it.Claimed:
			return "in review"
		case it.Draft:
			return "draft"
		}
		return ""
	}
	var parts []string
	switch {
	case it.Mine:
		parts = append(parts, "yours to "+m.until(it))
	case it.Claimed && it.Holder != "" && m.width >= wideQueue:
		parts = append(parts, "in review by "+review.Sanitize(it.Holder)+" to "+m.until(it))
	case it.Claimed && !it.Until.IsZero():
		parts = append(parts, "in review to "+m.until(it))
	case it.Claimed:
		parts = append(parts, "in review")
	}
	if it.Draft {
		parts = append(parts, "draft")
	}
	return strings.Join(parts, " · ")
}

// claimLine spells out the selected row's claim and draft, with what the
// reviewer can do about them.
func (m *queueModel) claimLine() string {
	it, ok := m.selected()
	if !ok {
		return ""
	}
	h := review.Sanitize(it.Handle())
	var s string
	switch {
	case it.Mine:
		s = "You hold " + h + " until " + m.until(it) + ": enter goes on with it, x releases it"
	case it.Claimed:
		s = m.heldBy(it)
	case it.Draft:
		return "You have a draft of " + h + ": enter goes on with it"
	default:
		return ""
	}
	if it.Draft && !it.Mine {
		s += "; your draft of it is kept"
	}
	return s
}

// heldBy says who holds another reviewer's claim on it and until when, as
// far as its row knows.
func (m *queueModel) heldBy(it review.QueueItem) string {
	h := review.Sanitize(it.Handle())
	switch {
	case it.Holder != "":
		return h + " is being reviewed by " + review.Sanitize(it.Holder) + " until " + m.until(it)
	case !it.Until.IsZero():
		return h + " is in a blind double review until " + m.until(it) + " (the reviewer is not named)"
	}
	return h + " is being reviewed by someone else"
}

// queueLegend explains the columns and marks in the full help. A
// calibration example waits on no one and the live queue's claims do not
// apply to it: the calibration queue's legend has neither days nor claims.
func queueLegend(calibrating bool) []string {
	if calibrating {
		return []string{
			"▸                    the selected row; Submitted: the example's date; #: attempt",
			"⚑ n                  n places in the evidence hold possible identifying details",
			"draft                you saved levels or feedback for it",
		}
	}
	return []string{
		"▸                    the selected row; Days: since submitted; #: attempt",
		"⚑ n                  n places in the evidence hold possible identifying details",
		"in review to 14:05   another reviewer's claim, until then (named if wide)",
		"yours to 14:05       your claim: x or esc in the review ends it, q keeps it",
		"draft                you saved levels or feedback for it",
		fmt.Sprintf("A claim lasts %d minutes and is renewed while its reviewer works.", int(review.LeaseDuration.Minutes())),
	}
}

// helpView is the help, with the legend under the full help.
func (m *queueModel) helpView() string {
	if m.pick != nil {
		return common.HelpView(m.help, m.pick.keys)
	}
	look := m.c.Styles.Look
	key := look + "\x03queue\x03" + m.c.Mode + "\x03" + helpKey(m.width, m.help, m.keys) + "\x03" + strconv.Itoa(m.height)
	return sharedHelp.GetIf(look != "", key, m.drawHelp)
}

// minRowsWithHelp is how many rows the table keeps with the full help
// open: the legend gives way first.
const minRowsWithHelp = 3

// drawHelp draws the queue's keys and, with ?, the legend of its columns
// when the window has room for it and a few rows.
func (m *queueModel) drawHelp() string {
	v := common.HelpView(m.help, m.keys)
	if !m.help.ShowAll {
		return v
	}
	legend := hangingLegend(queueLegend(m.c.Calibrating()), m.width)
	// header, status and claim lines; the table's header and rule
	room := m.height - 3 - lipgloss.Height(v) - 2 - minRowsWithHelp
	switch n := strings.Count(legend, "\n") + 1; {
	case n <= room:
	case room >= 1:
		legend = "The legend of the columns needs a taller window."
	default:
		return v
	}
	return lipgloss.JoinVertical(lipgloss.Left, v, m.c.Styles.Faint.Render(legend))
}

// hangingLegend wraps legend lines ("key   what it means") to w cells,
// each meaning's later lines under its first, not under the key.
func hangingLegend(lines []string, w int) string {
	var out []string
	for _, l := range lines {
		i := strings.Index(l, "  ")
		if i < 0 {
			out = append(out, common.Wrap(l, w))
			continue
		}
		text := strings.TrimLeft(l[i:], " ")
		key := l[:len(l)-len(text)]
		pad := ansi.StringWidth(key)
		if w-pad < 20 { // too narrow to hang: one under the other
			out = append(out, common.Wrap(strings.TrimSpace(key)+": "+text, w))
			continue
		}
		wrapped := strings.Split(common.Wrap(text, w-pad), "\n")
		for k, part := range wrapped {
			if k > 0 {
				key = strings.Repeat(" ", pad)
			}
			out = append(out, key+part)
		}
	}
	return strings.Join(out, "\n")
}

// helpHeight is how many lines helpView takes.
func (m *queueModel) helpHeight() int { return lipgloss.Height(m.helpView()) }
