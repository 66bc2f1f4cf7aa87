package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/store"
)

// calibrationCmd is `assessor calibration add|list|remove|report`: the
// lead's side of calibration. Reviewers calibrate with `assessor calibrate`.
func calibrationCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "calibration",
		Short: "Calibration examples, which leads and admins add, and how well reviewers agree with them",
		Long: "A lead marks decided attempts as calibration examples with their reference levels. Reviewers\n" +
			"score them blind with `assessor calibrate`; `calibration report` shows each reviewer's exact\n" +
			"agreement with the reference levels, Cohen's kappa, and whether they are calibrated\n" +
			"(see: assessor config calibration).",
	}
	cmd.AddCommand(calibrationAddCmd(g), calibrationListCmd(g), calibrationRemoveCmd(g), calibrationReportCmd(g))
	return cmd
}

// calibrationAddCmd is `assessor calibration add HANDLE`: a lead makes a
// decided attempt an example, its reference levels those of the decision of
// record unless --level says otherwise.
func calibrationAddCmd(g *globals) *cobra.Command {
	var as string
	var levels []string
	cmd := &cobra.Command{
		Use:   "add HANDLE --as LEAD [--level C1=meets …]",
		Short: "Make a decided attempt a calibration example (reference levels default to its decision's)",
		Args:  needs("a decided attempt's handle", "CE-YA97#1 --as LEAD"),
		RunE: func(cmd *cobra.Command, args []string) error {
			// Levels are parsed before the store is opened: a typo
			// changes nothing.
			lv, err := keyValues("--level", levels, "C2=not-yet")
			if err != nil {
				return err
			}
			return g.withLeadAttempt(as, args[0], func(st *store.Store, lead string, key review.AttemptKey) error {
				ex, err := st.AddCalibrationExample(lead, key, lv)
				if err != nil {
					return err
				}
				_, levels, err := levelsAsScored(st, key, ex.Levels)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "calibration example %s: %s\n", ex.Handle, levels)
				return nil
			})
		},
	}
	asLeadFlag(cmd, &as)
	cmd.Flags().StringArrayVar(&levels, "level", nil, "CRITERION=LEVEL: a reference level that differs from the decision of record (repeatable)")
	return cmd
}

// calibrationListCmd is `assessor calibration list`: the examples and
// their reference levels. It has no lead check of its own; over SSH the server
// offers calibration to leads only.
func calibrationListCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the calibration examples and their reference levels",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withReadStore(func(st *store.Store) error {
				exs, err := st.CalibrationExamples()
				if err != nil {
					return err
				}
				if len(exs) == 0 {
					fmt.Fprintf(cmd.OutOrStdout(), "no calibration examples (add one with: %s)\n", g.asLead("calibration add HANDLE"))
					return nil
				}
				tw := newTable(cmd.OutOrStdout())
				fmt.Fprintln(tw, "EXAMPLE\tCREDENTIAL\tREFERENCE LEVELS\tADDED BY")
				for _, ex := range exs {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", ex.Handle, ex.Credential, compactLevels(ex.Levels), ex.AddedBy)
				}
				return tw.Flush()
			})
		},
	}
}

// calibrationRemoveCmd is `assessor calibration remove HANDLE`: a lead
// retires an example; reviewers' responses to it stop counting.
func calibrationRemoveCmd(g *globals) *cobra.Command {
	var as string
	cmd := &cobra.Command{
		Use:   "remove HANDLE [--as LEAD]",
		Short: "Stop using an attempt as a calibration example (responses to it stop counting)",
		Args:  needs("a calibration example's handle (assessor calibration list shows them)", "CE-YA97#1"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withLeadAttempt(as, args[0], func(st *store.Store, lead string, key review.AttemptKey) error {
				if err := st.RemoveCalibrationExample(lead, key); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: no longer a calibration example\n", cellText(args[0]))
				return nil
			})
		},
	}
	asLeadFlag(cmd, &as)
	return cmd
}

// calibrationReportCmd is `assessor calibration report`: each reviewer's
// agreement with the examples' reference levels and whether that makes them
// calibrated under the store's policy; --reviewer narrows it to one.
func calibrationReportCmd(g *globals) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "report [--reviewer ID] [--format table|json]",
		Short: "Each reviewer's agreement with the examples' reference levels, kappa, and calibrated status",
		Long: "Each reviewer's agreement with the calibration examples' reference levels, kappa, and\n" +
			"whether that makes them calibrated. Leads and admins see everyone, or one reviewer with\n" +
			"--reviewer ID (over ssh too); a reviewer sees only their own row.",
		Annotations: map[string]string{rowsFlag: "a reviewer sees only their own row; leads and admins may name another with --reviewer"},
		Args:        noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "table" && format != "json" {
				return fmt.Errorf("--format %q: want table or json", format)
			}
			return g.withReadStore(func(st *store.Store) error {
				// Everyone's rows are for leads, who may name one with
				// --reviewer; a reviewer reads only their own.
				who, err := g.listedRows(cmd, st)
				if err != nil {
					return err
				}
				p, err := st.CalibrationPolicy()
				if err != nil {
					return err
				}
				scores, err := st.CalibrationScores(who)
				if err != nil {
					return err
				}
				if format == "json" {
					enc := json.NewEncoder(cmd.OutOrStdout())
					enc.SetIndent("", "  ")
					return enc.Encode(scores)
				}
				return writeCalibrationTable(cmd.OutOrStdout(), scores, p)
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "table or json")
	return cmd
}

// writeCalibrationTable is the human view of calibration scores: one row
// per reviewer, then their per-criterion agreement.
func writeCalibrationTable(w io.Writer, scores []review.CalibrationScore, p review.CalibrationPolicy) error {
	req := "not required"
	if p.Required {
		req = "required for live review"
	}
	fmt.Fprintf(w, "calibrated at ≥ %.0f%% exact agreement over ≥ %s (%s)\n\n", p.Threshold*100, review.Count(p.MinExamples, "example", "examples"), req)
	tw := newTable(w)
	fmt.Fprintln(tw, "REVIEWER\tEXAMPLES\tAGREEMENT\tKAPPA\tCALIBRATED\tPER CRITERION")
	for _, s := range scores {
		var per []string
		for _, c := range s.Criteria {
			per = append(per, fmt.Sprintf("%s/%s %s", c.Credential, c.Criterion, c.AgreementShare()))
		}
		cal := "no"
		if s.Calibrated {
			cal = "yes"
		}
		switch {
		case s.Needed == 0 && !s.Calibrated:
			cal += " (no example to score: a lead must add others)"
		case s.Needed < p.MinExamples:
			cal += fmt.Sprintf(" (over ≥ %d: all there are for them)", s.Needed)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\n", s.Reviewer, s.Examples, s.AgreementShare(), s.KappaShown(), cal, strings.Join(per, ", "))
	}
	return tw.Flush()
}
