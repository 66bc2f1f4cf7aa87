// How commands check their arguments, in words a person understands: a
// missing argument names the command, what it needs and an example; a
// command group given an unknown subcommand says so and fails.

package cli

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"assessor/review"
)

// sshExample is the annotation of a command whose example argument is a
// file: what the example is over ssh, where files come on stdin.
const sshExample = "ssh-example"

// needs is the Args of a command that takes exactly one argument: what
// it is ("an application handle") and an example of it ("CE-YA97"), so
// `assessor history` alone says "history needs an application handle, e.g.
// assessor history CE-YA97".
func needs(what, example string) cobra.PositionalArgs {
	return needsAtLeast(what, example, 1, 1)
}

// needsSome is needs for a command that takes one or more arguments.
func needsSome(what, example string) cobra.PositionalArgs {
	return needsAtLeast(what, example, 1, -1)
}

// showsThem is how a command's what names the list of what it takes:
// "(assessor rubrics list shows them)".
var showsThem = regexp.MustCompile(`\(assessor ([a-z][a-z ]*[a-z]) shows them\)`)

// needsAtLeast checks that min to max arguments (max -1: no limit) were
// given, naming the command and what it takes when they were not.
func needsAtLeast(what, example string, min, max int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		name := commandName(cmd)
		what := what // this run's words: a tree may run again with other flags
		if servedTree(cmd) {
			what = strings.ReplaceAll(what, "assessor ", sshInvocation(""))
		} else {
			// The list it names, as they run it: on their store, as
			// themselves (checked before cmd runs, so not g.worded).
			what = showsThem.ReplaceAllStringFunc(what, func(m string) string {
				return "(" + localLine(cmd, showsThem.FindStringSubmatch(m)[1]) + " shows them)"
			})
		}
		switch {
		case len(args) < min && servedTree(cmd):
			if ex, ok := cmd.Annotations[sshExample]; ok {
				example = ex // a file is read from stdin over ssh, or written to stdout
			}
			return fmt.Errorf("%s needs %s, e.g. %s", name, what, sshInvocation(name+" "+example))
		case len(args) < min:
			return fmt.Errorf("%s needs %s, e.g. %s %s", name, what, cmd.CommandPath(), example)
		case max >= 0 && len(args) > max:
			return tooManyArgs{fmt.Errorf("%s takes %s, %s; got %d: %s", name, review.Count(max, "argument", "arguments"), what, len(args), gotArgs(args))}
		}
		return nil
	}
}

// gotArgs shows the arguments a command got, at most the first five: a
// shell's glob (rubrics add *.md) gave the one error line every
// one of 240 names.
func gotArgs(args []string) string {
	const shown = 5
	if len(args) <= shown {
		return strings.Join(args, " ")
	}
	return strings.Join(args[:shown], " ") + " …"
}

// noArgs is the Args of a command that takes no arguments: given some,
// it names the command and what it got, as needs does (cobra.NoArgs says
// "unknown command", which over ssh hides that quotes were lost).
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return tooManyArgs{fmt.Errorf("%s takes no arguments; got %d: %s", commandName(cmd), len(args), gotArgs(args))}
	}
	return nil
}

// tooManyArgs is the error of a command given more arguments than it
// takes; over ssh it usually means quotes were lost (quotingHint).
type tooManyArgs struct{ error }

// commandName is the command as the user typed it, without the program
// name: "history", "calibration add".
func commandName(cmd *cobra.Command) string {
	path := cmd.CommandPath()
	if cmd.HasParent() {
		path = strings.TrimPrefix(path, cmd.Root().Name()+" ")
	}
	return path
}

// strictGroups makes every command group below root (a command that only
// holds subcommands) fail with one line when given a subcommand it does
// not have, instead of printing its help and succeeding; alone, a group
// still prints its help.
func strictGroups(root *cobra.Command) {
	for _, c := range root.Commands() {
		if c.HasSubCommands() && !c.Runnable() {
			c.Args = cobra.ArbitraryArgs
			c.RunE = groupRun
			c.DisableFlagsInUseLine = true // a group takes no flags of its own
		}
		strictGroups(c)
	}
}

// groupRun is what a command group runs: its help when given nothing, else
// an error naming the unknown subcommand and the ones it has.
func groupRun(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return cmd.Help()
	}
	var subs []string
	for _, s := range cmd.Commands() {
		if s.IsAvailableCommand() {
			subs = append(subs, s.Name())
		}
	}
	return fmt.Errorf("%s has no subcommand %q; it has %s (%s --help)", commandName(cmd), args[0], strings.Join(subs, ", "), cmd.CommandPath())
}

// rootArgs is the Args of `assessor` itself, which runs the review queue
// with no arguments: any word is an unknown command, said in one line with
// cobra's suggestion when it has one.
func rootArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	hint := ""
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2 // cobra's default, which only its own message sets
	}
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		hint = "; did you mean " + strings.Join(s, " or ") + "?"
	}
	return fmt.Errorf("unknown command %q%s (%s --help lists them)", args[0], hint, cmd.Name())
}

// helpCmd is `assessor help [command]`: cobra's, except that a command it
// does not know fails in one line, as `assessor frobnicate` does, where
// cobra printed the root's help and exited 0.
func helpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Long:  "Help about any command: assessor help COMMAND [SUBCOMMAND] prints what assessor COMMAND --help does.",
		Args:  cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			cmd, rest, err := root.Find(args)
			switch {
			case err != nil:
				return err
			case len(rest) > 0 && cmd == root:
				return rootArgs(root, rest)
			case len(rest) > 0 && cmd.HasSubCommands():
				return groupRun(cmd, rest)
			}
			return cmd.Help() // a command's own arguments after it ask for its help
		},
	}
}
