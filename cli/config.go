// `assessor config`: the store's settings; the leak-scan names here, the
// others in config_files.go, config_review.go and config_issuer.go.

package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"assessor/store"
)

// configCmd is `assessor config`: the store's settings. The leak-scan
// names live here; the other settings have a file each (config_files.go,
// config_review.go, config_issuer.go). A setting given creates the store;
// showing them needs one (withSettings).
func configCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "config", Short: "Configure the store: leak-scan names, file limits, badge issuer, calibration, second review"}
	leaks := &cobra.Command{
		Use:   "leaks",
		Short: "School and district names the import-time identity leak scan looks for",
		Long: "Evidence is scanned at import for likely identity leaks: the candidate's own name and\n" +
			"e-mail, any e-mail address or phone number, and the school and district names listed\n" +
			"here. A change applies to submissions imported afterwards; attempts already stored keep\n" +
			"the flags found when they arrived.",
	}
	leaks.AddCommand(
		&cobra.Command{
			Use:   "add NAME...",
			Short: "Add school or district names (matched as whole words, ignoring case)",
			Args:  needsSome("school or district names", "\"Kapolei High\" \"Waianae\""),
			RunE: func(cmd *cobra.Command, args []string) error {
				return g.withNewStore(func(st *store.Store) error {
					added, err := st.AddListedNames(args) // all or none
					if err != nil {
						return err
					}
					for i, name := range args {
						// A name already listed is reported, not an error,
						// so adding a list again is safe.
						state := "added"
						if !added[i] {
							state = "already listed"
						}
						fmt.Fprintf(cmd.OutOrStdout(), "%s: %s\n", cellText(name), state)
					}
					return nil
				})
			},
		},
		&cobra.Command{
			Use:   "list",
			Short: "List the school and district names",
			Args:  noArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				return g.withReadStore(func(st *store.Store) error {
					names, err := st.ListedNames()
					if err != nil {
						return err
					}
					if len(names) == 0 {
						fmt.Fprintf(cmd.OutOrStdout(), "no names listed (add one with: %s)\n", g.yourInvocation(cmd, `config leaks add "Kapolei High"`))
					}
					for _, n := range names {
						fmt.Fprintln(cmd.OutOrStdout(), n)
					}
					return nil
				})
			},
		},
		&cobra.Command{
			Use:   "remove NAME",
			Short: "Remove a school or district name",
			Args:  needs("a listed name (assessor config leaks list shows them)", "\"Kapolei High\""),
			RunE: func(cmd *cobra.Command, args []string) error {
				return g.withStore(func(st *store.Store) error {
					if err := st.RemoveListedName(args[0]); err != nil {
						return err
					}
					fmt.Fprintf(cmd.OutOrStdout(), "%s: removed\n", cellText(args[0]))
					return nil
				})
			},
		},
	)
	// leaks_work.go, report_fairness.go, report_consistency.go
	leaks.AddCommand(configRequireWorkedCmd(g))
	cmd.AddCommand(configFairnessCmd(g), configConsistencyCmd(g))
	cmd.AddCommand(leaks, configFilesCmd(g), configCalibrationCmd(g), configSecondReviewCmd(g), configIssuerCmd(g)) // config_review.go, config_issuer.go
	return cmd
}

// oneSetting runs a settings command of one flag: it stores the flag's
// value when given, then prints what the store holds, so the line shown is
// what took.
func oneSetting[T any](g *globals, cmd *cobra.Command, flag string, v T, set func(*store.Store, T) error, get func(*store.Store) (T, error), format string) error {
	return g.withSettings(cmd, func(st *store.Store) error {
		if cmd.Flags().Changed(flag) {
			if err := set(st, v); err != nil {
				return err
			}
		}
		cur, err := get(st)
		if err != nil {
			return err
		}
		fmt.Fprintf(cmd.OutOrStdout(), format, cur)
		return nil
	})
}
