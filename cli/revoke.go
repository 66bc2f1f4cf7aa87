// `assessor revoke`: a lead withdraws an issued Open Badge; the revocation
// and its reason are published by the next `export badges`.

package cli

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/spf13/cobra"

	"assessor/store"
)

// errRevokeReason is the one-line refusal of a revocation without a reason.
var errRevokeReason = errors.New("revoke needs --reason: say why the badge is withdrawn (it is published)")

// revokeCmd is `assessor revoke ASSERTION-ID`.
func revokeCmd(g *globals) *cobra.Command {
	var as, reason string
	cmd := &cobra.Command{
		Use:   "revoke ASSERTION-ID --reason \"…\" [--as LEAD]",
		Short: "Revoke an issued Open Badge (leads and admins; kept forever with who, when and why)",
		Long: "Withdraw an assertion, named by its id (c-…, s-…; see assessor badges list) or its URL.\n" +
			"Only a lead or admin may (--as, default --reviewer), and only with a --reason. The\n" +
			"revocation is kept forever; the next `assessor export badges` lists it in\n" +
			"revocations.json and marks the assertion revoked. The reason is published in both,\n" +
			"for the candidate and whoever verifies the badge, with reviewer ids, handles and\n" +
			"contacts withheld as in feedback ([reviewer], [your application], [contact withheld]);\n" +
			"badges list shows leads it as written. Write it for the public, without the\n" +
			"candidate's identity (one with an email address is refused). A lead who declared a\n" +
			"conflict with the candidate cannot revoke their badge: another lead must.",
		Args: needs("an assertion id (assessor badges list shows them)", "c-0123456789abcdef01234567 --reason \"…\""),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkReason(reason, errRevokeReason); err != nil {
				return err
			}
			return g.withLead(as, func(st *store.Store, lead string) error {
				rec, b, err := st.Revoke(lead, assertionID(args[0]), reason)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "revoked %s (%s, %s) by %s; the next export badges publishes it\n",
					rec.Assertion, badgeName(b), badgeHandle(b), lead)
				return nil
			})
		},
	}
	asLeadFlag(cmd, &as)
	cmd.Flags().StringVar(&reason, "reason", "", "why the badge is withdrawn (required; published in the revocation list)")
	return cmd
}

// assertionID takes an assertion id, or its URL or file name, to the id.
func assertionID(s string) string {
	return strings.TrimSuffix(path.Base(strings.TrimSpace(s)), ".json")
}
