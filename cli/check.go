package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/server"
	"assessor/store"
)

// checkCmd is `assessor check`: the store's own consistency check (bbolt
// consistency, workflow invariants, report counters against a recomputation).
// It prints each problem and fails if there is one, so a script or CI can
// run it after a restore or an upgrade.
func checkCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Check the store: bbolt consistency, workflow invariants, report counters against a recomputation",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// A store of an older schema (a backup from before an
			// upgrade, a damaged store its upgrade refused) is checked
			// as it is, as far as this build can without upgrading it.
			var older string
			open := func(path string) (*store.Store, error) {
				st, err := openReading(path, store.Options{Timeout: lockWait, Schema: store.SchemaRefuse, Notify: g.notify})
				if errors.Is(err, store.ErrOldSchema) {
					older = path
				}
				return st, err
			}
			err := g.useStore(existingWith(open), g.existingStorePath, func(st *store.Store) error {
				problems, err := st.Check()
				if err != nil {
					return err
				}
				// Every problem, one a line, before the failure: a
				// repair wants the whole list, not the first.
				for _, p := range problems {
					fmt.Fprintln(cmd.OutOrStdout(), p)
				}
				if len(problems) > 0 {
					return fmt.Errorf("%s: %s found", st.Path(), review.Count(len(problems), "problem", "problems"))
				}
				c, err := st.Counts()
				if err != nil {
					return err
				}
				// Read-only, bbolt loads no free list, and its own check
				// needs one: every page and record is still read.
				partial := ""
				if st.ReadOnly() {
					partial = "; the file is read-only here, so without bbolt's own check: copy it somewhere writable for that"
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: ok (%s, %s: %d decided, %d pending%s)\n",
					st.Path(), review.Count(c.Applications, "application", "applications"), review.Count(c.Attempts, "attempt", "attempts"), c.Decided, c.Pending, partial)
				return nil
			})
			if older == "" {
				return err
			}
			if line := store.Exposed(older); line != "" {
				g.notify(line) // as Open says it: CheckOlder reads a copy
			}
			return checkOlder(cmd.OutOrStdout(), older)
		},
	}
}

// checkOlder checks a store of an older schema without upgrading it
// (store.CheckOlder): its pages and records, not the workflow.
func checkOlder(w io.Writer, path string) error {
	schema, problems, err := store.CheckOlder(path)
	if err != nil {
		return err
	}
	for _, p := range problems {
		fmt.Fprintln(w, p)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s (schema %d, written by an older assessor): %s found: it is damaged; use a backup made before the damage",
			path, schema, review.Count(len(problems), "problem", "problems"))
	}
	fmt.Fprintf(w, "%s: pages and records ok (schema %d, written by an older assessor; this build checks the rest after assessor upgrade --db %s)\n",
		path, schema, server.ShellWord(path))
	return nil
}
