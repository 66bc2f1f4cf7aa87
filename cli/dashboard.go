package cli

import (
	"github.com/spf13/cobra"

	"assessor/store"
	"assessor/ui"
)

// dashboardCmd is `assessor dashboard`: the lead's TUI of pass rates,
// reviewers, criteria, trend, turnaround and fairness. Locally it has no lead check
// of its own; over SSH the server offers it to leads and admins only.
func dashboardCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "dashboard",
		Short: "Open the lead dashboard: pass rates, reviewers, criteria, trend, turnaround, fairness",
		Long: "Opens the lead dashboard over the whole store. enter on a credential, reviewer or criterion\n" +
			"row lists the attempts behind it; enter on an attempt (or an overdue one) shows its history;\n" +
			"esc goes back. Figures are rounded as in `assessor report`. The Fairness tab shows\n" +
			"`assessor report --fairness`: small groups suppressed, with complements.",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withReadStore(func(st *store.Store) error {
				return ui.RunDashboard(st, g.reviewer, ui.Options{NoColor: noColor()})
			})
		},
	}
}
