package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"assessor/review"
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
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withStore(func(st *store.Store) error {
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

// writeCalibrationStanding prints one line: the reviewer's agreement with
// the reference levels over every example they have scored, and whether
// that makes them calibrated.
func writeCalibrationStanding(w io.Writer, st *store.Store, reviewer string) error {
	p, err := st.CalibrationPolicy()
	if err != nil {
		return err
	}
	scores, err := st.CalibrationScores(reviewer)
	if err != nil || len(scores) == 0 {
		return err
	}
	_, err = fmt.Fprintln(w, calibrationStanding(scores[0], p))
	return err
}

// calibrationStanding is writeCalibrationStanding's line.
func calibrationStanding(s review.CalibrationScore, p review.CalibrationPolicy) string {
	if s.Examples == 0 {
		return fmt.Sprintf("calibration: %s has scored no example yet (calibrated at ≥ %.0f%% agreement over ≥ %d examples)", s.Reviewer, p.Threshold*100, p.MinExamples)
	}
	status := "not calibrated yet"
	if s.Calibrated {
		status = "calibrated"
	}
	return fmt.Sprintf("calibration: %s agrees with the reference levels on %s of %d criterion levels over %d %s (kappa %s): %s (≥ %.0f%% over ≥ %d examples)",
		s.Reviewer, pct(s.Agreement), s.Judgements, s.Examples, review.Plural(s.Examples, "example", "examples"), num(s.Kappa), status, p.Threshold*100, p.MinExamples)
}
