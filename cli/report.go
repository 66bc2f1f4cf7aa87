package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"assessor/demo"
	"assessor/review"
	"assessor/store"
)

// reportCmd is `assessor report`: the program's figures (first-time and
// eventual pass rates, turnaround, not-yet criteria) as JSON (the
// contract), CSV or a table, optionally for the applications started in a
// date range.
func reportCmd(g *globals) *cobra.Command {
	var format, since, until string
	var fairness, consistency bool
	cmd := &cobra.Command{
		Use:   "report",
		Short: "First-time and eventual pass rates, turnaround and not-yet criteria (docs/formats.md §3)",
		Long: "Print the program report. --format json is the contract of docs/formats.md §3; csv writes\n" +
			"one row per credential; table is for people. --since and --until (YYYY-MM-DD, both\n" +
			"inclusive) keep the applications whose attempt 1 was submitted in that range.\n" +
			"--fairness adds first-time and eventual pass rates by candidate state, district and any\n" +
			"other candidate attribute, every group under the configured minimum (assessor config\n" +
			"fairness, 10 by default) suppressed, with complementary suppression so that no\n" +
			"suppressed figure can be worked out from the others; its --since must be a month's first\n" +
			"day and its --until a month's last, so that two reports never differ by a day's\n" +
			"applications. --consistency adds, per reviewer, the first-attempt pass rate against the\n" +
			"rate expected from the credentials they reviewed (95% interval, flagged when it excludes\n" +
			"it), the same by month, and active review time per decision, listing decisions under the\n" +
			"floor (assessor config consistency).",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// Every flag is checked before the store is opened.
			write, ok := map[string]reportWriter{"json": writeReportJSON, "csv": writeReportCSV, "table": writeReportTable}[format]
			if !ok {
				return fmt.Errorf("--format %q: want json, csv or table", format)
			}
			if format == "csv" && fairness && consistency {
				return fmt.Errorf("--format csv takes one of --fairness and --consistency")
			}
			if err := refuseEmpty(cmd, "since", "until"); err != nil {
				return err
			}
			from, err := parseDate("--since", since)
			if err != nil {
				return err
			}
			to, err := parseDate("--until", until)
			if err != nil {
				return err
			}
			if !to.IsZero() {
				// The store's bound is not inclusive. Compared as such:
				// --since a time on the --until day is the rest of it.
				to = inclusiveEnd(until, to)
			}
			if !from.IsZero() && !to.IsZero() && !to.After(from) {
				return fmt.Errorf("--since %s is after --until %s: swap them", since, until)
			}
			if fairness {
				if err := fairnessMonths(since, from, until, to); err != nil {
					return err
				}
			}
			return g.withReadStore(func(st *store.Store) error {
				rep, err := st.Report(from, to)
				if err != nil {
					return err
				}
				if fairness { // report_fairness.go
					f, err := st.Fairness(from, to)
					if err != nil {
						return err
					}
					rep.Fairness = &f
				}
				if consistency { // report_consistency.go
					c, err := st.Consistency(from, to)
					if err != nil {
						return err
					}
					rep.Consistency = &c
				}
				return write(cmd.OutOrStdout(), rep)
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "json, csv or table")
	cmd.Flags().StringVar(&since, "since", "", "first day (YYYY-MM-DD, UTC; or an RFC 3339 time) of attempt 1 submissions to count")
	cmd.Flags().StringVar(&until, "until", "", "last day (YYYY-MM-DD, UTC; or an RFC 3339 time, itself counted) of attempt 1 submissions to count")
	cmd.Flags().BoolVar(&consistency, "consistency", false, "add each reviewer's first-attempt pass rate against the expected one, by month, and active review time (csv: by-reviewer rows only)")
	cmd.Flags().BoolVar(&fairness, "fairness", false, "add pass rates by candidate state, district and other attributes, small groups suppressed (csv: those rows only)")
	return cmd
}

// inclusiveEnd is the first instant past --until t, as given in s: the
// next day for a date, the next nanosecond for a time (RFC 3339).
func inclusiveEnd(s string, t time.Time) time.Time {
	if len(s) == len("2006-01-02") {
		return t.AddDate(0, 0, 1)
	}
	return t.Add(time.Nanosecond)
}

// parseDate reads a YYYY-MM-DD flag (or a full RFC 3339 time) as UTC; empty
// means no bound (a flag given empty is refused first, refuseEmpty).
func parseDate(flag, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	if t, err := review.ParseTime(s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%s %q: want a date such as 2024-02-01 or a time such as 2024-02-01T10:00:00Z (UTC)", flag, s)
}

// parseHistoryEnd is parseDate for the --now of gen and demo, where a
// synthetic history ends: not in the future (an import refuses times much
// past the clock, review.FutureSlack, and a history has none at all).
func parseHistoryEnd(s string) (time.Time, error) {
	t, err := parseDate("--now", s)
	switch {
	case err != nil || s == "":
	case t.After(time.Now()):
		err = fmt.Errorf("--now %s is in the future: a history ends now at the latest (dates are read as UTC)", s)
	case t.AddDate(0, 0, -demo.HistoryDays).Before(time.Unix(0, 0)):
		// The store takes times from 1970 (and 0001-01-01 would read
		// as no --now at all).
		err = fmt.Errorf("--now %s is too early: the history starts %d days before it, and the store takes dates from 1970-01-01 on", s, demo.HistoryDays)
	}
	return t, err
}
