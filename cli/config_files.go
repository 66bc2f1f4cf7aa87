package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/store"
)

// configFilesCmd is `assessor config files`: show or set the size limits on
// the evidence files an import stores.
func configFilesCmd(g *globals) *cobra.Command {
	var maxFile, maxAttempt string
	cmd := &cobra.Command{
		Use:   "files [--max-file SIZE] [--max-attempt SIZE]",
		Short: "Show or set the size limits on evidence files (default 10MB per file, 50MB per attempt)",
		Long: "Show or set the size limits on evidence files. An import with a file over a limit fails\n" +
			"and stores nothing. Sizes are binary (1MB = 1024KB) and take KB, MB or GB: --max-file 20MB.\n" +
			"A change applies to later imports; files already stored are kept.",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// Sizes are parsed before the store is opened. A flag not
			// given stays zero, which SetFileLimits reads as "keep".
			var set review.FileLimits
			var err error
			// Given empty (a script's unset $SIZE), a flag is no size.
			if cmd.Flags().Changed("max-file") {
				if set.PerFile, err = review.ParseSize(maxFile); err != nil {
					return fmt.Errorf("--max-file: %w", err)
				}
			}
			if cmd.Flags().Changed("max-attempt") {
				if set.PerAttempt, err = review.ParseSize(maxAttempt); err != nil {
					return fmt.Errorf("--max-attempt: %w", err)
				}
			}
			return g.withSettings(cmd, func(st *store.Store) error {
				if set != (review.FileLimits{}) {
					if err := st.SetFileLimits(set); err != nil {
						return err
					}
				}
				// Show what is in force now, set or not.
				l, err := st.FileLimits()
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "per file: %s\nper attempt: %s\n", review.FormatSize(l.PerFile), review.FormatSize(l.PerAttempt))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&maxFile, "max-file", "", "largest evidence file an import accepts, e.g. 10MB")
	cmd.Flags().StringVar(&maxAttempt, "max-attempt", "", "largest total of one attempt's files, e.g. 50MB")
	return cmd
}
