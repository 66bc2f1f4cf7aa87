package ui

import (
	"fmt"
	"strings"

	"assessor/review"
	"assessor/ui/common"
)

// The scoring panel's drawing, kept apart from its key handling in
// scoring.go so each file stays short.

// View draws the panel (or the confirm dialog) in s.width×s.height.
func (s scoringModel) View() string {
	st := s.c.Styles
	w := s.width
	if s.confirm != nil {
		return common.Fit(s.confirm.SetSize(w, s.height).View(), w, s.height)
	}
	if s.picker != nil {
		return s.picker.View()
	}
	wrap := func(text string, indent int) []string {
		pad := strings.Repeat(" ", indent)
		out := strings.Split(common.Wrap(common.Untabify(text), w-indent), "\n")
		for i := range out {
			out[i] = pad + out[i]
		}
		return out
	}
	idW, lvlW := 0, 1
	for _, c := range s.rubric.Criteria {
		idW = max(idW, len(c.ID))
	}
	for _, l := range s.rubric.AllLevels() {
		lvlW = max(lvlW, len(l))
	}
	passing := s.rubric.PassingLevel()
	var lines []string
	for i, c := range s.rubric.Criteria {
		marker := "  "
		if i == s.cursor {
			marker = st.Header.Render("▸ ")
		}
		lvl := s.levels[c.ID]
		shown := lvl
		if shown == "" {
			shown = "—"
		}
		row := marker + fmt.Sprintf("%-*s  ", idW, c.ID) +
			st.Level(lvl, passing).Render(fmt.Sprintf("%-*s", lvlW, shown)) + "  " + review.Sanitize(c.Name)
		lines = append(lines, common.OneLine(row, w))
	}
	_, why := s.outcome()
	lines = append(lines, "")
	for _, l := range wrap("Outcome: "+why, 0) {
		lines = append(lines, st.Outcome.Render(l))
	}
	if miss := s.missingFeedback(); len(miss) > 0 {
		lines = append(lines, common.OneLine(st.Warn.Render("Needs feedback: "+strings.Join(miss, ", ")), w))
	}
	if s.notice != "" {
		for _, l := range wrap(s.notice, 0) {
			lines = append(lines, st.Warn.Render(l))
		}
	}
	if s.info != "" {
		for _, l := range wrap(s.info, 0) {
			lines = append(lines, st.Status.Render(l))
		}
	}
	lines = append(lines, "")
	if s.Editing() {
		label := "Overall feedback"
		if c, ok := s.rubric.Criterion(s.editing); ok {
			label = "Feedback on " + c.ID + " · " + review.Sanitize(c.Name)
		}
		lines = append(lines, common.OneLine(st.Label.Render(label), w), s.text.View())
	} else if len(s.rubric.Criteria) > 0 {
		lines = append(lines, s.preview(s.rubric.Criteria[s.cursor].ID+" feedback:", s.feedback[s.rubric.Criteria[s.cursor].ID], "enter")...)
		lines = append(lines, s.preview("Overall:", s.feedback[review.OverallKey], "o")...)
	}
	for _, warn := range review.FeedbackWarnings(s.rubric, s.levels, s.feedback) {
		for _, l := range wrap("⚠ "+warn.Criterion+": "+warn.Message, 0) {
			lines = append(lines, st.Warn.Render(l))
		}
	}
	return common.Fit(strings.Join(lines, "\n"), w, s.height)
}

// preview shows the first lines of one feedback text under a label.
func (s scoringModel) preview(label, text, key string) []string {
	st := s.c.Styles
	text = strings.TrimSpace(text)
	if text == "" {
		return []string{common.OneLine(st.Label.Render(label)+" "+st.Faint.Render("none yet ("+key+" to write)"), s.width)}
	}
	body := strings.Split(common.Wrap(common.Untabify(text), s.width-2), "\n")
	if len(body) > 3 {
		body = append(body[:3], "…")
	}
	out := []string{st.Label.Render(label)}
	for _, l := range body {
		out = append(out, "  "+l)
	}
	return out
}
