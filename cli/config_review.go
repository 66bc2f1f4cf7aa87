package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"assessor/store"
)

// configCalibrationCmd is `assessor config calibration`: when a reviewer is
// calibrated, and whether live review requires it. With no flags it shows
// the settings.
func configCalibrationCmd(g *globals) *cobra.Command {
	var threshold float64
	var minExamples int
	var required bool
	cmd := &cobra.Command{
		Use:   "calibration [--threshold 0.8] [--min-examples 5] [--required[=false]]",
		Short: "When a reviewer counts as calibrated, and whether live review requires it",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withSettings(cmd, func(st *store.Store) error {
				p, err := st.CalibrationPolicy()
				if err != nil {
					return err
				}
				// Only the flags given change the policy: the defaults in
				// the help are not applied on their own.
				f := cmd.Flags()
				if f.Changed("threshold") {
					p.Threshold = threshold
				}
				if f.Changed("min-examples") {
					p.MinExamples = minExamples
				}
				if f.Changed("required") {
					p.Required = required
				}
				if f.Changed("threshold") || f.Changed("min-examples") || f.Changed("required") {
					if err := st.SetCalibrationPolicy(p); err != nil {
						return err
					}
				}
				fmt.Fprintf(cmd.OutOrStdout(), "calibration: threshold %g, min examples %d, required %t\n", p.Threshold, p.MinExamples, p.Required)
				return nil
			})
		},
	}
	cmd.Flags().Float64Var(&threshold, "threshold", 0.8, "exact agreement on criterion levels (0–1) at which a reviewer is calibrated")
	decimalVar(cmd.Flags(), &minExamples, "min-examples", 5, "examples a reviewer must score before they can be calibrated")
	cmd.Flags().BoolVar(&required, "required", false, "offer live attempts only to calibrated reviewers (leads and admins exempt)")
	return cmd
}

// configSecondReviewCmd is `assessor config second-review`: the fraction of
// newly imported attempts that get a second blind review.
func configSecondReviewCmd(g *globals) *cobra.Command {
	var rate float64
	cmd := &cobra.Command{
		Use:   "second-review [--rate 0.1]",
		Short: "Fraction of newly imported attempts that get a second blind review",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return oneSetting(g, cmd, "rate", rate, (*store.Store).SetSecondReviewRate, (*store.Store).SecondReviewRate,
				"second review: rate %g (applies to attempts imported from now on)\n")
		},
	}
	cmd.Flags().Float64Var(&rate, "rate", 0, "fraction in [0,1], e.g. 0.1 for one attempt in ten")
	return cmd
}
