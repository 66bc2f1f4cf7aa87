package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"assessor/store"
)

// auditCmd is `assessor audit`: the log of identity reveals, for leads. It
// only reads; the log is written by reveal and nothing edits it.
func auditCmd(g *globals) *cobra.Command {
	var as, since, by string
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "List the audit log: reveals, flag work, changes to reviewers and keys, released claims, backups (leads and admins)",
		Long: "List the audit log, oldest first: when, which lead or admin, what, on which application,\n" +
			"why. Identity reveals are written by assessor reveal in the same transaction as the\n" +
			"vault read; reading evidence as submitted and working flags (leaks show, redact, clear),\n" +
			"and changes to who may sign in and as what (reviewers add: a reviewer or key added, a role\n" +
			"or conflicts changed; reviewers remove, reviewers keys remove) are listed too, and so are\n" +
			"the claims a lead ended (release) and every backup, whose copy holds the vault.\n" +
			"No command edits or deletes a record. A log of years is narrowed with --since (a day or\n" +
			"a time, UTC) and --by (who acted).",
		Example: "  assessor audit --since 2026-11-01 --by lead-2 --as LEAD",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := refuseEmpty(cmd, "since", "by"); err != nil {
				return err
			}
			from, err := parseDate("--since", since)
			if err != nil {
				return err
			}
			return g.withLeadRead(as, func(st *store.Store, _ string) error {
				all, err := st.Audit()
				if err != nil {
					return err
				}
				recs := all[:0:0]
				for _, r := range all {
					if !r.At.Before(from) && (by == "" || r.Lead == by) {
						recs = append(recs, r)
					}
				}
				switch {
				case len(all) == 0:
					fmt.Fprintln(cmd.OutOrStdout(), "the audit log is empty: nothing revealed, no flags worked, no one's access changed, no claims released, no backups")
					return nil
				case len(recs) == 0:
					fmt.Fprintf(cmd.OutOrStdout(), "no record of the %d in the audit log matches %s\n", len(all), auditFilter(since, by))
					return nil
				}
				tw := newTable(cmd.OutOrStdout())
				// BY, not LEAD: an admin's changes to people are here too.
				fmt.Fprintln(tw, "TIME (UTC)\tBY\tWHAT\tREASON")
				// Reasons are free text: cellText keeps each record on
				// one line.
				for _, r := range recs {
					// Every line says what was done: a reveal's record has no
					// action (it was the only kind once).
					what := "reveal: " + r.Pseudonym
					if r.Action != "" { // a change to people, or work on flags (leaks)
						what = r.Action + ": " + r.Subject
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.At.UTC().Format("2006-01-02 15:04"), r.Lead, cellText(what), cellText(r.Reason))
				}
				return tw.Flush()
			})
		},
	}
	asLeadFlag(cmd, &as)
	cmd.Flags().StringVar(&since, "since", "", "only records from this day (YYYY-MM-DD, UTC) or time (RFC 3339) on")
	cmd.Flags().StringVar(&by, "by", "", "only records of what this lead or admin did")
	return cmd
}

// auditFilter says what --since and --by asked for.
func auditFilter(since, by string) string {
	var parts []string
	if since != "" {
		parts = append(parts, "--since "+since)
	}
	if by != "" {
		parts = append(parts, "--by "+by)
	}
	return strings.Join(parts, " ")
}
