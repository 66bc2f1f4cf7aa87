package dashboard

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"

	"assessor/review"
	"assessor/ui/common"
)

const (
	// promiseDays is the turnaround promised to candidates (docs/workflow.md).
	promiseDays = 14
	// histogramDays is how many one-day buckets the histogram shows before
	// its last, open "30+" bucket.
	histogramDays = 30
	// overdueShown caps the overdue list; the pending attempts are read
	// oldest first, so these are the longest waits.
	overdueShown = 20
	// histogramRows is the histogram's height in lines.
	histogramRows = 8
	// overdueScan is how many pending attempts, oldest first, are read to
	// find the overdue ones: as many as the reviewers' queue lists.
	overdueScan = 500
)

// turnaroundBuckets folds LeadBackend.TurnaroundDays into the histogram's
// buckets: one per day 0..29 and a last "30+" for every longer turnaround.
// The backend's own last index is already open-ended ("that many days or
// more"), so a shorter slice keeps its last bucket labelled "N+".
func turnaroundBuckets(days []int64) (labels []string, counts []int64) {
	for i, c := range days {
		if i >= histogramDays {
			counts[histogramDays] += c
			continue
		}
		labels = append(labels, strconv.Itoa(i))
		counts = append(counts, c)
		if i == histogramDays-1 && len(days) > histogramDays {
			labels, counts = append(labels, strconv.Itoa(histogramDays)+"+"), append(counts, 0)
		}
	}
	if n := len(labels); n > 0 && len(days) <= histogramDays {
		labels[n-1] += "+"
	}
	return labels, counts
}

// turnaroundView is the Turnaround tab: how long decisions took, with the
// promise marked, then the attempts already waiting longer than promised,
// the one at cursor marked for enter (its history). Only pseudonym handles
// are listed, never an application id or a name. overdueAt is the line of
// the first overdue row.
func turnaroundView(d dashStyles, data dashData, w, cursor int) (text string, overdueAt int) {
	lines := []string{d.heading.Render("Turnaround of decided attempts"),
		d.note.Render(common.OneLine("Decided attempts by whole days from submission to decision.", w)), ""}
	labels, counts := turnaroundBuckets(data.days)
	var decided, within int64
	for i, c := range counts {
		decided += c
		if i < promiseDays {
			within += c
		}
	}
	if decided == 0 {
		lines = append(lines, d.note.Render("No attempt has been decided yet."))
	} else {
		// Whole days, as the histogram counts them: 13.9 days is under
		// 14, 14.0 is not (nor is it over the promise, which the
		// headline and the overdue list judge to the minute).
		lines = append(lines, common.OneLine(fmt.Sprintf("Decided in under %d days: %d of %d (%s)",
			promiseDays, within, decided, review.FormatShare(within, decided)), w), "")
		h := dayHistogram{labels: labels, counts: counts, split: promiseDays,
			note: fmt.Sprintf("%d days and more →", promiseDays)}
		lines = append(lines, d.histogramView(h, w, histogramRows)...)
	}
	lines = append(lines, "")
	od := overdueLines(d, data, w, cursor)
	// The list's heading and its table header come before the rows.
	return strings.Join(append(lines, od...), "\n"), len(lines) + 2
}

// overdue is the pending attempts that have waited more than the promise,
// oldest first, and whether there may be more beyond those read.
func overdue(data dashData) (items []review.QueueItem, more bool) {
	for _, it := range data.queue {
		if data.asOf.Sub(it.SubmittedAt) > promiseDays*24*time.Hour {
			items = append(items, it)
		}
	}
	// Pending attempts are read up to overdueScan, oldest first: if even
	// the newest one read is overdue, there may be more beyond it.
	return items, len(data.queue) >= overdueScan && len(items) == len(data.queue)
}

// overdueLines lists pending attempts that have waited more than the
// promise, oldest first, up to overdueShown of them.
func overdueLines(d dashStyles, data dashData, w, cursor int) []string {
	titles := credentialTitles(data.report)
	items, beyond := overdue(data)
	var rows [][]string
	for _, it := range items {
		days := review.DurationDays(data.asOf.Sub(it.SubmittedAt))
		rows = append(rows, []string{review.Sanitize(it.Handle()), awaiting(it),
			common.Name(cmp.Or(titles[it.Credential], it.Credential)), review.FormatFigure(&days)})
	}
	// The count of them all, read apart from the list; the list's own
	// if that failed.
	count, n := int64(len(rows)), strconv.Itoa(len(rows))
	switch {
	case data.overdue >= count:
		count, n = data.overdue, strconv.FormatInt(data.overdue, 10)
	case beyond:
		n += "+"
	}
	heading := d.heading.Render(fmt.Sprintf("Overdue: %s %s waiting > %d days", n, review.Plural(count, "attempt", "attempts"), promiseDays))
	if len(rows) == 0 {
		return []string{heading, d.note.Render(fmt.Sprintf("No pending attempt has waited more than %d days.", promiseDays))}
	}
	head := heading + d.note.Render(" · enter shows the history")
	rows = rows[:min(len(rows), overdueShown)]
	table := plainTable([]string{"Attempt", "Awaiting", "Credential", "Days waiting"}, rows, 2, w-2)
	out := []string{common.OneLine(head, w), "  " + table[0]}
	for i, l := range table[1:] {
		if i == cursor {
			out = append(out, d.selected.Render(marker+l))
		} else {
			out = append(out, "  "+l)
		}
	}
	if more := count - int64(len(rows)); more > 0 {
		plus := ""
		if beyond && count == int64(len(items)) {
			plus = "+" // more may wait beyond the attempts read, as the heading's "500+" says
		}
		out = append(out, d.note.Render(fmt.Sprintf("… and %d%s more", more, plus)))
	}
	return out
}

// awaiting is what an overdue attempt waits for: a reviewer, or a lead
// to settle its two reviews, which disagree.
func awaiting(it review.QueueItem) string {
	if it.Disputed {
		return "adjudication"
	}
	return "review"
}

// credentialTitles maps credential ids to titles from the report.
func credentialTitles(r review.Report) map[string]string {
	m := make(map[string]string, len(r.ByCredential))
	for _, c := range r.ByCredential {
		m[c.Credential] = c.Title
	}
	return m
}
