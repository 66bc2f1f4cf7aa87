package scoring

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/common"
)

// The scoring panel's drawing, kept apart from its key handling in
// panel.go so each file stays short. Top to bottom: the criteria with
// their levels, the outcome and notices; the selected criterion's
// descriptors, one per level, so the rubric stays in view while scoring;
// then the feedback (the textarea while writing) and its warnings. The
// descriptors get the room the rest leaves; while writing, the textarea
// gets two thirds of it (textHeight).

// View draws the panel (or the overlay on top of it) in s.width×s.height.
func (s Model) View() string {
	if s.overlays.Len() > 0 {
		return common.Fit(s.overlays.View(), s.width, s.height)
	}
	top, bottom := s.topLines(), s.bottomLines()
	lines := append(top, s.descriptorLines(s.height-len(top)-len(bottom))...)
	return common.Fit(strings.Join(append(lines, bottom...), "\n"), s.width, s.height)
}

// compactBelow is the panel height under which it drops its blank lines
// and keeps the outcome and feedback to a line each, so the descriptors
// still show at 80×24.
const compactBelow = 24

func (s Model) compact() bool { return s.height < compactBelow }

// wrap wraps text to the panel's width, indented.
func (s Model) wrap(text string, indent int) []string {
	pad := strings.Repeat(" ", indent)
	out := strings.Split(common.Wrap(common.Drawable(text), s.width-indent), "\n")
	for i := range out {
		out[i] = pad + out[i]
	}
	return out
}

// drawTop draws the criteria with their levels, the outcome and the
// notices (memo.go's topLines keeps them).
func (s Model) drawTop() []string {
	st, w := s.c.Styles, s.width
	idW, lvlW := 0, 1
	for _, c := range s.sheet.Rubric.Criteria {
		idW = max(idW, len(c.ID))
	}
	for _, l := range s.sheet.Rubric.AllLevels() {
		lvlW = max(lvlW, common.Width(common.Name(l)))
	}
	passing := s.sheet.Rubric.PassingLevel()
	var lines []string
	criteria := s.sheet.Rubric.Criteria
	from, to := s.criteriaShown()
	for i := from; i < to; i++ {
		c := criteria[i]
		marker := "  "
		if i == s.sheet.Cursor() {
			marker = st.Lines.Header.Render("▸ ")
		}
		lvl := s.sheet.Levels[c.ID]
		shown := common.Name(lvl)
		if shown == "" {
			shown = "—"
		}
		row := marker + fmt.Sprintf("%-*s  ", idW, c.ID) +
			st.LevelLine(lvl, passing).Render(common.Pad(shown, lvlW)) + "  " + common.Name(c.Name)
		lines = append(lines, common.OneLine(row, w))
	}
	if to-from < len(criteria) {
		more := fmt.Sprintf("  criteria %d–%d of %d: ↑/↓ for the others", from+1, to, len(criteria))
		lines = append(lines, common.OneLine(st.Lines.Faint.Render(more), w))
	}
	_, why := s.outcome()
	if s.compact() {
		lines = append(lines, common.OneLine(st.Lines.Outcome.Render("Outcome: "+why), w))
	} else {
		lines = append(lines, "")
		for _, l := range s.wrap("Outcome: "+why, 0) {
			lines = append(lines, st.Lines.Outcome.Render(l))
		}
	}
	if miss := s.sheet.MissingFeedback(); len(miss) > 0 {
		lines = append(lines, common.OneLine(st.Lines.Warn.Render("Needs feedback: "+strings.Join(miss, ", ")), w))
	}
	if s.notice != "" {
		for _, l := range s.wrap(s.notice, 0) {
			lines = append(lines, st.Lines.Warn.Render(l))
		}
	}
	if s.info != "" {
		for _, l := range s.wrap(s.info, 0) {
			lines = append(lines, st.Lines.Status.Render(l))
		}
	}
	return lines
}

// criteriaShown is the window [from, to) of criteria the panel lists: all
// of them when they fit in a third of its height, or in all but 24 rows
// on a tall one, else that many less one (for the line that says so)
// around the cursor, so a rubric of many criteria leaves room for the
// descriptors, outcome and feedback.
func (s Model) criteriaShown() (from, to int) {
	n := len(s.sheet.Rubric.Criteria)
	room := max(s.height/3, s.height-24, 4)
	if n <= room {
		return 0, n
	}
	rows := room - 1
	from = common.CentreTop(s.sheet.Cursor(), rows, n)
	return from, from + rows
}

// bottomLines are the feedback (the textarea while writing, else the
// selected criterion's and the overall feedback) and its warnings.
func (s Model) bottomLines() []string {
	st, w := s.c.Styles, s.width
	lines := []string{""}
	if s.compact() {
		lines = nil
	}
	if s.Editing() {
		label := "Overall feedback"
		if c, ok := s.sheet.Rubric.Criterion(s.sheet.EditingID()); ok {
			label = "Feedback on " + c.ID + " · " + common.Name(c.Name)
		}
		lines = append(lines, common.OneLine(st.Lines.Label.Render(label), w))
		lines = append(lines, strings.Split(s.sheet.TextView(), "\n")...)
	} else if len(s.sheet.Rubric.Criteria) > 0 {
		lines = append(lines, s.previewLines()...)
	}
	return append(lines, s.warningLines()...)
}

// drawWarnings draws the feedback warnings ws (review.FeedbackWarnings;
// memo.go's warningLines keeps them).
func (s Model) drawWarnings(ws []review.Warning) []string {
	var lines []string
	for _, warn := range ws {
		for _, l := range s.wrap("⚠ "+warn.Criterion+": "+warn.Message, 0) {
			lines = append(lines, s.c.Styles.Warn.Render(l))
		}
	}
	return lines
}

