// The command-line tools `assessor serve` runs for SSH users, each checked
// against the user's role before it runs.

package cli

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/server"
	"assessor/store"
)

// remoteUser is who runs a command through `assessor serve`, and the store
// the server holds.
type remoteUser struct {
	who   review.Reviewer
	store *store.Store
}

// remoteCommands are the command-line tools `assessor serve` runs for SSH
// users (ssh HOST import - < file.jsonl), with the role each needs: while
// the server holds the store no other process can open it, and new
// submissions and reviewers must not wait for a restart. Commands that read
// or write files on the server's disk are left out (backup FILE) or refused
// (export feedback --all DIR, export badges DIR): export writes to stdout,
// and import, rubrics add and reviewers add --key read stdin.
var remoteCommands = []struct {
	role review.Role
	cmd  func(*globals) *cobra.Command
}{
	{review.RoleAdmin, importCmd},
	{review.RoleAdmin, reviewersCmd},
	{review.RoleAdmin, checkCmd},
	{review.RoleAdmin, rubricsCmd},
	{review.RoleAdmin, configCmd},
	{review.RoleLead, reportCmd},
	{review.RoleLead, applicationsCmd},
	{review.RoleLead, historyCmd},
	{review.RoleLead, amendCmd},
	{review.RoleLead, revealCmd},
	{review.RoleLead, leaksCmd},
	{review.RoleLead, conflictsCmd},
	{review.RoleLead, auditCmd},
	{review.RoleLead, calibrationCmd},
	{review.RoleLead, exportCmd},       // to stdout only: feedback --application, badges -
	{review.RoleReviewer, snippetsCmd}, // their own; shared ones: the store checks for a lead
}

// serveCommands is the server.CommandFunc of `assessor serve`: it runs one
// of remoteCommands on st as who, after checking who's role.
func serveCommands(st *store.Store) server.CommandFunc {
	return func(ctx context.Context, who review.Reviewer, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
		g := &globals{reviewer: who.ID, served: &remoteUser{who: who, store: st}}
		root := &cobra.Command{Use: "assessor", SilenceUsage: true, SilenceErrors: true,
			// Over SSH the key says who acts: --as must not name someone else.
			PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
				if f := cmd.Flags().Lookup("as"); f != nil && f.Changed && f.Value.String() != who.ID {
					return fmt.Errorf("over ssh you act as %s, the owner of your key: drop --as %s", who.ID, f.Value)
				}
				return nil
			}}
		need := map[string]review.Role{}
		var names []string
		for _, rc := range remoteCommands {
			c := rc.cmd(g)
			root.AddCommand(c)
			need[c.Name()] = rc.role
			names = append(names, c.Name())
		}
		// Find names the command without running it, so the role is
		// checked before any flag is parsed or any work is done. A group
		// (calibration) followed by a word that is none of its
		// subcommands is an unknown command too.
		sub, rest, err := root.Find(args)
		if err != nil || sub == root || (!sub.Runnable() && slices.ContainsFunc(rest, isWord)) {
			return fmt.Errorf("unknown command %q: over ssh you can run %s, or connect without a command for the review queue",
				strings.Join(args, " "), strings.Join(names, ", "))
		}
		// A subcommand needs its top-level command's role (calibration add
		// is calibration's).
		for sub.Parent() != root {
			sub = sub.Parent()
		}
		if role := need[sub.Name()]; !mayRun(who, role) {
			return fmt.Errorf("%s is for %ss and you (%s) are a %s", sub.Name(), role, who.ID, who.Role)
		}
		root.SetArgs(args)
		root.SetIn(stdin)
		root.SetOut(stdout)
		root.SetErr(stderr)
		return root.ExecuteContext(ctx)
	}
}

// isWord reports whether a command-line argument is not a flag.
func isWord(arg string) bool { return !strings.HasPrefix(arg, "-") }

// mayRun reports whether who holds role or one above it.
func mayRun(who review.Reviewer, role review.Role) bool {
	switch role {
	case review.RoleAdmin:
		return who.Role == review.RoleAdmin
	case review.RoleLead:
		return who.CanLead()
	}
	return true
}

// fromStdinOnly refuses a file on the server's disk for a command run
// over SSH: the user means a file on their own machine, which only
// reaches the server as stdin.
func (g *globals) fromStdinOnly(flag, name, example string) error {
	if g.served == nil || name == "-" {
		return nil
	}
	return fmt.Errorf("over ssh %s reads stdin, not a file on the server: %s", flag, example)
}
