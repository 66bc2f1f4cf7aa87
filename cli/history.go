package cli

import (
	"cmp"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/store"
)

// historyCmd is `assessor history HANDLE`: an application's attempts and
// the full record of each decision (imports, reviews, amendments). It names
// reviewers, so it is a lead tool.
func historyCmd(g *globals) *cobra.Command {
	var as string
	cmd := &cobra.Command{
		Use:   "history HANDLE",
		Short: "Show an application's attempts and every change to their decisions (leads and admins)",
		Long: "Print every attempt of the application named by handle (DF-7KQ2) or application id, with\n" +
			"its dates and outcome, and each attempt's decision history: imports, decisions and lead\n" +
			"amendments with who, when and why. It names reviewers, so it is a lead tool.",
		Args: needs("an application handle", "CE-YA97"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withLeadAttemptRead(as, args[0], func(st *store.Store, _ string, key review.AttemptKey) error {
				// HANDLE#n names its application too: history always
				// shows the whole application.
				app, recs, err := st.ApplicationRecord(key.Application)
				if err != nil {
					return err
				}
				writeHistory(cmd.OutOrStdout(), app, recs, time.Now())
				return nil
			})
		},
	}
	asLeadFlag(cmd, &as)
	return cmd
}

// writeHistory prints an application's attempts and decision histories.
func writeHistory(w io.Writer, app review.Application, recs []store.AttemptRecord, now time.Time) {
	// The window's end as it stands: a passed application needs it no
	// more ("closes" a date to come read as if it were still open).
	status := string(app.StatusAt(now))
	window := " · closes " + isoDay(app.ClosesAt())
	switch app.StatusAt(now) {
	case review.StatusPassed:
		window = ""
	case review.StatusExpired:
		window = " · closed " + isoDay(app.ClosesAt())
	default:
		if !now.Before(app.ClosesAt()) { // open for its pending attempt only
			window = " · closed " + isoDay(app.ClosesAt())
			status += " until its last attempt is decided"
		}
	}
	fmt.Fprintf(w, "%s · %s · application %s · started %s%s · %s\n",
		app.Pseudonym, app.Credential, app.ID, isoDay(app.StartedAt), window, status)
	for _, r := range recs {
		a := r.Attempt
		state := "pending"
		if d := r.Decision; d != nil {
			state = fmt.Sprintf("%s (decided %s by %s)", d.Outcome, isoDay(d.DecidedAt), decidedBy(*d, r.History))
		}
		fmt.Fprintf(w, "\nattempt %d · submitted %s · %s\n", a.Number, isoDay(a.SubmittedAt), state)
		if len(a.Leaks) > 0 {
			for _, n := range review.LeakNotes(a.Parts, a.Leaks) {
				fmt.Fprintf(w, "  ⚑ %s\n", n)
			}
		}
		// Each change on its own line, oldest first, as the store keeps it.
		for _, h := range r.History {
			fmt.Fprintf(w, "  %s  %-10s  %-10s  %-8s  %s\n", h.At.UTC().Format("2006-01-02 15:04"), h.Action, h.By,
				h.Decision.Outcome, compactLevels(h.Decision.Levels))
			if h.Reason != "" {
				fmt.Fprintf(w, "      reason: %s\n", cellText(h.Reason))
			}
		}
	}
}

// decidedBy names who decided d: its reviewer, and when a lead amended it
// since (the decision of record then bears the lead's name and keeps its
// date), who decided it first and who amended it when.
func decidedBy(d review.Decision, h []review.HistoryEntry) string {
	last := len(h) - 1
	if last < 0 || h[last].Action != review.ActionAmend {
		return d.Reviewer
	}
	first := last
	for first > 0 && h[first].Action == review.ActionAmend {
		first--
	}
	// Who made the decision of record that was amended: the entry's
	// decision says, not who recorded the entry (an agreed second review
	// is recorded by the second reviewer, its decision is the first's).
	by := cmp.Or(h[first].Decision.Reviewer, h[first].By)
	return fmt.Sprintf("%s; amended %s by %s", by, isoDay(h[last].At), h[last].By)
}

// compactLevels is review.CompactLevels: "C1 meets · C2 not-yet".
var compactLevels = review.CompactLevels

// isoDay is t's UTC date, YYYY-MM-DD.
func isoDay(t time.Time) string { return t.UTC().Format("2006-01-02") }