// textHeight is the textarea's height while writing: the room below the
// criteria and above the warnings, less at most a third for the
// descriptors, which stay in view as the feedback is written.
func (s Model) textHeight() int {
	room := s.height - len(s.topLines()) - 2 - len(s.warningLines()) // blank and label
	if s.compact() {
		room++ // no blank
	}
	desc := min(len(s.descriptorLines(room)), room/3)
	if len(s.descriptorLines(desc)) == 0 {
		desc = 0 // too few rows to show them: the textarea takes them
	}
	return max(room-desc, 2)
}

// descriptors are the selected criterion's descriptors as drawn for its
// level and the width, before they are fitted to the room there is
// (memo.go's descriptorLines keeps them: wrapping each level's text is
// the costly part, and textHeight and View ask for several rooms).
type descriptors struct {
	head   []string   // the heading
	bodies [][]string // each level's name (▸ on the level chosen) and text; or, with table false, the description
	table  bool       // the description is a table of descriptors by level
	levels int        // how many levels the rubric has
}

// drawDescriptors draws the selected criterion's descriptors, none (no
// bodies) when it has none.
func (s Model) drawDescriptors() (d descriptors) {
	c, ok := s.sheet.Rubric.Criterion(s.sheet.Row())
	if !ok || strings.TrimSpace(c.Description) == "" {
		return d
	}
	st := s.c.Styles
	d.head = []string{"", common.OneLine(st.Lines.Label.Render("Levels for "+c.ID+":"), s.width)}
	if s.compact() {
		d.head = d.head[1:]
	}
	levels := s.sheet.Rubric.AllLevels()
	d.levels = len(levels)
	texts, table := c.Descriptors(levels)
	if !table {
		d.head[len(d.head)-1] = common.OneLine(st.Lines.Label.Render(c.ID+" in the rubric:"), s.width)
		d.bodies = [][]string{s.wrap(review.Sanitize(c.Description), 2)}
		return d
	}
	d.table = true
	passing := s.sheet.Rubric.PassingLevel()
	for i, lvl := range levels {
		marker := "  "
		if s.sheet.Levels[c.ID] == lvl {
			marker = "▸ "
		}
		name := common.Name(lvl)
		if marker != "  " {
			name += " (chosen)"
		}
		// The level's name starts its descriptor's first line, styled;
		// the text hangs under it.
		body := hang(marker+name+": ", common.Name(texts[i]), 4, s.width)
		body[0] = marker + st.LevelLine(lvl, passing).Render(name) + strings.TrimPrefix(body[0], marker+name)
		d.bodies = append(d.bodies, body)
	}
	return d
}

// fit is at most room lines of d: the heading, then each level's share of
// what is left, cut with "…", so every level stays in view (the rubric, s,
// has them whole); nothing when there are none, or not a line for each
// level.
func (d descriptors) fit(room int) []string {
	if len(d.bodies) == 0 || room < len(d.head)+d.levels {
		return nil
	}
	lines := slices.Clone(d.head)
	if !d.table {
		return append(lines, common.CutLines(d.bodies[0], room-len(d.head))...)
	}
	share := (room - len(d.head)) / len(d.bodies)
	if share < 1 {
		return nil
	}
	for _, body := range d.bodies {
		lines = append(lines, common.CutLines(body, share)...)
	}
	return lines
}

// hang wraps text after prefix on the first line and indented by indent
// on the others, all within w cells. A word wider than a line (a link, a
// descriptor in Japanese or Chinese, written without spaces) is broken
// across lines: the panel's Fit would cut the rest of it.
func hang(prefix, text string, indent, w int) []string {
	lines := []string{prefix}
	room := w - ansi.StringWidth(prefix)
	for _, field := range strings.Fields(text) {
		words := []string{field}
		if ansi.StringWidth(field) > w-indent {
			words = strings.Split(ansi.Hardwrap(field, max(w-indent, 1), false), "\n")
		}
		for _, word := range words {
			cur := &lines[len(lines)-1]
			ww := ansi.StringWidth(word)
			switch {
			case strings.TrimSpace(*cur) == "" || *cur == prefix && ww <= room:
				*cur += word
				room -= ww
			case ww+1 <= room:
				*cur += " " + word
				room -= ww + 1
			default:
				lines = append(lines, strings.Repeat(" ", indent)+word)
				room = w - indent - ww
			}
		}
	}
	return lines
}

// drawPreviews shows the selected criterion's feedback and the overall
// feedback, the first lines of each (memo.go's previewLines keeps them).
func (s Model) drawPreviews() []string {
	id := s.sheet.Row()
	lines := s.preview(id+" feedback:", s.sheet.Feedback[id], "enter")
	return append(lines, s.preview("Overall:", s.sheet.Feedback[review.OverallKey], "o")...)
}

// preview shows the first lines of one feedback text under a label.
func (s Model) preview(label, text, key string) []string {
	st := s.c.Styles
	text = strings.TrimSpace(text)
	if text == "" {
		return []string{common.OneLine(st.Lines.Label.Render(label)+" "+st.Lines.Faint.Render("none yet ("+key+" to write)"), s.width)}
	}
	if s.compact() {
		return []string{common.OneLine(st.Lines.Label.Render(label)+" "+strings.Join(strings.Fields(text), " "), s.width)}
	}
	body := strings.Split(common.Wrap(common.Drawable(text), s.width-2), "\n")
	if len(body) > 3 {
		body = append(body[:3], "…")
	}
	out := []string{st.Lines.Label.Render(label)}
	for _, l := range body {
		out = append(out, "  "+l)
	}
	return out
}
