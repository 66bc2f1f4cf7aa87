package dashboard

import (
	"fmt"
	"strconv"
	"strings"

	"assessor/review"
	"assessor/ui/common"
)

// fairnessView is the Fairness tab: the figures of `assessor report
// --fairness` (review.Fairness, as the store computes them for the report),
// one row per group. A suppressed group shows as suppressed and why, never
// a figure; attributes with no group of k are named at the end, as the
// report names them.
func fairnessView(d dashStyles, f review.Fairness, w int) string {
	lines := []string{
		d.heading.Render("Pass rates by candidate group"),
		d.note.Render(common.OneLine(fmt.Sprintf("Groups under k = %d apps suppressed, with complements so totals reveal none.",
			f.MinGroup), w)),
		"",
	}
	if len(f.Rows) == 0 {
		return strings.Join(append(lines, d.note.Render("No applications yet.")), "\n")
	}
	rows := make([][]string, 0, len(f.Rows))
	last := ""
	for _, r := range f.Rows {
		attr := ""
		if r.Attribute != last {
			attr, last = review.Sanitize(r.Attribute), r.Attribute
		}
		value := review.Sanitize(strings.Join(strings.Fields(r.Value), " "))
		if r.Attribute == "district" && r.State != "" {
			value += " (" + review.Sanitize(r.State) + ")"
		}
		if value == "" {
			value = "(none)"
		}
		if r.Suppressed {
			rows = append(rows, []string{attr, value, review.NoFigure, "suppressed", "(" + r.SuppressedBy + ")"})
			continue
		}
		rows = append(rows, []string{attr, value, countText(r.Applications),
			review.FormatRate(r.FirstTimePassRate) + " of " + countText(r.FirstAttemptsDecided),
			review.FormatRate(r.EventualPassRate) + " of " + countText(r.Decided)})
	}
	header := []string{"Attribute", "Value", "Apps", "First-time pass", "Eventual pass"}
	lines = append(lines, plainTable(header, rows, 1, w)...)
	for _, a := range f.Omitted {
		lines = append(lines, d.note.Render(common.OneLine(fmt.Sprintf("%s: no value held by %d applications, not shown",
			review.Sanitize(a), f.MinGroup), w)))
	}
	return strings.Join(lines, "\n")
}

// countText formats a count of a shown group (nil only when suppressed).
func countText(n *int64) string {
	if n == nil {
		return review.NoFigure
	}
	return strconv.FormatInt(*n, 10)
}
