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
// feedbacks. Its lines go in order of need, and never more than h: the
// outcome, notice and question (y records what the question asks); the
// textarea while the lead writes, down to its cursor's line; a line of
// each review's feedback, as the lead settles a criterion by what the
// reviews wrote on it; the selected row; then the other rows and the rest
// of the feedback share what is left.
func (m adjudicateModel) sheetView(w, h int) string {
	head, rows := m.sheetRows(w)
	// Only a notice longer than the pane is cut: all else gives way first.
	mid := common.CutLines(m.sheetMid(w), h)
	label, fb, editor := m.feedbackSections(w)
	left := h - len(mid)
	take := func(n int) int {
		n = max(min(n, left), 0)
		left -= n
		return n
	}
	edN := 0
	if editor != nil {
		edN = take(min(len(editor), max(left-2-1, 1))) // leaving the reviews' lines and the row
	}
	firsts := take(2)
	rowN := take(1)
	// The rest: all of it when it fits; else the rows get what the
	// feedback leaves, and at least a third of the pane.
	rowsWant, fbWant := len(rows), len(label)-firsts
	for _, sec := range fb {
		fbWant += len(sec)
	}
	more := rowsWant
	if rowsWant+fbWant > left {
		more = min(left, max(left-fbWant, min(rowsWant, h/3)))
	}
	lines := m.rowWindow(head, rows, rowN+take(more), w)
	fbRoom := firsts + take(fbWant)
	if left > 0 {
		lines = append(lines, "") // the outcome apart from the rows
	}
	lines = append(lines, mid...)
	if left > 1 {
		lines = append(lines, "") // and from the feedback
	}
	// The reviews' first lines before the label: the selected row names
	// the criterion.
	keep := fairKeep(append(fb, label), fbRoom)
	lines = append(lines, common.CutLines(label, keep[len(fb)])...)
	for i, sec := range fb {
		lines = append(lines, common.CutLines(sec, keep[i])...)
	}
	return strings.Join(append(lines, editorWindow(editor, edN, m.open.sheet.TextCursorRow())...), "\n")
}

// sheetMid is the final outcome, any notice and the confirm question.
func (m adjudicateModel) sheetMid(w int) []string {
	st, a := m.st, m.open
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
	return mid
}

// rowWindow is the column heads and rows in at most n lines: the
// selected row first, then a line saying how many rows are left out, then
// the heads, then the rows round the selected one.
func (m adjudicateModel) rowWindow(head string, rows []string, n, w int) []string {
	cur := m.open.sheet.Cursor()
	switch {
	case n > len(rows):
		return append([]string{head}, rows...)
	case n <= 0:
		return nil
	case n == 1:
		return rows[cur : cur+1]
	}
	shown := max(n-2, 1)
	from := common.CentreTop(cur, shown, len(rows))
	to := from + shown
	hint := m.st.Faint.Render(common.OneLine("  "+common.MoreHint(from, len(rows)-to), w))
	if n == 2 {
		return []string{rows[cur], hint}
	}
	return append(append([]string{head}, rows[from:to]...), hint)
}

// editorWindow is the textarea's label and lines in n lines: those round
// the cursor's line (cursor) when there are fewer than it has, and the
// label only with room beside that line.
func editorWindow(editor []string, n, cursor int) []string {
	if n >= len(editor) {
		return editor
	}
	if n <= 0 {
		return nil
	}
	ta := editor[1:]
	if n == 1 {
		return ta[cursor : cursor+1]
	}
	from := common.CentreTop(cursor, n-1, len(ta))
	return append([]string{editor[0]}, ta[from:from+n-1]...)
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
		lvlW = max(lvlW, common.Width(common.Name(l)))
	}
	cell := func(l string) string {
		shown := common.Name(l)
		if shown == "" {
			shown = "—"
		}
		return st.Level(l, passing).Render(common.Pad(shown, lvlW))
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

// feedbackSections is the selected row's feedback: its label, and review
// 1's, review 2's and the final one, each a section fairKeep may shorten;
// while the lead writes the final one, it is the editor instead (its
// label and the textarea), which gives up lines only to the reviews'
// first ones and the selected row.
func (m adjudicateModel) feedbackSections(w int) (label []string, secs [][]string, editor []string) {
	st, a := m.st, m.open
	row := a.sheet.Row()
	head := "Feedback · " + row
	if c, ok := a.d.Rubric.Criterion(row); ok {
		// The rows above cut names short at 80 columns: the selected
		// criterion's is in full here.
		head += " " + common.Name(c.Name)
	}
	label = styled(st.Label.Render, common.Wrap(head, w))
	fw := max(w-10, 10)
	for i, l := range []string{"review 1", "review 2"} {
		secs = append(secs, feedbackLines(st, l, a.d.Reviews[i].Feedback[row], fw))
	}
	if a.sheet.Editing() {
		return label, secs, append([]string{st.Label.Render("final:")}, strings.Split(a.sheet.TextView(), "\n")...)
	}
	return label, append(secs, feedbackLines(st, "final", a.sheet.Feedback[row], fw)), nil
}

// fairKeep is how many of each section's first lines fit in room lines,
// given a line at a time round them all in order, so one long feedback
// does not push the others out of view; common.CutLines ends a cut one
// with "…".
func fairKeep(secs [][]string, room int) []int {
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
	return keep
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
