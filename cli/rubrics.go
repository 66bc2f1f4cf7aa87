package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"assessor/review"
	"assessor/rubrics"
	"assessor/store"
	"assessor/ui"
)

// rubricsCmd is `assessor rubrics add|list|show`: the Markdown rubrics
// attempts are scored against. Each file carries its version; a version,
// once stored, cannot change, since attempts scored against it must keep
// seeing it as it was.
func rubricsCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "rubrics", Short: "Add, list and show credential rubrics"}
	cmd.AddCommand(
		&cobra.Command{
			Use:   "add FILE|DIR|-",
			Short: "Add rubrics from a Markdown file, every .md file in a directory, or stdin (-)",
			Long: "Add rubrics from a Markdown file, every .md file in a directory, or stdin (-). The format\n" +
				"(front matter, parts, criteria, levels, descriptor tables) is in docs/formats.md, §1. A\n" +
				"directory goes in whole or not at all (its .md files, not its folders': a warning names\n" +
				"each folder of rubrics left unread); a version once stored is never changed: give a\n" +
				"changed rubric the next version, and attempts already scored keep the one they had.",
			Args:        needs("a rubric file, a directory of them, or - for stdin", "rubrics/"),
			Annotations: map[string]string{sshExample: "- < rubric.md"},
			RunE: func(cmd *cobra.Command, args []string) error {
				if err := g.fromStdinOnly("rubrics add", args[0], sshInvocation("rubrics add - < rubric.md")); err != nil {
					return err
				}
				if info, err := os.Stat(args[0]); err == nil && info.IsDir() {
					// Should serve hold the store: over ssh a folder goes in
					// a file at a time, not all or none.
					g.sshForm = "rubrics add - < FILE.md, for each file of " + args[0]
				}
				if err := g.allowBeforeInput(); err != nil {
					return err
				}
				// Parse everything first: a bad file stops the command
				// before anything is stored.
				names, rs, err := loadRubrics(args[0], cmd.InOrStdin())
				if err != nil {
					return err
				}
				return g.withNewStore(func(st *store.Store) error {
					added, err := st.AddRubrics(rs) // all or none
					var re *store.RubricError
					if errors.As(err, &re) {
						// An input file's problem, printed as FILE:LINE: (at
						// its front matter, which names the id and version).
						return &rubrics.ParseError{File: names[re.Index], Line: 1, Msg: re.Err.Error() + "; nothing was added"}
					} else if err != nil {
						return err
					}
					// Only once stored: a refusal is the one line an error is.
					warnDescriptorTables(cmd.ErrOrStderr(), names, rs)
					warnUnread(cmd.ErrOrStderr(), args[0])
					latest, err := latestVersions(st)
					if err != nil {
						return err
					}
					for i, r := range rs {
						// Re-adding an identical rubric is not an error, so a
						// whole folder can be added again after one change.
						state := "added"
						if !added[i] {
							state = "unchanged"
						}
						fmt.Fprintf(cmd.OutOrStdout(), "%s v%d: %s (%s)", r.ID, r.Version, state, review.Count(len(r.Criteria), "criterion", "criteria"))
						if v := latest[r.ID]; v > r.Version {
							// An older version is kept, but nothing new is
							// scored against it: say so, or it reads as current.
							fmt.Fprintf(cmd.OutOrStdout(), "; v%d stays the latest, the one new imports are scored against", v)
						}
						fmt.Fprintln(cmd.OutOrStdout())
					}
					return nil
				})
			},
		},
		&cobra.Command{
			Use:   "list",
			Short: "List the latest version of every rubric",
			Args:  noArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				return g.withReadStore(func(st *store.Store) error {
					rs, err := st.Credentials()
					if err != nil {
						return err
					}
					tw := newTable(cmd.OutOrStdout())
					fmt.Fprintln(tw, "ID\tVERSION\tCRITERIA\tSTACK\tTITLE")
					for _, r := range rs {
						fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\n", r.ID, r.Version, len(r.Criteria), cellText(r.Stack), cellText(r.Title))
					}
					return tw.Flush()
				})
			},
		},
		rubricsShowCmd(g),
	)
	return cmd
}

