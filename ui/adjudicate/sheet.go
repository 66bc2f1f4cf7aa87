package adjudicate

import (
	"fmt"
	"strings"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/styles"
)

// The scoring pane of the open dispute: both reviews and the final
// scoring, criterion by criterion, and the selected row's feedback.

// sheetView is the scoring pane, w cells wide: the two reviews side by
// side, criterion by criterion, with the lead's final column, then the
// selected row's three feedbacks.
func (m adjudicateModel) sheetView(w int) string {
	st, a := m.st, m.open
	r := a.d.Rubric
	passing := r.PassingLevel()
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
	lines := []string{st.Label.Render(fmt.Sprintf("  %-*s  %-*s  %-*s  %-*s", idW, "", lvlW, "review 1", lvlW, "review 2", lvlW, "final"))}
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
			name = common.Name(c.Name)
		}
		row := marker + fmt.Sprintf("%-*s  ", idW, id) + cell(a.d.Reviews[0].Levels[id]) + "  " + cell(a.d.Reviews[1].Levels[id]) + "  " + cell(a.sheet.Levels[id]) + "  " + name
		lines = append(lines, common.OneLine(row, w))
	}
	outcome := "incomplete"
	if o, err := a.sheet.Outcome(); err == nil {
		outcome = string(o)
	}
	lines = append(lines, "", st.Outcome.Render("Final outcome: "+outcome))
	if a.notice != "" {
		lines = append(lines, st.Warn.Render(common.Wrap(a.notice, w)))
	}
	if a.confirming {
		lines = append(lines, st.Header.Render(common.Wrap(fmt.Sprintf("Record %s for %s as the decision of record? (y/n)", strings.ToUpper(outcome), review.Sanitize(a.d.Attempt.Handle())), w)))
	}
	row := a.sheet.Row()
	label := "Feedback · " + row
	if c, ok := r.Criterion(row); ok {
		// The rows above cut names short at 80 columns: the selected
		// criterion's is in full here.
		label += " " + common.Name(c.Name)
	}
	lines = append(lines, "", st.Label.Render(common.Wrap(label, w)))
	fw := max(w-10, 10)
	for i, label := range []string{"review 1", "review 2"} {
		lines = append(lines, feedbackLines(st, label, a.d.Reviews[i].Feedback[row], fw)...)
	}
	if a.sheet.Editing() {
		lines = append(lines, st.Label.Render("final:"), a.sheet.TextView())
	} else {
		lines = append(lines, feedbackLines(st, "final", a.sheet.Feedback[row], fw)...)
	}
	return strings.Join(lines, "\n")
}

// feedbackLines is "label:  text", wrapped under itself.
func feedbackLines(st *styles.Styles, label, text string, w int) []string {
	text = strings.TrimSpace(review.Sanitize(text))
	if text == "" {
		return []string{st.Label.Render(fmt.Sprintf("%-9s ", label+":")) + st.Faint.Render("(none)")}
	}
	out := strings.Split(common.Wrap(common.Drawable(text), w), "\n")
	for i := range out {
		prefix := strings.Repeat(" ", 10)
		if i == 0 {
			prefix = st.Label.Render(fmt.Sprintf("%-9s ", label+":"))
		}
		out[i] = prefix + out[i]
	}
	return out
}
