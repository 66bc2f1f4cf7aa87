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

// fairnessMonths refuses a --since or --until of report --fairness that is
// not a month's bound (store.FairnessBound), naming the month's.
func fairnessMonths(since string, from time.Time, until string, to time.Time) error {
	if !store.FairnessBound(from) {
		return fmt.Errorf("--fairness covers whole months: --since %s is not a month's first day (try --since %s-01)", since, from.Format("2006-01"))
	}
	if !store.FairnessBound(to) {
		u := to.Add(-time.Nanosecond) // the last instant counted
		last := time.Date(u.Year(), u.Month()+1, 0, 0, 0, 0, 0, time.UTC)
		return fmt.Errorf("--fairness covers whole months: --until %s is not a month's last day (try --until %s)", until, last.Format("2006-01-02"))
	}
	return nil
}

// fairnessColumns are the CSV columns of report --fairness --format csv.
var fairnessColumns = []string{
	"attribute", "state", "value", "suppressed", "suppressed_by", "applications", "first_attempts_decided",
	"first_time_passes", "first_time_pass_rate", "decided", "passed", "eventual_pass_rate",
}

// writeFairnessCSV writes the fairness rows; suppressed figures are empty.
func writeFairnessCSV(w io.Writer, f review.Fairness) error {
	cw := newCSVWriter(w)
	if err := cw.Write(fairnessColumns); err != nil {
		return err
	}
	for _, r := range f.Rows {
		rec := []string{r.Attribute, r.State, r.Value, strconv.FormatBool(r.Suppressed), r.SuppressedBy,
			ptoa(r.Applications), ptoa(r.FirstAttemptsDecided), ptoa(r.FirstTimePasses), ftoa(r.FirstTimePassRate),
			ptoa(r.Decided), ptoa(r.Passed), ftoa(r.EventualPassRate)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeFairnessTable is the fairness section for people.
func writeFairnessTable(w io.Writer, f review.Fairness) error {
	fmt.Fprintf(w, "\nFAIRNESS (groups under %d candidates suppressed, with complements)\n", f.MinGroup)
	tw := newTable(w)
	fmt.Fprintln(tw, "ATTRIBUTE\tVALUE\tAPPS\tFIRST-TIME PASS\tEVENTUAL PASS\t")
	for _, r := range f.Rows {
		attr, value := cellText(r.Attribute), r.Label()
		if r.Suppressed {
			fmt.Fprintf(tw, "%s\t%s\tsuppressed (%s)\t\t\t\n", attr, value, r.SuppressedBy)
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s of %s\t%s of %s\t\n", attr, value, ptoa(r.Applications),
			review.FormatShareOf(r.FirstTimePasses, r.FirstAttemptsDecided), ptoa(r.FirstAttemptsDecided),
			review.FormatShareOf(r.Passed, r.Decided), ptoa(r.Decided))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, a := range f.Omitted {
		fmt.Fprintf(w, "%s: no value is held by %d or more candidates, so none is reported\n", cellText(a), f.MinGroup)
	}
	return nil
}

// ptoa formats a count that may be suppressed (nil: an empty cell).
func ptoa(n *int64) string {
	if n == nil {
		return ""
	}
	return itoa(*n)
}

// configFairnessCmd is `assessor config fairness [--min-group N]`.
func configFairnessCmd(g *globals) *cobra.Command {
	var k int
	cmd := &cobra.Command{
		Use:   "fairness [--min-group 10]",
		Short: "The fewest candidates a fairness group in the report must have to be shown",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return oneSetting(g, cmd, "min-group", k, (*store.Store).SetFairnessMinGroup, (*store.Store).FairnessMinGroup, "min-group: %d\n")
		},
	}
	decimalVar(cmd.Flags(), &k, "min-group", review.DefaultMinGroup, "groups of fewer candidates are suppressed (2 or more)")
	return cmd
}
