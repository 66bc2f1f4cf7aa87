package adjudicate

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"assessor/review"
	"assessor/ui/common"
)

// The adjudication screen's drawing, apart from its key handling.

// View draws the list of disputes, or the open one.
func (m adjudicateModel) View() string {
	// Cut to the width: bubbles/help can end a line one cell past it, and
	// JoinVertical would pad every line to that, cutting the panes' right
	// borders.
	helpView := common.Fit(common.HelpView(m.help, m.helpKeys()), m.width, 0)
	bodyH := max(m.height-lipgloss.Height(helpView)-1, 1)
	var body string
	if m.open != nil {
		body = m.detailView()
	} else {
		body = m.listView(bodyH)
	}
	status := m.st.Status.Render(m.status)
	if m.isErr {
		status = m.st.ErrStatus.Render(m.status)
	}
	out := lipgloss.JoinVertical(lipgloss.Left, common.Fit(body, m.width, bodyH), common.OneLine(status, m.width), helpView)
	return common.Fit(out, m.width, m.height)
}

// helpKeys is the key map for what shows: the list, the open dispute, or
// its feedback editor.
func (m adjudicateModel) helpKeys() adjudicateKeyMap {
	k := m.keys
	k.detail = m.open != nil
	k.editing = m.open != nil && m.open.sheet.Editing()
	k.confirming = m.open != nil && m.open.confirming // only y and n answer
	if m.open != nil {
		// Say what tab brings: at 80 columns the other pane, at 150+ the
		// scrolling (pgup/pgdn) of the other one.
		other := "rubric"
		if m.open.onRubric {
			other = "evidence"
		}
		switch {
		case m.width >= wideLayout:
			other = "scroll " + other
		case m.width < narrowLayout:
			// One pane at a time: tab shows the next.
			switch {
			case !m.open.side:
				other = "evidence"
			case !m.open.onRubric:
				other = "rubric"
			default:
				other = "scoring"
			}
		}
		k.Focus.SetHelp("tab", other)
	}
	return k
}

// listView is the disputes as a table as wide as the terminal, h lines
// high: the credential's title takes the room the fixed columns leave, and
// a list longer than h scrolls to keep the cursor's row, the one enter
// opens, on screen.
func (m adjudicateModel) listView(h int) string {
	st := m.st
	lines := []string{common.OneLine(st.Header.Render("Adjudication")+st.Faint.Render(" · attempts whose two blind reviews disagree"), m.width), ""}
	switch {
	case !m.loaded:
		return strings.Join(append(lines, "Loading…"), "\n")
	case m.loadErr != nil && len(m.disputes) == 0:
		// Not "no disputes": the status line says why none are known.
		return strings.Join(append(lines, st.Empty.Render("The disputes did not load. Press r to try again")), "\n")
	case len(m.disputes) == 0:
		return strings.Join(append(lines, st.Empty.Render("No disputes waiting — nothing to adjudicate")), "\n")
	}
	type row struct{ handle, title, r1, r2, differ, submitted string }
	rows := make([]row, len(m.disputes))
	hw, dw, tw := len("Attempt"), len("Differ on"), len("Credential")
	for i, d := range m.disputes {
		handle := review.Sanitize(d.Attempt.Handle())
		if d.Own {
			handle += " (yours)" // another lead adjudicates it
		} else if _, ok := m.drafts[d.Attempt.Key()]; ok {
			handle += " (draft)" // choices kept from an esc
		}
		rows[i] = row{handle, common.Name(d.Rubric.Title),
			strings.ToUpper(string(d.Reviews[0].Outcome)), strings.ToUpper(string(d.Reviews[1].Outcome)),
			strings.Join(differing(d), " "), d.Attempt.SubmittedAt.Format("2006-01-02")}
		hw, dw = max(hw, lipgloss.Width(rows[i].handle)), max(dw, lipgloss.Width(rows[i].differ))
		tw = max(tw, lipgloss.Width(rows[i].title))
	}
	const outW, dateW = len("RESUBMIT"), len("2006-01-02")
	// The title takes what the other columns leave, up to its longest.
	titleW := max(min(m.width-2-hw-dw-2*outW-dateW-2*5, tw), 8)
	line := func(marker string, r row) string {
		return common.OneLine(marker+pad(r.handle, hw)+"  "+pad(r.title, titleW)+"  "+pad(r.r1, outW)+"  "+pad(r.r2, outW)+"  "+
			pad(r.differ, dw)+"  "+r.submitted, m.width)
	}
	lines = append(lines, st.Label.Render(line("  ", row{"Attempt", "Credential", "Review 1", "Review 2", "Differ on", "Submitted"})))
	room, top := max(h-len(lines), 1), 0
	if len(rows) > room {
		room = max(room-1, 1) // a line says how many more there are
		top = common.ScrollTop(m.cursor, room, len(rows))
	}
	end := min(top+room, len(rows))
	for i := top; i < end; i++ {
		if i == m.cursor {
			lines = append(lines, st.Selected.Render(line("▸ ", rows[i])))
		} else {
			lines = append(lines, line("  ", rows[i]))
		}
	}
	if more := common.MoreHint(top, len(rows)-end); more != "" {
		lines = append(lines, st.Faint.Render(common.OneLine("  "+more, m.width)))
	}
	return strings.Join(lines, "\n")
}

// pad fits s into exactly w cells, cut with "…" when longer.
func pad(s string, w int) string {
	s = common.OneLine(s, w)
	return s + strings.Repeat(" ", max(w-lipgloss.Width(s), 0))
}

// differing lists the criteria the two reviews scored differently.
func differing(d review.Dispute) []string {
	var out []string
	for _, c := range d.Rubric.Criteria {
		if d.Reviews[0].Levels[c.ID] != d.Reviews[1].Levels[c.ID] {
			out = append(out, review.Sanitize(c.ID))
		}
	}
	return out
}
