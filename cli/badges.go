package cli

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/store"
)

// badgesCmd is `assessor badges`: the Open Badges the store issues.
func badgesCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "badges", Short: "Open Badges issued for passes and completed stacks"}
	cmd.AddCommand(badgesListCmd(g))
	return cmd
}

// badgesListCmd is `assessor badges list`. It shows pseudonymous handles,
// never identity, but a handle beside a public assertion id could link a
// reviewer's case to a named badge, so it is for leads only.
func badgesListCmd(g *globals) *cobra.Command {
	var as string
	cmd := &cobra.Command{
		Use:   "list [--as LEAD]",
		Short: "List issued assertions: id, credential or stack, handle, issued on (leads and admins)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withLeadRead(as, func(st *store.Store, lead string) error {
				set, err := g.badges(st, lead)
				if err != nil {
					return err
				}
				w := cmd.OutOrStdout()
				if len(set.Badges) == 0 {
					fmt.Fprintln(w, "no badges issued yet: a pass of an application with an email on record earns one")
					return nil
				}
				// Oldest first reads as a ledger; the store's order is by id.
				sort.SliceStable(set.Badges, func(i, j int) bool { return set.Badges[i].IssuedOn.Before(set.Badges[j].IssuedOn) })
				tw := newTable(w)
				fmt.Fprintln(tw, "ASSERTION\tBADGE\tHANDLE\tISSUED ON\tSTATUS")
				for _, b := range set.Badges {
					status := "issued"
					if b.Revocation != nil {
						r := b.Revocation // who, when and why: a lead's action, kept forever
						status = "revoked " + r.At.Format("2006-01-02") + " by " + review.Sanitize(r.By) + ": " + review.Sanitize(r.Reason)
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", b.ID, badgeName(b), badgeHandle(b), b.IssuedOn.Format(time.RFC3339), status)
				}
				return tw.Flush()
			})
		},
	}
	asLeadFlag(cmd, &as)
	return cmd
}

// badgeName is "credential ID" or "stack NAME".
func badgeName(b store.Badge) string {
	if b.Stack != "" {
		return "stack " + review.Sanitize(b.Stack)
	}
	return "credential " + b.Credential
}

// badgeHandle is the pseudonymous handle of the passing attempt ("DF-7KQ2#2"),
// or of each application behind a stack.
func badgeHandle(b store.Badge) string {
	if b.Stack != "" {
		return strings.Join(b.Handles, ",")
	}
	return fmt.Sprintf("%s#%d", b.Handles[0], b.Attempt)
}

// badges is every badge the store issues, read by lead, or by the
// operator (nobody named), for whom no lead is recorded or checked.
func (g *globals) badges(st *store.Store, lead string) (store.BadgeSet, error) {
	if g.operator {
		return st.OperatorBadges()
	}
	return st.Badges(lead)
}
