package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/store"
)

// applicationsCmd is `assessor applications`: every application by handle,
// with its status (open, passed, expired) and window, so a lead can find
// one to look at without seeing who the candidate is.
func applicationsCmd(g *globals) *cobra.Command {
	var status, credential string
	cmd := &cobra.Command{
		Use:   "applications [--status open|passed|expired] [--credential ID]",
		Short: "List applications: handle, credential, attempts, status, started, closes",
		Long: "List applications, oldest first, by handle only: no identity. An application is open\n" +
			"until it passes or its window closes six months after it started; an expired one takes no\n" +
			"more attempts (the candidate starts a new application).",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// --status is checked before the store is opened.
			if err := refuseEmpty(cmd, "status", "credential"); err != nil {
				return err
			}
			switch review.Status(status) {
			case "", review.StatusOpen, review.StatusPassed, review.StatusExpired:
			default:
				return fmt.Errorf("--status %q: want open, passed or expired", status)
			}
			return g.withReadStore(func(st *store.Store) error {
				apps, err := st.Applications()
				if err != nil {
					return err
				}
				if credential != "" {
					if _, err := st.Rubric(credential, 0); err != nil {
						return fmt.Errorf("--credential %q: %w (%s names them)", credential, err, g.yourInvocation(cmd, "rubrics list"))
					}
				}
				// Status depends on the date: an open application expires
				// as time passes, with nothing written to the store.
				now := time.Now()
				tw := newTable(cmd.OutOrStdout())
				fmt.Fprintln(tw, "HANDLE\tCREDENTIAL\tATTEMPTS\tSTATUS\tSTARTED\tCLOSES")
				for _, a := range apps {
					s := a.StatusAt(now)
					if status != "" && s != review.Status(status) || credential != "" && a.Credential != credential {
						continue
					}
					closes := isoDay(a.ClosesAt())
					switch {
					case s == review.StatusPassed:
						closes = "-" // passed: its window no longer matters (as history says)
					case !now.Before(a.ClosesAt()):
						closes = "closed " + closes // open for its pending attempt only (as history says)
					}
					fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\n", a.Pseudonym, a.Credential, a.Attempts, s, isoDay(a.StartedAt), closes)
				}
				return tw.Flush()
			})
		},
	}
	cmd.Flags().StringVar(&status, "status", "", "only applications in this status: open, passed or expired")
	cmd.Flags().StringVar(&credential, "credential", "", "only applications for this credential (its id)")
	return cmd
}
