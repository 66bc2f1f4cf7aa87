package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"assessor/store"
	"assessor/ui"
)

// calibrateCmd is `assessor calibrate`: the reviewer TUI in calibration
// mode. The queue holds the calibration examples the reviewer has not
// scored; scoring records a calibration response, never a decision. After
// each example the screen compares the reviewer's levels with the
// reference levels; on leaving, the command prints their agreement so far.
func calibrateCmd(g *globals) *cobra.Command {
	var credential string
	cmd := &cobra.Command{
		Use:   "calibrate [--reviewer ID]",
		Short: "Score the calibration examples blind, in the reviewer screens",
		Long: "Opens the reviewer queue on the calibration examples you have not scored yet. Score them\n" +
			"as usual; after each one you see the example's reference levels beside yours and where you\n" +
			"differed. Your answers never change a decision. On leaving, calibrate prints your agreement\n" +
			"so far; a lead sees everyone's with: assessor calibration report",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := refuseEmpty(cmd, "credential"); err != nil {
				return err
			}
			return g.withStore(func(st *store.Store) error {
				if err := checkCredential(st, credential, g.yourInvocation(cmd, "rubrics list")); err != nil {
					return err
				}
				// The calibration backend records responses, never
				// decisions, behind the same screens.
				err := ui.Run(st.Calibration(), g.reviewer, ui.Options{NoColor: noColor(), Credential: credential, Mode: ui.ModeCalibration})
				if err != nil {
					return err
				}
				return writeCalibrationStanding(cmd.OutOrStdout(), st, g.reviewer)
			})
		},
	}
	cmd.Flags().StringVar(&credential, "credential", "", "show only this credential's examples")
	return cmd
}

// writeCalibrationStanding prints the reviewer's closing line
// (store.CalibrationStanding), the one the SSH calibrate screen ends with.
func writeCalibrationStanding(w io.Writer, st *store.Store, reviewer string) error {
	line, err := st.CalibrationStanding(reviewer)
	if err != nil || line == "" {
		return err
	}
	_, err = fmt.Fprintln(w, line)
	return err
}
