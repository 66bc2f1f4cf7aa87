// The report's three formats: JSON (the contract), CSV (one row per
// credential) and a table for people.

package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"assessor/review"
)

// writeReportJSON writes the report exactly as docs/formats.md §3 names it.
func writeReportJSON(w io.Writer, rep review.Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// figureColumns are the §3 figures in the order the contract lists them.
var figureColumns = []string{
	"applications", "first_attempts_decided", "first_time_passes", "first_time_pass_rate",
	"passed", "eventual_pass_rate", "mean_attempts_to_pass", "decided_attempts",
	"pending_attempts", "median_turnaround_days",
}

// figureCells formats figures for CSV: null is an empty cell.
func figureCells(f review.Figures) []string {
	return []string{
		itoa(f.Applications), itoa(f.FirstAttemptsDecided), itoa(f.FirstTimePasses), ftoa(f.FirstTimePassRate),
		itoa(f.Passed), ftoa(f.EventualPassRate), ftoa(f.MeanAttemptsToPass), itoa(f.DecidedAttempts),
		itoa(f.PendingAttempts), ftoa(f.MedianTurnaroundDays),
	}
}

// writeReportCSV writes one row per credential with a header row, or,
// with the fairness section, its rows (report_fairness.go).
func writeReportCSV(w io.Writer, rep review.Report) error {
	if rep.Fairness != nil {
		return writeFairnessCSV(w, *rep.Fairness)
	}
	if rep.Consistency != nil {
		return writeConsistencyCSV(w, *rep.Consistency)
	}
	cw := newCSVWriter(w)
	if err := cw.Write(append([]string{"credential", "title", "stack"}, figureColumns...)); err != nil {
		return err
	}
	for _, r := range rep.ByCredential {
		if err := cw.Write(append([]string{r.Credential, r.Title, r.Stack}, figureCells(r.Figures)...)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeReportTable is the human view: headline figures, then each group as
// an aligned table with rates as percentages.
func writeReportTable(w io.Writer, rep review.Report) error {
	o := rep.Overall
	fmt.Fprintf(w, "Applications %d · first-time pass rate %s (%d of %d) · eventual pass rate %s (%d of %d) · mean attempts to pass %s\n",
		o.Applications, o.FirstTimeShare(), o.FirstTimePasses, o.FirstAttemptsDecided,
		o.EventualShare(), o.Passed, o.FirstAttemptsDecided, o.MeanAttemptsShown())
	fmt.Fprintf(w, "Attempts decided %d · pending %d · median turnaround %s days\n\n",
		o.DecidedAttempts, o.PendingAttempts, num(o.MedianTurnaroundDays))

	// Figures align right; in each table the keys are padded to its
	// longest so they read left, and blank lines (no cells) end a block so
	// no column is wider than what it holds: a long stack's name does not
	// pad the months.
	tw := newTableFlags(w, tabwriter.AlignRight)
	section := func(title string, names []string, figs []review.Figures) func(string) string {
		key := keyPad(append(names, title))
		fmt.Fprintln(tw, key(title)+"\tapps\tfirst decided\tfirst-time pass\teventual pass\tattempts to pass\tdecided\tpending\tmedian days\t")
		for i, f := range figs {
			fmt.Fprintln(tw, strings.Join([]string{key(names[i]), itoa(f.Applications), itoa(f.FirstAttemptsDecided), f.FirstTimeShare(), f.EventualShare(),
				f.MeanAttemptsShown(), itoa(f.DecidedAttempts), itoa(f.PendingAttempts), num(f.MedianTurnaroundDays)}, "\t")+"\t")
		}
		fmt.Fprintln(tw)
		return key
	}
	var names []string
	var figs []review.Figures
	for _, r := range rep.ByCredential {
		names, figs = append(names, r.Credential), append(figs, r.Figures)
	}
	section("CREDENTIAL", names, figs)
	names, figs = nil, nil
	for _, r := range rep.ByStack {
		names, figs = append(names, r.Stack), append(figs, r.Figures)
	}
	key := section("STACK", names, figs)
	// A line with no tab is no cell: it does not widen the columns.
	for _, r := range rep.ByStack {
		fmt.Fprintf(tw, "  %s  %s the stack\n", key(r.Stack), review.Count(r.StacksCompleted, "candidate completed", "candidates completed"))
	}
	fmt.Fprintln(tw)
	names, figs = nil, nil
	for _, r := range rep.ByMonth {
		names, figs = append(names, r.Month), append(figs, r.Figures)
	}
	section("MONTH", names, figs)
	if err := tw.Flush(); err != nil {
		return err
	}

	reviewers := []string{"REVIEWER"}
	for _, r := range rep.ByReviewer {
		reviewers = append(reviewers, r.Reviewer)
	}
	criteria := []string{"CRITERION"}
	for _, c := range rep.Criteria {
		criteria = append(criteria, c.Credential+" "+c.Criterion)
	}
	tw = newTableFlags(w, tabwriter.AlignRight)
	key = keyPad(reviewers)
	fmt.Fprintln(tw, key("REVIEWER")+"\tdecisions\tpass rate\tmedian days\tagreement\tkappa\t")
	for _, r := range rep.ByReviewer {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t\n", key(r.Reviewer), r.Decisions, r.PassShare(), num(r.MedianTurnaroundDays), r.AgreementShare(), r.KappaShown())
	}
	fmt.Fprintln(tw)
	key = keyPad(criteria)
	fmt.Fprintln(tw, key("CRITERION")+"\tscored\tnot yet\tnot-yet rate\t")
	for _, c := range rep.Criteria {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t\n", key(c.Credential+" "+c.Criterion), c.Scored, c.NotYet, review.FormatShare(c.NotYet, c.Scored))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if rep.Fairness != nil {
		if err := writeFairnessTable(w, *rep.Fairness); err != nil {
			return err
		}
	}
	if rep.Consistency != nil {
		return writeConsistencyTable(w, *rep.Consistency)
	}
	return nil
}

// keyPad pads a row key to the width of the longest of keys, so keys
// read left in a right-aligned table that is no wider than they need.
// Keys are names from rubrics and imports: drawn as cellText keeps them
// (and counted as a table counts the cells after them: cellWidth).
func keyPad(keys []string) func(string) string {
	width := 0
	for _, k := range keys {
		width = max(width, cellWidth(cellText(k)))
	}
	return func(s string) string {
		s = cellText(s)
		return s + strings.Repeat(" ", max(0, width-cellWidth(s)))
	}
}

// itoa formats a count.
func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// ftoa formats a figure for CSV in full; nil (no data) is an empty cell.
func ftoa(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// pct and num are review's figure formats (one decimal for rates, two
// for the rest), which the dashboard shares: the same figure reads the
// same in both. A rate printed beside the counts it divides is formatted
// from them instead (review.FormatShare), as the dashboard does.
var pct, num = review.FormatRate, review.FormatFigure

// reportWriter writes a report in one format.
type reportWriter func(io.Writer, review.Report) error
