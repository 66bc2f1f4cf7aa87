package scoring

import (
	"fmt"
	"strings"

	"assessor/review"
	"assessor/ui/common"
)

// The scoring panel's drawing, kept apart from its key handling in
// panel.go so each file stays short.

// View draws the panel (or the overlay on top of it) in s.width×s.height.
func (s Model) View() string {
	st := s.c.Styles
	w := s.width
	if s.overlays.Len() > 0 {
		return common.Fit(s.overlays.View(), w, s.height)
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
	for _, c := range s.sheet.Rubric.Criteria {
		idW = max(idW, len(c.ID))
	}
	for _, l := range s.sheet.Rubric.AllLevels() {
		lvlW = max(lvlW, len(l))
	}
	passing := s.sheet.Rubric.PassingLevel()
	var lines []string
	for i, c := range s.sheet.Rubric.Criteria {
		marker := "  "
		if i == s.sheet.Cursor() {
			marker = st.Header.Render("▸ ")
		}
		lvl := s.sheet.Levels[c.ID]
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
	if miss := s.sheet.MissingFeedback(); len(miss) > 0 {
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
		if c, ok := s.sheet.Rubric.Criterion(s.sheet.EditingID()); ok {
			label = "Feedback on " + c.ID + " · " + review.Sanitize(c.Name)
		}
		lines = append(lines, common.OneLine(st.Label.Render(label), w), s.sheet.TextView())
	} else if len(s.sheet.Rubric.Criteria) > 0 {
		id := s.sheet.Row()
		lines = append(lines, s.preview(id+" feedback:", s.sheet.Feedback[id], "enter")...)
		lines = append(lines, s.preview("Overall:", s.sheet.Feedback[review.OverallKey], "o")...)
	}
	for _, warn := range review.FeedbackWarnings(s.sheet.Rubric, s.sheet.Levels, s.sheet.Feedback) {
		for _, l := range wrap("⚠ "+warn.Criterion+": "+warn.Message, 0) {
			lines = append(lines, st.Warn.Render(l))
		}
	}
	return common.Fit(strings.Join(lines, "\n"), w, s.height)
}

// preview shows the first lines of one feedback text under a label.
func (s Model) preview(label, text, key string) []string {
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
