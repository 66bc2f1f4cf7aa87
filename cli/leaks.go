package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"assessor/store"
)

// leaksCmd is `assessor leaks`: the attempts the import-time scan flagged
// as likely to identify the candidate, for a lead to deal with. It says
// where and what kind, never the matched text.
func leaksCmd(g *globals) *cobra.Command {
	var as string
	cmd := &cobra.Command{
		Use:   "leaks",
		Short: "List attempts whose evidence may identify the candidate (leads only)",
		Long: "List every attempt in which the import-time scan found a likely identity leak: its\n" +
			"handle, whether it is decided, where the leak is and what kind. The matched text is never\n" +
			"printed; read it in context in the evidence, or use assessor reveal with a reason.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withLead(as, func(st *store.Store, _ string) error {
				flagged, err := st.Flagged()
				if err != nil {
					return err
				}
				if len(flagged) == 0 {
					fmt.Fprintln(cmd.OutOrStdout(), "no attempt is flagged")
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
	return cmd
}