// rubricsShowCmd is `assessor rubrics show ID [--version N]`: a rubric as
// reviewers see it, the latest version or one an earlier attempt was
// scored against.
func rubricsShowCmd(g *globals) *cobra.Command {
	var version int
	cmd := &cobra.Command{
		Use:   "show ID [--version N]",
		Short: "Render a rubric as the reviewer sees it (the latest version, or --version N)",
		Args:  needs("a rubric id (assessor rubrics list shows them)", "descriptive-feedback"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if version < 0 {
				return fmt.Errorf("--version %d: want 1 or more (0, the default, is the latest)", version)
			}
			return g.withReadStore(func(st *store.Store) error {
				r, err := st.Rubric(args[0], version)
				if err != nil {
					return err
				}
				latest := r
				if version != 0 { // else r is the latest
					if latest, err = st.Rubric(args[0], 0); err != nil {
						return err
					}
				}
				out := cmd.OutOrStdout()
				// The rendered body does not say which version it is, and an
				// earlier one reads much like the latest.
				if r.Version == latest.Version {
					fmt.Fprintf(out, "%s version %d (the latest)\n", r.ID, r.Version)
				} else {
					fmt.Fprintf(out, "%s version %d (the latest is %d)\n", r.ID, r.Version, latest.Version)
				}
				width, tty := 80, io.Writer(out) // the terminal's size and colours, not the wrapper's
				if f, ok := outFile(out); ok {
					tty = f
					if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
						width = min(w, 120)
					}
				}
				_, err = fmt.Fprint(out, ui.RenderRubric(r.Markdown, width, tty, noColor()))
				return err
			})
		},
	}
	decimalVar(cmd.Flags(), &version, "version", 0, "the version to show (default: the latest)")
	return cmd
}

// warnDescriptorTables says, for each criterion whose description holds a
// table that does not give each level a descriptor (a header "not yet"
// for the level not-yet), why the scoring panel will show it as written:
// it is no error (docs/formats.md §1), but its author meant otherwise.
func warnDescriptorTables(w io.Writer, names []string, rs []review.Rubric) {
	for i, r := range rs {
		for _, c := range r.Criteria {
			if p := c.DescriptorTableProblem(r.AllLevels()); p != "" {
				fmt.Fprintf(w, "assessor: warning: %s: %s %s: %s, so reviewers see the table as written, not each level's descriptor beside it\n",
					names[i], r.ID, c.ID, p)
			}
		}
	}
}

// warnUnread names, for a directory, what in it looks like rubrics and
// was not read (rubrics.Unread).
func warnUnread(w io.Writer, path string) {
	if info, err := os.Stat(path); err != nil || !info.IsDir() {
		return
	}
	unread, _ := rubrics.Unread(path) // it was read a moment ago
	for _, u := range unread {
		fmt.Fprintf(w, "assessor: warning: %s\n", u)
	}
}

// loadRubrics parses the rubric file or directory at path, or one rubric
// from stdin for "-" (errors then name "stdin"), and names the file each
// came from.
func loadRubrics(path string, stdin io.Reader) ([]string, []review.Rubric, error) {
	if path != "-" {
		names, err := rubrics.Files(path)
		if err != nil {
			return nil, nil, err
		}
		rs, err := rubrics.LoadFiles(names)
		return names, rs, err
	}
	data, err := readAllMax("stdin", stdin, maxRubricFile)
	if err != nil {
		return nil, nil, err
	}
	r, err := rubrics.Parse("stdin", data)
	if err != nil {
		return nil, nil, err
	}
	return []string{"stdin"}, []review.Rubric{r}, nil
}

// latestVersions maps each stored rubric's id to its latest version.
func latestVersions(st *store.Store) (map[string]int, error) {
	rs, err := st.Credentials()
	if err != nil {
		return nil, err
	}
	latest := make(map[string]int, len(rs))
	for _, r := range rs {
		latest[r.ID] = r.Version
	}
	return latest, nil
}
