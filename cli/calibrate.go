package cli

import (
	"github.com/spf13/cobra"

	"assessor/store"
	"assessor/ui"
)

// calibrateCmd is `assessor calibrate`: the reviewer TUI in calibration
// mode. The queue holds the calibration examples the reviewer has not
// scored; scoring records a calibration response, never a decision.
func calibrateCmd(g *globals) *cobra.Command {
	var credential string
	cmd := &cobra.Command{
		Use:   "calibrate [--reviewer ID]",
		Short: "Score the calibration examples blind, in the reviewer screens",
		Long: "Opens the reviewer queue on the calibration examples you have not scored yet. Score them\n" +
			"as usual; your answers are compared with the examples' true levels and never change a\n" +
			"decision. See where you stand with: assessor calibration report --reviewer ID",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withStore(func(st *store.Store) error {
				// The calibration backend records responses, never
				// decisions, behind the same screens.
				return ui.Run(st.Calibration(), g.reviewer, ui.Options{NoColor: noColor(), Credential: credential, Mode: "calibration"})
			})
		},
	}
	cmd.Flags().StringVar(&credential, "credential", "", "show only this credential's examples")
	return cmd
}
