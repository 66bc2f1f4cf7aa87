package dashboard

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"assessor/review"
	"assessor/ui/common"
)

// sortedCriteria orders the criteria by not-yet rate, highest first, so
// the criteria that send candidates back most are on top.
func sortedCriteria(rows []review.CriterionRow) []review.CriterionRow {
	rows = slices.Clone(rows)
	slices.SortStableFunc(rows, func(a, b review.CriterionRow) int {
		if c := compareCells(sortCell{num: a.NotYetRate}, sortCell{num: b.NotYetRate}, true, true); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(b.NotYet, a.NotYet), cmp.Compare(a.Credential, b.Credential), cmp.Compare(a.Criterion, b.Criterion))
	})
	return rows
}

// criteriaHead is how many lines the Criteria tab has above its first bar.
const criteriaHead = 3

// criteriaView is the Criteria tab: each criterion's not-yet rate as a
// horizontal bar, rows as sortedCriteria orders them, the one at cursor
// marked for enter. titles maps credential ids to titles.
func criteriaView(d dashStyles, rows []review.CriterionRow, titles map[string]string, w, cursor int) string {
	lines := []string{
		d.heading.Render("Not-yet rate by criterion"),
		d.note.Render(common.OneLine("Share of scorings below the passing level, highest first · enter lists the attempts.", w)),
		"",
	}
	if len(rows) == 0 {
		return strings.Join(append(lines, d.note.Render("No criterion has been scored yet.")), "\n")
	}
	markerW := len([]rune(marker))
	labels := make([]string, len(rows))
	figs := make([]string, len(rows))
	labelW, figW := 0, 0
	for i, r := range rows {
		labels[i] = common.Name(cmp.Or(titles[r.Credential], r.Credential))
		figs[i] = fmt.Sprintf("%6s  (%d of %d)", review.FormatShare(r.NotYet, r.Scored), r.NotYet, r.Scored)
		labelW = max(labelW, lipgloss.Width(labels[i])+1+lipgloss.Width(review.Sanitize(r.Criterion)))
		figW = max(figW, lipgloss.Width(figs[i]))
	}
	// Bars need room to be read; long credential titles give way first.
	const minBar = 10
	labelW = max(min(labelW, w/2, w-markerW-figW-4-minBar), 8)
	barW := max(w-markerW-labelW-figW-4, 1)
	for i, r := range rows {
		rate := 0.0
		if r.NotYetRate != nil {
			rate = *r.NotYetRate
		}
		label := criterionLabel(labels[i], review.Sanitize(r.Criterion), labelW)
		if i == cursor {
			label = d.selected.Render(marker + label)
		} else {
			label = "  " + label
		}
		lines = append(lines, label+"  "+d.hbar(rate, barW, -1, d.bar)+"  "+figs[i])
	}
	return strings.Join(lines, "\n")
}

// criterionLabel is "<credential title> <criterion id>" in exactly w cells,
// cutting the title rather than the id, which is what tells rows apart.
func criterionLabel(title, crit string, w int) string {
	tw := w - lipgloss.Width(crit) - 1
	if tw < 1 {
		return padCell(crit, w, false)
	}
	return padCell(common.OneLine(title, tw)+" "+crit, w, false)
}
