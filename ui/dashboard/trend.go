package dashboard

import (
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"assessor/review"
	"assessor/ui/common"
)

// nationalReference is the national first-time pass rate leads compare
// against (docs/workflow.md): about 40%.
const nationalReference = 0.40

// trendView is the Trend tab: one horizontal bar per month of first
// submission, scaled 0–100%, with the national reference drawn as a
// vertical line through the bars, then the figures per stack with the
// number of candidates who completed it.
func trendView(d dashStyles, r review.Report, progress []review.StackProgress, w int) string {
	lines := []string{
		d.heading.Render("First-time pass rate by month of first submission"),
		d.note.Render(common.OneLine(fmt.Sprintf("│ marks the national reference ≈%.0f%%.", nationalReference*100), w)),
		"",
	}
	if len(r.ByMonth) == 0 {
		lines = append(lines, d.note.Render("No applications yet."))
	} else {
		lines = append(lines, monthBars(d, r.ByMonth, w)...)
	}
	lines = append(lines, "", d.heading.Render("By stack"))
	if len(r.ByStack) == 0 {
		return strings.Join(append(lines, d.note.Render("No credential belongs to a stack.")), "\n")
	}
	rows := make([][]string, len(r.ByStack))
	for i, s := range r.ByStack {
		f := s.Figures
		rows[i] = []string{common.Name(s.Stack), fmt.Sprint(f.Applications), f.FirstTimeShare(),
			f.EventualShare(), f.MeanAttemptsShown(), review.FormatFigure(f.MedianTurnaroundDays),
			fmt.Sprint(s.StacksCompleted)}
	}
	// Completed counts candidates who hold every credential of the stack.
	header := []string{"Stack", "Apps", "1st pass", "Eventual", "Att/pass", "Median d", "Completed"}
	lines = append(lines, plainTable(header, rows, 0, w)...)
	return strings.Join(append(lines, progressLines(d, progress, w)...), "\n")
}

// progressLines shows each stack's candidates by credentials earned, e.g.
// "Assessment Literacy  1/6: 40 · 2/6: 12 · … · 6/6: 1", broken between
// counts onto indented lines where the width ends: the tab scrolls only up
// and down, and a line cut at its edge hid the counts of the candidates
// nearest to completing a stack of ten.
func progressLines(d dashStyles, progress []review.StackProgress, w int) []string {
	if len(progress) == 0 {
		return nil
	}
	lines := []string{"", d.heading.Render("Stack progress: candidates by credentials earned")}
	for _, p := range progress {
		line := common.Name(p.Stack) + " "
		const indent = "   "
		for k, n := range p.Earned {
			part := fmt.Sprintf("%d/%d: %d", k+1, p.Credentials, n)
			if k < len(p.Earned)-1 {
				part += " ·"
			}
			// A long stack name keeps its line, and its counts go below.
			if line != indent && lipgloss.Width(line)+1+lipgloss.Width(part) > w {
				lines = append(lines, common.OneLine(line, w))
				line = indent
			}
			line += " " + part
		}
		lines = append(lines, common.OneLine(line, w))
	}
	return lines
}

// monthBars draws the month rows and the 0% / reference / 100% axis.
func monthBars(d dashStyles, months []review.MonthRow, w int) []string {
	figs := make([]string, len(months))
	figW := 0
	for i, m := range months {
		f := m.Figures
		if f.FirstTimePassRate == nil {
			figs[i] = fmt.Sprintf("%6s  (none decided)", review.NoFigure)
		} else {
			figs[i] = fmt.Sprintf("%6s  (%d of %d)", review.FormatShare(f.FirstTimePasses, f.FirstAttemptsDecided), f.FirstTimePasses, f.FirstAttemptsDecided)
		}
		figW = max(figW, lipgloss.Width(figs[i]))
	}
	const monthW = 7 // YYYY-MM
	barW := max(w-monthW-figW-4, 10)
	mark := int(math.Round(nationalReference * float64(barW)))
	var out []string
	for i, m := range months {
		rate, st := 0.0, d.barBad
		if r := m.FirstTimePassRate; r != nil {
			rate = *r
			if *r >= nationalReference {
				st = d.barGood
			}
		}
		out = append(out, padCell(review.Sanitize(m.Month), monthW, false)+"  "+d.hbar(rate, barW, mark, st)+"  "+figs[i])
	}
	return append(out, d.axis.Render(strings.Repeat(" ", monthW+2)+axisLabels(barW, mark)))
}

// axisLabels is "0%", the reference and "100%" under a bar barW cells wide,
// the reference label starting at the marker's column.
func axisLabels(barW, mark int) string {
	ref := fmt.Sprintf("%.0f%%", nationalReference*100)
	end := "100%"
	gap1 := mark - 2
	gap2 := barW - mark - lipgloss.Width(ref) - lipgloss.Width(end)
	if gap1 < 1 || gap2 < 1 {
		return "0%" + strings.Repeat(" ", max(barW-2-len(end), 1)) + end
	}
	return "0%" + strings.Repeat(" ", gap1) + ref + strings.Repeat(" ", gap2) + end
}
