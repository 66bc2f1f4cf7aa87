package cli

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/store"
)

// consistencyColumns are the CSV columns of report --consistency.
var consistencyColumns = []string{"reviewer", "month", "first_attempts", "first_time_passes", "first_time_pass_rate", "expected_rate", "ci_low", "ci_high", "flagged"}

func consistencyCells(r review.ConsistencyRow) []string {
	return []string{r.Reviewer, r.Month, itoa(r.FirstAttempts), itoa(r.FirstTimePasses), ftoa(r.FirstTimePassRate),
		ftoa(r.Expected), ftoa(r.Low), ftoa(r.High), strconv.FormatBool(r.Flagged)}
}

// writeConsistencyCSV writes the by-reviewer rows, then the by-month rows.
func writeConsistencyCSV(w io.Writer, c review.Consistency) error {
	cw := newCSVWriter(w)
	if err := cw.Write(consistencyColumns); err != nil {
		return err
	}
	for _, rows := range [][]review.ConsistencyRow{c.ByReviewer, c.ByMonth} {
		for _, r := range rows {
			if err := cw.Write(consistencyCells(r)); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeConsistencyTable is the consistency section for people.
func writeConsistencyTable(w io.Writer, c review.Consistency) error {
	fmt.Fprintln(w, "\nREVIEWER CONSISTENCY (first attempts; ⚑: the 95% interval excludes the expected rate)")
	tw := newTable(w)
	fmt.Fprintln(tw, "REVIEWER\tMONTH\tFIRST ATTEMPTS\tPASS RATE\tEXPECTED\t95% INTERVAL\t\t")
	for _, rows := range [][]review.ConsistencyRow{c.ByReviewer, c.ByMonth} {
		for _, r := range rows {
			month := r.Month
			if month == "" {
				month = "all"
			}
			flag := ""
			if r.Flagged {
				flag = "⚑"
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s–%s\t%s\t\n", r.Reviewer, month, r.FirstAttempts, review.FormatShare(r.FirstTimePasses, r.FirstAttempts), pct(r.Expected), pct(r.Low), pct(r.High), flag)
		}
	}
	fmt.Fprintf(tw, "\t\t\t\t\t\t\t\nREVIEWER\tTIMED DECISIONS\tMEDIAN ACTIVE MIN\tUNDER %s MIN\t\t\t\t\n", strconv.FormatFloat(c.FloorMinutes, 'f', -1, 64))
	for _, r := range c.Active {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%d\t\t\t\t\n", r.Reviewer, r.Timed, num(r.MedianMinutes), r.UnderFloor)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(c.UnderFloor) > 0 {
		fmt.Fprintln(w, "\nDecisions under the floor, for a second review:")
		for _, d := range c.UnderFloor {
			fmt.Fprintf(w, "  %s  %s  %.2f min\n", d.Handle, d.Reviewer, d.ActiveMinutes)
		}
	}
	return nil
}

// configConsistencyCmd is `assessor config consistency [--floor 3m]`.
func configConsistencyCmd(g *globals) *cobra.Command {
	var floor time.Duration
	cmd := &cobra.Command{
		Use:   "consistency [--floor 3m]",
		Short: "The active review time under which a decision is flagged for a second review",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return oneSetting(g, cmd, "floor", floor, (*store.Store).SetActiveFloor, (*store.Store).ActiveFloor, "floor: %s\n")
		},
	}
	cmd.Flags().DurationVar(&floor, "floor", store.DefaultActiveFloor, "active time (claim to decision, idle gaps over 2 minutes left out) under which a decision is flagged")
	return cmd
}
