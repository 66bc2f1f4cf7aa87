// `assessor snippets`: comment-bank snippets from the command line.

package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/store"
)

// snippetsCmd manages comment banks from the command line: leads add and
// remove the shared snippets every reviewer sees in the scoring panel's
// picker (`b`); anyone may list what they see. Who acts is --as, else the
// global --reviewer; the store checks the role.
func snippetsCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "snippets",
		Short: "Manage comment-bank snippets (shared ones: leads and admins)",
	}
	var as string
	cmd.PersistentFlags().StringVar(&as, "as", "", "reviewer id to act as (default: --reviewer)")
	// A func, not a value: --as is parsed after the tree is built.
	actor := func() string { return g.actingAs(as) }
	cmd.AddCommand(snippetsAddCmd(g, actor), snippetsListCmd(g, actor), snippetsRemoveCmd(g, actor))
	return cmd
}

// snippetsAddCmd is `assessor snippets add`: a snippet for one criterion,
// the actor's own or (--shared, leads and admins) everyone's.
func snippetsAddCmd(g *globals, actor func() string) *cobra.Command {
	var credential, criterion string
	var shared bool
	cmd := &cobra.Command{
		Use:   "add --credential ID --criterion C2 [--shared] TEXT|-",
		Short: "Add a snippet to a criterion's comment bank (- reads the text from stdin)",
		Long: "Add a snippet to a criterion's comment bank (- reads the text from stdin). A snippet is plain\n" +
			"text of at most 2,000 characters, which reviewers insert into their feedback: a control character\n" +
			"or escape sequence in it is refused (CRLF line ends are read as line ends).",
		Args: needs("the snippet's text, or - for stdin", "--credential descriptive-feedback --criterion C2 \"Name the next step.\""),
		RunE: func(cmd *cobra.Command, args []string) error {
			text := args[0]
			if text == "-" {
				// Bounded: the length check comes after the read.
				b, err := readAllMax("snippet text on stdin", cmd.InOrStdin(), maxSnippetBytes)
				if err != nil {
					return err
				}
				// A file written on Windows ends its lines in CRLF.
				text = strings.ReplaceAll(string(b), "\r\n", "\n")
			}
			who := actor()
			// Owner "" asks the store for a shared snippet; it refuses
			// anyone but a lead or admin.
			sn := review.Snippet{Credential: credential, Criterion: criterion, Text: text, Owner: who}
			if shared {
				sn.Owner = ""
			}
			return g.withStore(func(st *store.Store) error {
				saved, err := st.SaveSnippet(who, sn)
				if err != nil {
					return g.snippetError(err)
				}
				whose := "your" // the table's "mine" reads oddly in a sentence
				if saved.Shared() {
					whose = "shared"
				}
				fmt.Fprintf(cmd.OutOrStdout(), "added %s snippet %s to %s %s\n", whose, saved.ID, saved.Credential, saved.Criterion)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&credential, "credential", "", "credential (rubric) id")
	cmd.Flags().StringVar(&criterion, "criterion", "", "criterion id, e.g. C2")
	cmd.Flags().BoolVar(&shared, "shared", false, "share it with every reviewer (leads and admins only)")
	_ = cmd.MarkFlagRequired("credential")
	_ = cmd.MarkFlagRequired("criterion")
	return cmd
}

// snippetsListCmd is `assessor snippets list`: the shared snippets and the
// actor's own, as the scoring panel's picker offers them.
func snippetsListCmd(g *globals, actor func() string) *cobra.Command {
	var credential, criterion string
	var sharedOnly bool
	cmd := &cobra.Command{
		Use:   "list [--credential ID] [--criterion C2] [--shared]",
		Short: "List the shared snippets and your own, newest first per criterion",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := refuseEmpty(cmd, "credential", "criterion"); err != nil {
				return err
			}
			who := actor()
			return g.withReadStore(func(st *store.Store) error {
				sns, err := st.ListSnippets(who, credential, criterion)
				if err != nil {
					return err
				}
				tw := newTable(cmd.OutOrStdout())
				fmt.Fprintln(tw, "ID\tCREDENTIAL\tCRITERION\tOWNER\tCREATED\tTEXT")
				for _, sn := range sns {
					if sharedOnly && !sn.Shared() {
						continue
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", sn.ID, sn.Credential, sn.Criterion,
						ownerLabel(sn, who), sn.CreatedAt.Format("2006-01-02"), snippetPreview(sn))
				}
				return tw.Flush()
			})
		},
	}
	cmd.Flags().StringVar(&credential, "credential", "", "only this credential")
	cmd.Flags().StringVar(&criterion, "criterion", "", "only this criterion (needs --credential)")
	cmd.Flags().BoolVar(&sharedOnly, "shared", false, "only shared snippets")
	return cmd
}

// snippetsRemoveCmd is `assessor snippets remove ID`: the actor's own
// snippet, or a shared one if the actor is a lead or admin.
func snippetsRemoveCmd(g *globals, actor func() string) *cobra.Command {
	return &cobra.Command{
		Use:   "remove ID",
		Short: "Remove one of your snippets, or (leads and admins) a shared one",
		Args:  needs("a snippet id (assessor snippets list shows them)", "ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withStore(func(st *store.Store) error {
				if err := st.DeleteSnippet(actor(), args[0]); err != nil {
					return g.snippetError(err)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "removed snippet %s\n", args[0])
				return nil
			})
		},
	}
}

// snippetError says what to do about a refused role: locally, name a
// lead with --as; over ssh --as names only the key's owner, so there is
// nothing to add.
func (g *globals) snippetError(err error) error {
	if errors.Is(err, store.ErrSnippetNotAllowed) && g.served == nil {
		return fmt.Errorf("%w: pass --as with a lead's or admin's reviewer id", err)
	}
	return err
}

// ownerLabel is "shared", or "mine" for the acting reviewer's own.
func ownerLabel(sn review.Snippet, who string) string {
	switch {
	case sn.Shared():
		return "shared"
	case sn.Owner == who:
		return "mine"
	}
	return sn.Owner
}

// snippetPreview is the snippet's first line, made safe for a terminal and
// cut to keep the table readable.
func snippetPreview(sn review.Snippet) string {
	// Sanitized before the first line is taken: a stored "\r" becomes a
	// line end, which must not break the table's row.
	line := strings.ReplaceAll(review.Snippet{Text: review.Sanitize(sn.Text)}.FirstLine(), "\t", " ")
	if r := []rune(line); len(r) > 60 {
		line = string(r[:59]) + "…"
	}
	if strings.Contains(strings.TrimSpace(sn.Text), "\n") {
		line += " ⏎"
	}
	return line
}
