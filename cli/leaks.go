package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/store"
)

// leaksCmd is `assessor leaks`: the attempts the import-time scan flagged
// as likely to identify the candidate, for a lead to deal with. It says
// where and what kind, never the matched text.
func leaksCmd(g *globals) *cobra.Command {
	var as string
	cmd := &cobra.Command{
		Use:   "leaks",
		Short: "List attempts whose evidence may identify the candidate (leads and admins)",
		Long: "List every attempt with open flags: likely identity leaks the import-time scan found\n" +
			"that no lead has worked yet. Its handle, whether it is decided, where each flag is and\n" +
			"what kind; never the matched text. The candidate's own name, e-mail, phone, district and\n" +
			"state are not flags: import redacted them. Work the flags with the subcommands:\n" +
			"  assessor leaks show HANDLE --reason …     the flags in context, what import redacted\n" +
			"  assessor leaks redact HANDLE N --reason … flag N becomes [redacted] for reviewers\n" +
			"  assessor leaks clear HANDLE N --reason …  flag N is not identifying (fK: release file K)\n" +
			"  assessor leaks work                       all of it on a screen (ssh -t -p PORT HOST leaks work)\n" +
			"Each is written to the audit log. assessor config leaks require-worked on holds attempts\n" +
			"with open flags back from reviewers until then.",
		// Alone it lists; a word that is none of its subcommands fails
		// as in any command group (args.go).
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return groupRun(cmd, args)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withLeadRead(as, func(st *store.Store, _ string) error {
				flagged, err := st.Flagged()
				if err != nil {
					return err
				}
				if len(flagged) == 0 {
					fmt.Fprintln(cmd.OutOrStdout(), "no attempt has open flags")
					return nil
				}
				tw := newTable(cmd.OutOrStdout())
				fmt.Fprintln(tw, "HANDLE\tSTATUS\tWHERE\tPART\tKIND")
				for _, f := range flagged {
					status := "pending"
					if f.Decided {
						status = "decided"
					}
					// One row per leak, so each place can be checked.
					for _, l := range f.Leaks {
						part := cellText(l.PartTitle)
						if part == "" {
							part = "-"
						}
						fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", f.Handle, status, l.Place, part, l.Kind)
					}
				}
				return tw.Flush()
			})
		},
	}
	asLeadFlag(cmd, &as)
	cmd.AddCommand(leaksShowCmd(g), leaksWorkCmd(g, review.FlagRedact), leaksWorkCmd(g, review.FlagClear), // leaks_work.go
		leaksScreenCmd(g)) // leaks_screen.go
	return cmd
}
