package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"assessor/review"
)

// evidenceText builds the left pane for an assignment, wrapped to width
// cells. Every string that came from the candidate (or from an earlier
// decision) passes through review.Sanitize first: evidence is untrusted and
// may carry escape sequences that retitle the window or clear the screen.
func evidenceText(a review.Assignment, now time.Time, width int, st *styles) string {
	width = max(width, 10)
	at := a.Attempt
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	// para wraps clean text and styles each line, so styling never spans a
	// wrap point.
	para := func(text string, indent int, style func(...string) string) {
		pad := strings.Repeat(" ", indent)
		for _, l := range strings.Split(ansi.Wrap(untabify(text), width-indent, ""), "\n") {
			if style != nil && l != "" {
				l = style(l)
			}
			line(pad + l)
		}
	}

	para(review.Sanitize(at.Handle()), 0, st.header.Render)
	para(review.Sanitize(a.Rubric.Title), 0, nil)
	para(fmt.Sprintf("Attempt %d · submitted %s · %s days waiting",
		at.Number, at.SubmittedAt.Format("2006-01-02"), daysWaiting(at.SubmittedAt, now)), 0, st.faint.Render)

	if at.Number > 1 && len(a.Previous) > 0 {
		prev := a.Previous[len(a.Previous)-1]
		line("")
		para(fmt.Sprintf("Attempt %d feedback (%s)", prev.Attempt.Number, prev.Decision.Outcome), 0, st.section.Render)
		passing := a.Rubric.PassingLevel()
		for _, c := range a.Rubric.Criteria {
			lvl, ok := prev.Decision.Levels[c.ID]
			if !ok {
				continue
			}
			lvl = review.Sanitize(lvl)
			// One line per criterion: the name is in the rubric pane anyway.
			head := oneLine(fmt.Sprintf("%s %s · %s", c.ID, lvl, review.Sanitize(c.Name)), width-2)
			if lvl != passing {
				// Not-yet criteria are what attempt n must fix: make them stand out.
				line(st.notYet.Render("▸ " + head))
			} else {
				line(st.meets.Render("  " + head))
			}
			if fb := strings.TrimSpace(review.Sanitize(prev.Decision.Feedback[c.ID])); fb != "" {
				para(fb, 4, nil)
			}
		}
		if fb := strings.TrimSpace(review.Sanitize(prev.Decision.Feedback[review.OverallKey])); fb != "" {
			para("Overall:", 0, st.label.Render)
			para(fb, 4, nil)
		}
		if note := strings.TrimSpace(review.Sanitize(at.Note)); note != "" {
			line("")
			para("Candidate's resubmission note", 0, st.section.Render)
			para(note, 0, nil)
		}
	}

	for _, p := range at.Parts {
		title := review.Sanitize(p.Title)
		text := review.Sanitize(p.Text)
		line("")
		para(title, 0, st.section.Render)
		n := review.WordCount(text)
		if limit := a.Rubric.PartLimit(title); limit > 0 {
			count := fmt.Sprintf("%d / %d words", n, limit)
			if n > limit {
				para(count+" — over the limit", 0, st.warn.Render)
			} else {
				para(count, 0, st.faint.Render)
			}
		} else {
			para(fmt.Sprintf("%d words", n), 0, st.faint.Render)
		}
		if len(p.Files) > 0 {
			files := make([]string, len(p.Files))
			for i, f := range p.Files {
				files[i] = review.Sanitize(f)
			}
			para("Files: "+strings.Join(files, ", "), 0, nil)
		}
		line("")
		para(text, 0, nil)
	}
	return strings.TrimRight(b.String(), "\n")
}

// daysWaiting formats the time since t in days with one decimal, e.g. "12.5".
func daysWaiting(t, now time.Time) string {
	d := now.Sub(t).Hours() / 24
	if d < 0 {
		d = 0
	}
	return fmt.Sprintf("%.1f", d)
}

// untabify replaces tabs, whose width the terminal decides, with spaces so
// width checks hold.
func untabify(s string) string { return strings.ReplaceAll(s, "\t", "    ") }
