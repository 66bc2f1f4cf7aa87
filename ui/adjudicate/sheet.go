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

// sheetView is the scoring pane, w×h: the two reviews side by side,
// criterion by criterion, with the lead's final column; the final outcome,
// any notice and the confirm question; then the selected row's three
// feedbacks. With too little room the rows scroll around the selected one
// and the feedbacks are cut, but never the outcome, notice or question:
// y records what the question asks, and the lead settles a criterion by
// what the reviews wrote on it.
func (m adjudicateModel) sheetView(w, h int) string {
	st, a := m.st, m.open
	head, rows := m.sheetRows(w)
	outcome := "incomplete"
	if o, err := a.sheet.Outcome(); err == nil {
		outcome = string(o)
	}
	mid := []string{st.Outcome.Render(common.OneLine("Final outcome: "+outcome, w))}
	if a.notice != "" {
		mid = append(mid, styled(st.Warn.Render, common.Wrap(a.notice, w))...)
	}
	if a.confirming {
		ask := fmt.Sprintf("Record %s for %s as the decision of record? (y/n)", strings.ToUpper(outcome), review.Sanitize(a.d.Attempt.Handle()))
		mid = append(mid, styled(st.Header.Render, common.Wrap(ask, w))...)
	}
	fb, editor := m.feedbackSections(w)
	fbN := 0
	for _, sec := range fb {
		fbN += len(sec)
	}
	fixed := 1 + len(mid) + len(editor) // head, outcome, notice, question, the textarea
	// The rows get what the rest leaves, and at least a third of the pane.
	room := len(rows)
	if fixed+len(rows)+fbN > h {
		room = max(h-fixed-fbN, min(len(rows), h/3), 1)
	}
	lines := []string{head}
	from, to := 0, len(rows)
	if room < len(rows) {
		shown := max(room-1, 1) // a line says how many more there are
		from = common.CentreTop(a.sheet.Cursor(), shown, len(rows))
		to = from + shown
	}
	lines = append(lines, rows[from:to]...)
	if more := common.MoreHint(from, len(rows)-to); more != "" {
		lines = append(lines, st.Faint.Render(common.OneLine("  "+more, w)))
	}
	fbRoom := h - len(lines) - len(mid) - len(editor)
	spare := fbRoom - fbN
	if spare > 0 {
		lines = append(lines, "") // the outcome apart from the rows
	}
	lines = append(lines, mid...)
	if spare > 1 {
		lines = append(lines, "") // and from the feedback
	}
	lines = append(lines, fairCut(fb, fbRoom)...)
	return strings.Join(append(lines, editor...), "\n")
}

// sheetRows is the scoring's column heads and a line for each of the
// sheet's rows: review 1's level, review 2's and the final one.
func (m adjudicateModel) sheetRows(w int) (string, []string) {
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
	head := st.Label.Render(fmt.Sprintf("  %-*s  %-*s  %-*s  %-*s", idW, "", lvlW, "review 1", lvlW, "review 2", lvlW, "final"))
	var lines []string
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
	return head, lines
}

// feedbackSections is the selected row's feedback: its label, then review
// 1's, review 2's and the final one, each a section fairCut may shorten;
// while the lead writes the final one, it is the textarea instead, which
// is never cut.
func (m adjudicateModel) feedbackSections(w int) (secs [][]string, editor []string) {
	st, a := m.st, m.open
	row := a.sheet.Row()
	label := "Feedback · " + row
	if c, ok := a.d.Rubric.Criterion(row); ok {
		// The rows above cut names short at 80 columns: the selected
		// criterion's is in full here.
		label += " " + common.Name(c.Name)
	}
	secs = [][]string{styled(st.Label.Render, common.Wrap(label, w))}
	fw := max(w-10, 10)
	for i, label := range []string{"review 1", "review 2"} {
		secs = append(secs, feedbackLines(st, label, a.d.Reviews[i].Feedback[row], fw))
	}
	if a.sheet.Editing() {
		return secs, append([]string{st.Label.Render("final:")}, strings.Split(a.sheet.TextView(), "\n")...)
	}
	return append(secs, feedbackLines(st, "final", a.sheet.Feedback[row], fw)), nil
}

// fairCut is secs in at most room lines: each keeps its first lines, a
// line at a time round them all, so one long feedback does not push the
// others out of view; a cut one ends with "…".
func fairCut(secs [][]string, room int) []string {
	keep := make([]int, len(secs))
	for gave := true; gave && room > 0; {
		gave = false
		for i, sec := range secs {
			if room > 0 && keep[i] < len(sec) {
				keep[i]++
				room--
				gave = true
			}
		}
	}
	var out []string
	for i, sec := range secs {
		out = append(out, common.CutLines(sec, keep[i])...)
	}
	return out
}

// styled is each line of text rendered alone, so every one counts as a
// line of the pane.
func styled(render func(...string) string, text string) []string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = render(l)
	}
	return lines
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
