package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"assessor/store"
)

// upgradeCmd is `assessor upgrade`: migrate a store written by an older
// assessor to this build's schema, after a backup beside it. Every command
// that changes the store does the same on its way; this one does only that,
// for an admin who wants the upgrade on its own (read commands refuse an
// older store and point here).
func upgradeCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "upgrade",
		Short: "Upgrade a store written by an older assessor (backing it up first as FILE.v<old>.bak)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withStore(func(st *store.Store) error {
				fmt.Fprintf(cmd.OutOrStdout(), "%s: schema %d, current\n", st.Path(), st.Schema())
				return nil
			})
		},
	}
}
