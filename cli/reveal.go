// `assessor reveal`: a lead sees the identity behind an application, with
// a reason that goes to the audit log in the same transaction.

package cli

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/store"
)

// errRevealReason is the one-line refusal of a reveal without a reason.
var errRevealReason = errors.New("reveal needs --reason: say why you need the identity")

// revealCmd is `assessor reveal HANDLE --reason`: the one way to see who a
// candidate is. Only a lead may, only with a reason, and the store writes
// the audit record in the same transaction as the read.
func revealCmd(g *globals) *cobra.Command {
	var as, reason string
	cmd := &cobra.Command{
		Use:   "reveal APPLICATION-OR-HANDLE --reason \"…\"",
		Short: "Show the identity behind an application (leads and admins; every reveal is audited)",
		Long: "Print the candidate behind an application, named by application id (A-1001) or handle\n" +
			"(DF-7KQ2). Only a reviewer with role lead or admin may (--as, default --reviewer), and\n" +
			"only with a --reason: the reveal and its reason are written to the audit log in the same\n" +
			"transaction as the read. See them with: assessor audit",
		Args: needs("an application handle or id", "CE-YA97 --reason \"…\""),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkReason(reason, errRevealReason); err != nil {
				return err
			}
			return g.withLeadAttempt(as, args[0], func(st *store.Store, lead string, key review.AttemptKey) error {
				// The application's ids are printed beside the identity, so
				// the lead can tell which case it belongs to.
				app, err := st.Application(key.Application)
				if err != nil {
					return err
				}
				c, err := st.Reveal(lead, key.Application, reason)
				if err != nil {
					return err
				}
				writeIdentity(cmd, app, c)
				fmt.Fprintf(cmd.ErrOrStderr(), "revealed to %s; recorded in the audit log\n", lead)
				return nil
			})
		},
	}
	asLeadFlag(cmd, &as)
	cmd.Flags().StringVar(&reason, "reason", "", "why you need the identity (required; kept in the audit log)")
	return cmd
}

// writeIdentity prints a revealed identity, one field a line.
func writeIdentity(cmd *cobra.Command, app review.Application, c review.Candidate) {
	tw := newTable(cmd.OutOrStdout())
	fmt.Fprintf(tw, "application\t%s (%s, %s)\n", app.ID, app.Pseudonym, app.Credential)
	for _, f := range [][2]string{{"name", c.Name}, {"email", c.Email}, {"district", c.District}, {"state", c.State}} {
		fmt.Fprintf(tw, "%s\t%s\n", f[0], cellText(f[1]))
	}
	// One line a field: a line break an import line put in a value would
	// print a field of its own ("email  someone.else@…") under the real one.
	for _, k := range slices.Sorted(maps.Keys(c.Extra)) {
		fmt.Fprintf(tw, "%s\t%s\n", cellText(k), cellText(c.Extra[k]))
	}
	_ = tw.Flush()
}
