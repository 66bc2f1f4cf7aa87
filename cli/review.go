package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/store"
	"assessor/ui"
)

// reviewCmd is `assessor review`, also what `assessor` alone runs: the
// reviewer's queue and scoring screens on the store.
func reviewCmd(g *globals) *cobra.Command {
	var credential string
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Open the reviewer queue (the default command)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := refuseEmpty(cmd, "credential"); err != nil {
				return err
			}
			return g.throughServer(g.runReview(cmd, g.openExisting, g.existingStorePath(), credential))
		},
	}
	cmd.Flags().StringVar(&credential, "credential", "", "show only this credential's attempts")
	return cmd
}

// runReview opens the existing store at path with open and runs the
// reviewer TUI on it as g.reviewer until they quit; credential, if set,
// narrows the queue. The commands its lines name (rubrics list,
// calibrate) are as cmd's user runs them (yourInvocation).
func (g *globals) runReview(cmd *cobra.Command, open func(string) (*store.Store, error), path, credential string) error {
	st, err := open(path)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := checkCredential(st, credential, g.yourInvocation(cmd, "rubrics list")); err != nil {
		return err
	}
	reword := func(err error) error { return g.worded(cmd, err) }
	return ui.Run(st, g.reviewer, ui.Options{NoColor: noColor(), Credential: credential, Reword: reword})
}

// checkCredential refuses a --credential that names no rubric: a typo
// would otherwise open a queue that looks empty.
func checkCredential(st *store.Store, id, rubricsList string) error {
	if id == "" {
		return nil
	}
	switch _, err := st.Rubric(id, 0); {
	case errors.Is(err, store.ErrNotFound):
		return fmt.Errorf("--credential %q: %w (%s shows them)", review.Sanitize(id), review.ErrUnknownCredential, rubricsList)
	default:
		return err
	}
}
