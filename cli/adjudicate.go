package cli

import (
	"github.com/spf13/cobra"

	"assessor/store"
	"assessor/ui"
)

// adjudicateCmd is `assessor adjudicate`: the lead's screen for attempts
// whose two blind reviews disagree.
func adjudicateCmd(g *globals) *cobra.Command {
	var as string
	cmd := &cobra.Command{
		Use:   "adjudicate [--as LEAD]",
		Short: "Settle attempts whose two blind reviews disagree (leads and admins)",
		Long: "Lists the attempts sampled for a second blind review whose two reviews reached different\n" +
			"outcomes. Open one to see its evidence and the rubric (tab switches, pgup/pgdn scroll) beside\n" +
			"both reviews (review 1, review 2); choose per criterion (a or b takes review 1's or 2's\n" +
			"level and feedback, 1 to 9 the rubric's levels, e to write your own), and confirm: your\n" +
			"scoring becomes the decision of record. Set the sample with:\n" +
			"assessor config second-review --rate 0.1",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withLeadScreen("adjudicate", as, func(st *store.Store, lead string) error {
				// The lead's id is who the decision of record names.
				return ui.RunAdjudicate(st, lead, ui.Options{NoColor: noColor()})
			})
		},
	}
	asLeadFlag(cmd, &as)
	return cmd
}
