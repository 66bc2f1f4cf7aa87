// `assessor release`: a lead ends a reviewer's claim on an attempt (one
// left open with q, or by someone who is away), with a reason that is kept.

package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/store"
)

// errReleaseReason is the one-line refusal of a release without a reason.
var errReleaseReason = errors.New("release needs --reason: say why the claim ends (it is kept with your id)")

// releaseCmd is `assessor release HANDLE#N --reason` and `release --list`.
func releaseCmd(g *globals) *cobra.Command {
	var as, reason string
	var list bool
	cmd := &cobra.Command{
		Use:   "release HANDLE[#N] --reason \"…\" [--as LEAD] | release --list",
		Short: "End a reviewer's claim on an attempt so others may take it (leads and admins; kept with who, when and why)",
		Long: fmt.Sprintf("A claim lasts %d minutes and is renewed while the reviewer works; it is kept when\n", int(review.LeaseDuration.Minutes())) +
			"they quit with q, so they can come back to it (but for an attempt opened for them after\n" +
			"a decision and not yet scored, which goes back to the queue). A reviewer releases\n" +
			"their own claim with esc in the review screen or x in the queue. This command lets a\n" +
			"lead (--as, default --reviewer) end anyone's live claim at once, with a --reason; the\n" +
			"holder's draft is kept. Every release is recorded with the lead, the time, whose claim it\n" +
			"was and why; --list prints them, oldest first.",
		Args: func(cmd *cobra.Command, args []string) error {
			if list {
				return noArgs(cmd, args)
			}
			return needs("an attempt handle", "CE-YA97#1 --reason \"reviewer away\"")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if list {
				return g.withLeadRead(as, func(st *store.Store, _ string) error { return writeReleases(cmd, st) })
			}
			if err := checkReason(reason, errReleaseReason); err != nil {
				return err
			}
			return g.withLeadAttempt(as, args[0], func(st *store.Store, lead string, key review.AttemptKey) error {
				rec, err := st.ReleaseClaim(lead, key, reason)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "released %s: the claim of %s (until %s UTC) ended by %s; their draft is kept\n",
					rec.Handle(), review.Sanitize(rec.HolderSeen()), rec.Until.UTC().Format("2006-01-02 15:04"), lead)
				return nil
			})
		},
	}
	asLeadFlag(cmd, &as)
	cmd.Flags().StringVar(&reason, "reason", "", "why the claim ends (required; kept in the release log)")
	cmd.Flags().BoolVar(&list, "list", false, "list the claims leads ended, oldest first")
	return cmd
}

// writeReleases prints the release log as a table.
func writeReleases(cmd *cobra.Command, st *store.Store) error {
	recs, err := st.Releases()
	if err != nil {
		return err
	}
	if len(recs) == 0 {
		fmt.Fprintln(cmd.OutOrStdout(), "no claim has been released by a lead")
		return nil
	}
	tw := newTable(cmd.OutOrStdout())
	fmt.Fprintln(tw, "TIME (UTC)\tLEAD\tATTEMPT\tHOLDER\tREASON")
	for _, r := range recs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.At.UTC().Format("2006-01-02 15:04"), r.Lead, r.Handle(), cellText(r.HolderSeen()), cellText(r.Reason))
	}
	return tw.Flush()
}
