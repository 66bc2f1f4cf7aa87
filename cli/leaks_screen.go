package cli

import (
	"github.com/spf13/cobra"

	"assessor/store"
	"assessor/ui"
)

// leaksScreenCmd is `assessor leaks work`: the lead's screen for the flags,
// over the same store functions as leaks show/redact/clear.
func leaksScreenCmd(g *globals) *cobra.Command {
	var as string
	cmd := &cobra.Command{
		Use:   "work [--as LEAD]",
		Short: "Work the flags on a screen: list, read in context, redact or clear (leads and admins; audited)",
		Long: "Opens a screen listing the attempts with open flags. enter reads one's flags in context\n" +
			"(asking why: the read is audited, as leaks show); x redacts the flag under the cursor,\n" +
			"c clears it as not identifying (on a redacted file: releases the file), each with a reason\n" +
			"written to the audit log, as leaks redact and leaks clear. esc goes back to the list.",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withLeadScreen("leaks work", as, func(st *store.Store, lead string) error {
				// The lead's id is who the audit log names.
				return ui.RunLeaks(st, lead, ui.Options{NoColor: noColor()})
			})
		},
	}
	asLeadFlag(cmd, &as)
	return cmd
}
