package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"assessor/store"
)

// upgradeCmd is `assessor upgrade`: migrate a store written by an older
// assessor to this build's schema, after a backup beside it. Only it and
// serve, which admins run, upgrade a store: every other command refuses an
// older one and points here.
func upgradeCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "upgrade",
		Short: "Upgrade a store written by an older assessor (backing it up first as FILE.v<old>.bak)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			err := g.withUpgradeStore(func(st *store.Store) error {
				fmt.Fprintf(cmd.OutOrStdout(), "%s: schema %d, current\n", st.Path(), st.Schema())
				return nil
			})
			return stopServeFirst("upgrade", err)
		},
	}
}
