package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"assessor/store"
)

// errNearMissReason is the one-line refusal of near-misses without a reason.
var errNearMissReason = errors.New("conflicts near-misses needs --reason: it shows candidates' districts, which the audit log records")

// conflictsCmd is `assessor conflicts`: conflicts of interest, for leads.
func conflictsCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "conflicts",
		Short: "Check reviewers' conflicts of interest against candidates (leads and admins)",
		Long: "Conflicts of interest match states by postal code (\"Hawaii\" is HI) and districts without\n" +
			"case or a trailing kind (\"Hilo\", \"Hilo District\", \"Hilo Complex Area\" are one). near-misses\n" +
			"lists what is close but not the same, for a lead to confirm.",
	}
	cmd.AddCommand(nearMissesCmd(g))
	return cmd
}

func nearMissesCmd(g *globals) *cobra.Command {
	var as, reason string
	cmd := &cobra.Command{
		Use:   "near-misses --reason \"…\"",
		Short: "List pending attempts whose candidate's district is near a reviewer's conflict",
		Long: "List, for each reviewer with declared district conflicts, the pending attempts whose\n" +
			"candidate's district is close to one of them but not the same (\"Hilo\" and \"Hilo Uplands\",\n" +
			"or a two-letter typo), so a lead can confirm or widen the reviewer's conflicts\n" +
			"(assessor reviewers). Candidates' districts are identity data: --reason is required and\n" +
			"each application listed is written to the audit log (assessor audit).",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkReason(reason, errNearMissReason); err != nil {
				return err
			}
			return g.withLead(as, func(st *store.Store, lead string) error {
				misses, err := st.NearMisses(lead, reason)
				if err != nil {
					return err
				}
				if len(misses) == 0 {
					fmt.Fprintln(cmd.OutOrStdout(), "no near-miss: every declared district either matches or is far from the pending candidates'")
					return nil
				}
				tw := newTable(cmd.OutOrStdout())
				fmt.Fprintln(tw, "REVIEWER\tDECLARED\tCANDIDATE DISTRICT\tHANDLE")
				for _, m := range misses {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", m.Reviewer, cellText(m.Declared), cellText(m.Value), m.Handle)
				}
				return tw.Flush()
			})
		},
	}
	asLeadFlag(cmd, &as)
	cmd.Flags().StringVar(&reason, "reason", "", "why you need candidates' districts (required; kept in the audit log)")
	return cmd
}
