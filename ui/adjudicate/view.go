package adjudicate

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/styles"
)

// The adjudication screen's drawing, apart from its key handling.

// View draws the list of disputes, or the open one.
func (m adjudicateModel) View() string {
	keys := m.keys
	keys.detail = m.open != nil
	keys.editing = m.open != nil && m.open.sheet.Editing()
	var body string
	if m.open != nil {
		body = m.detailView()
	} else {
		body = m.listView()
	}
	status := m.st.Status.Render(m.status)
	if m.isErr {
		status = m.st.ErrStatus.Render(m.status)
	}
	helpView := m.help.View(keys)
	bodyH := max(m.height-lipgloss.Height(helpView)-1, 1)
	out := lipgloss.JoinVertical(lipgloss.Left, common.Fit(body, m.width, bodyH), common.OneLine(status, m.width), helpView)
	return common.Fit(out, m.width, m.height)
}

func (m adjudicateModel) listView() string {
	st := m.st
	lines := []string{st.Header.Render("Adjudication") + st.Faint.Render(" · attempts whose two blind reviews disagree"), ""}
	switch {
	case !m.loaded:
		lines = append(lines, "Loading…")
	case len(m.disputes) == 0:
		lines = append(lines, st.Empty.Render("No disputes waiting — nothing to adjudicate"))
	}
	for i, d := range m.disputes {
		marker := "  "
		if i == m.cursor {
			marker = st.Header.Render("▸ ")
		}
		lines = append(lines, common.OneLine(fmt.Sprintf("%s%-12s %-28s review 1: %-8s review 2: %-8s submitted %s", marker,
			review.Sanitize(d.Attempt.Handle()), review.Sanitize(d.Rubric.Title),
			strings.ToUpper(string(d.Reviews[0].Outcome)), strings.ToUpper(string(d.Reviews[1].Outcome)),
			d.Attempt.SubmittedAt.Format("2006-01-02")), m.width))
	}
	return strings.Join(lines, "\n")
}

// detailView shows the two reviews side by side, criterion by criterion,
// with the lead's final column, then the selected row's three feedbacks.
func (m adjudicateModel) detailView() string {
	st, a := m.st, m.open
	r := a.d.Rubric
	passing := r.PassingLevel()
	head := st.Header.Render("Adjudicate "+review.Sanitize(a.d.Attempt.Handle())) + " · " + review.Sanitize(r.Title) +
		fmt.Sprintf(" · review 1: %s · review 2: %s", strings.ToUpper(string(a.d.Reviews[0].Outcome)), strings.ToUpper(string(a.d.Reviews[1].Outcome)))
	idW, lvlW := len("overall"), len("review 1")
	for _, c := range r.Criteria {
		idW = max(idW, len(c.ID))
	}
	for _, l := range r.AllLevels() {
		lvlW = max(lvlW, len(l))
	}
	cell := func(l string) string {
		shown := l
		if shown == "" {
			shown = "—"
		}
		return st.Level(l, passing).Render(fmt.Sprintf("%-*s", lvlW, shown))
	}
	lines := []string{common.OneLine(head, m.width), "",
		st.Label.Render(fmt.Sprintf("  %-*s  %-*s  %-*s  %-*s", idW, "", lvlW, "review 1", lvlW, "review 2", lvlW, "final"))}
	for i, id := range a.sheet.Rows() {
		marker := "  "
		if i == a.sheet.Cursor() {
			marker = st.Header.Render("▸ ")
		}
		if id == review.OverallKey {
			lines = append(lines, marker+fmt.Sprintf("%-*s  overall feedback", idW, "overall"))
			continue
		}
		name := ""
		if c, ok := r.Criterion(id); ok {
			name = review.Sanitize(c.Name)
		}
		row := marker + fmt.Sprintf("%-*s  ", idW, id) + cell(a.d.Reviews[0].Levels[id]) + "  " + cell(a.d.Reviews[1].Levels[id]) + "  " + cell(a.sheet.Levels[id]) + "  " + name
		lines = append(lines, common.OneLine(row, m.width))
	}
	outcome := "incomplete"
	if o, err := a.sheet.Outcome(); err == nil {
		outcome = string(o)
	}
	lines = append(lines, "", st.Outcome.Render("Final outcome: "+outcome))
	if a.notice != "" {
		lines = append(lines, st.Warn.Render(common.OneLine(a.notice, m.width)))
	}
	if a.confirming {
		lines = append(lines, st.Header.Render(fmt.Sprintf("Record %s for %s as the decision of record? (y/n)", strings.ToUpper(outcome), review.Sanitize(a.d.Attempt.Handle()))))
	}
	row := a.sheet.Row()
	lines = append(lines, "", st.Label.Render("Feedback · "+row))
	w := max(m.width-12, 10)
	for i, label := range []string{"review 1", "review 2"} {
		lines = append(lines, feedbackLines(st, label, a.d.Reviews[i].Feedback[row], w)...)
	}
	if a.sheet.Editing() {
		lines = append(lines, st.Label.Render("final:"), a.sheet.TextView())
	} else {
		lines = append(lines, feedbackLines(st, "final", a.sheet.Feedback[row], w)...)
	}
	return strings.Join(lines, "\n")
}

// feedbackLines is "label:  text", wrapped under itself.
func feedbackLines(st *styles.Styles, label, text string, w int) []string {
	text = strings.TrimSpace(review.Sanitize(text))
	if text == "" {
		return []string{st.Label.Render(fmt.Sprintf("%-9s ", label+":")) + st.Faint.Render("(none)")}
	}
	out := strings.Split(common.Wrap(common.Untabify(text), w), "\n")
	for i := range out {
		prefix := strings.Repeat(" ", 10)
		if i == 0 {
			prefix = st.Label.Render(fmt.Sprintf("%-9s ", label+":"))
		}
		out[i] = prefix + out[i]
	}
	return out
}
