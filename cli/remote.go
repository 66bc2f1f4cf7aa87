// The command-line tools `assessor serve` runs for SSH users, each checked
// against the user's role before it runs.

package cli

import (
	"context"
	"errors"
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

// serveCommands is the server.CommandFunc of `assessor serve`: it runs an
// SSH user's command line on st as who, on the same command tree as the
// local command line, each command checked against its row of
// review.Permissions (authorize): while the server holds the store no
// other process can open it, so every command a lead or admin needs runs
// here, except the local-only ones and the screens (ssh -t HOST
// dashboard). Commands that would read or write files on the server's disk
// refuse to (fromStdinOnly, export to stdout only).
func serveCommands(st *store.Store) server.CommandFunc {
	return func(ctx context.Context, who review.Reviewer, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
		g := &globals{served: &remoteUser{who: who, store: st}}
		root := newRoot(g)
		root.Annotations = map[string]string{servedMark: "1"}
		g.reviewer = who.ID // newRoot set --reviewer's default
		// Help over ssh shows the key's owner as who acts, and not the
		// server's store path (--db is refused here anyway).
		pf := root.PersistentFlags()
		rf := pf.Lookup("reviewer")
		rf.DefValue, rf.Usage = who.ID, "your reviewer id: over ssh, your key's owner"
		_ = pf.MarkHidden("db")
		sshHelp(root)
		// typed is the line as the user wrote it, for errors.
		typed := args
		if len(args) > 0 && args[0] == "help" { // ssh HOST help [COMMAND]
			if len(args) == 1 || len(args) == 2 && args[1] == "help" {
				return servedHelp(root, who, stdout)
			}
			typed = args[1:]
			args = append(slices.Clone(args[1:]), "--help")
		}
		// The row is checked before any flag is parsed or any work is
		// done; authorize checks it again, with --as, once parsed.
		name, p, ok := review.LookupCommand(args)
		sub, rest, err := root.Find(args)
		switch {
		case !ok && err == nil && sub != root && sub.HasSubCommands() && !slices.ContainsFunc(rest, isWord):
			// A group alone (ssh HOST calibration) or with --help: its help.
		case !ok && len(typed) > 0 && strings.HasPrefix(typed[0], "-"):
			return fmt.Errorf("%q: over ssh the command comes first and its flags after it, e.g. %s", strings.Join(typed, " "), sshInvocation("report --format json"))
		case !ok && len(typed) > 0 && typed[0] == "completion":
			return errors.New("completion is not offered over ssh: " + completionWhy + "; run assessor completion bash (or zsh, fish, powershell) there")
		case !ok || err != nil:
			return fmt.Errorf("unknown command %q: over ssh you can run %s; and with ssh -t the screens %s (no command: the review queue); ssh -p PORT HOST help says what each does",
				strings.Join(typed, " "), strings.Join(review.Served(who.Role), ", "), strings.Join(review.Screens(who.Role), ", "))
		case p.Where == review.Screen:
			// The server opens a screen named alone (ssh -t HOST
			// dashboard); what reaches here has more on its line.
			if err := p.Allow(name, who.ID, who.Role); err != nil {
				return err
			}
			if !slices.ContainsFunc(args, isHelp) {
				return fmt.Errorf("%s is a screen, which over ssh takes no arguments or flags: connect with ssh -t -p PORT HOST %s", name, name)
			}
		case p.Where == review.LocalOnly:
			return fmt.Errorf("%s is not offered over ssh: %s", name, p.Why)
		case name == "backup" && slices.ContainsFunc(args[1:], isWord):
			// backup and backup - never reach here: the server streams them.
			return errors.New("over ssh backup writes to stdout, not to a file on the server: " + sshInvocation("backup > copy.db"))
		default:
			if err := p.Allow(name, who.ID, who.Role); err != nil {
				return err
			}
		}
		root.SetArgs(args)
		root.SetIn(stdin)
		root.SetOut(stdout)
		root.SetErr(stderr)
		return sshWorded(quotingHint(name, root.ExecuteContext(ctx)))
	}
}

// sshWorded names the command an error says mends it (review.Mend) as an
// SSH user runs it (review.Reword).
func sshWorded(err error) error { return review.Reword(err, sshInvocation) }

// worded names the command a local error says mends it (review.Mend)
// with the --db and who cmd was given (yourInvocation): as the store words
// it ("see: assessor applications"), pasted, it ran on the default store
// as the operator. Over ssh serveCommands words it (sshWorded). The line
// for a store serve holds keeps cmd's other flags (servedError).
func (g *globals) worded(cmd *cobra.Command, err error) error {
	if g.served != nil {
		return err
	}
	var served *servedError
	if errors.As(err, &served) {
		served.cmd = cmd
	}
	return review.RewordHere(err, func(args string) string { return g.yourInvocation(cmd, args) })
}

// servedHelp is `ssh HOST help`: the commands and screens the key owner's
// role may use over ssh, each with its one-line description, as the local
// `assessor help` lists commands.
func servedHelp(root *cobra.Command, who review.Reviewer, out io.Writer) error {
	served, screens := review.Served(who.Role), review.Screens(who.Role)
	width := 0
	for _, name := range slices.Concat(served, screens) {
		width = max(width, len(name))
	}
	list := func(names []string) string {
		var b strings.Builder
		for _, name := range names {
			short := ""
			if c, _, err := root.Find(strings.Fields(name)); err == nil {
				short = c.Short
			}
			fmt.Fprintf(&b, "  %-*s  %s\n", width, name, short)
		}
		return b.String()
	}
	_, err := fmt.Fprintf(out, "Over ssh you act as %s (%s), the owner of your key.\n\n"+
		"Commands (ssh -p PORT HOST COMMAND; quote the whole line once more when an argument has spaces):\n%s\n"+
		"Screens (ssh -t -p PORT HOST SCREEN; no command opens the review queue):\n%s\n"+
		"ssh -p PORT HOST help COMMAND shows one command's help.\n",
		who.ID, who.Role, list(served), list(screens))
	return err
}

// invocation is how the user runs the command line args where they are:
// over ssh through the server, else the local command, on the store --db
// named: without it, pasted as printed, the line would work on the
// default store.
func (g *globals) invocation(args string) string {
	if g.served != nil {
		return sshInvocation(args)
	}
	return "assessor " + args + dbFlag(g.db)
}

// dbFlag is --db db, for a command line a hint prints; "" without.
func dbFlag(db string) string {
	if db == "" {
		return ""
	}
	return " --db " + server.ShellWord(db)
}

// yourInvocation is invocation for a line the one who ran cmd runs next:
// locally it keeps whom they named, so that pasted as printed the line is
// allowed and audited as theirs, not the operator's (localLine).
func (g *globals) yourInvocation(cmd *cobra.Command, args string) string {
	if g.served != nil {
		return sshInvocation(args)
	}
	return localLine(cmd, args)
}

// localLine is the local command line args as the one who ran cmd runs
// it: on the store cmd's --db named, as whom it named (whoFlag). It reads
// cmd's flags, so it serves before cmd runs too (an argument's check).
func localLine(cmd *cobra.Command, args string) string {
	line := "assessor " + args
	if f := cmd.Flags().Lookup("db"); f != nil && f.Changed {
		// As given, empty too: --db "$STORE" with STORE unset is refused
		// as empty, not read as the default store.
		line += " --db " + server.ShellWord(f.Value.String())
	}
	if next, _, err := cmd.Root().Find(strings.Fields(args)); err == nil {
		line += whoFlag(cmd, next)
	}
	return line
}

// whoFlag is who acts in cmd as its command line named them (--as, else
// --reviewer), for a command line of next to paste: the flag as given, or
// --reviewer, which names the same person, when next takes no --as; ""
// when cmd named no one ($ASSESSOR_REVIEWER stays in the shell).
func whoFlag(cmd, next *cobra.Command) string {
	for _, name := range []string{"as", "reviewer"} {
		f := cmd.Flags().Lookup(name)
		if f == nil || !f.Changed {
			continue
		}
		if next.Flags().Lookup(name) == nil {
			name = "reviewer"
		}
		return " --" + name + " " + server.ShellWord(f.Value.String())
	}
	return ""
}

// sshInvocation is how an SSH user runs the command line args: with -t
// for a screen (sshLine). --as LEAD goes: over ssh the key names who acts.
func sshInvocation(args string) string {
	args = strings.ReplaceAll(args, " --as LEAD", "")
	start := "ssh -p PORT HOST"
	if _, p, ok := review.LookupCommand(strings.Fields(args)); ok && p.Where == review.Screen {
		start = "ssh -t -p PORT HOST"
	}
	return sshLine(start, args)
}

// sshLine is the command line args run over ssh, start being the ssh
// command ("ssh -p PORT HOST"). A line with quotes is quoted once more:
// ssh joins its arguments with spaces, so the quotes must reach the
// server inside another pair (quotingHint). A redirect of stdout (args
// ending "> FILE") is the client shell's, outside the quotes, under umask
// 077 (server.PrivateRedirect).
func sshLine(start, args string) string {
	args, file, toFile := strings.Cut(args, " > ")
	if strings.ContainsAny(args, `"'`) {
		args = server.ShellWord(args)
	}
	if toFile {
		return server.PrivateRedirect(start+" "+args, file)
	}
	return start + " " + args
}

// servedMark is the annotation on the root of a command tree that serve
// runs an SSH user's command line on.
const servedMark = "served"

// servedTree reports whether cmd is in such a tree.
func servedTree(cmd *cobra.Command) bool { return cmd.Root().Annotations[servedMark] != "" }

// asLead is invocation for a lead's command: locally it names the lead
// with --as, which over ssh the key already does.
func (g *globals) asLead(args string) string { return g.invocation(args + " --as LEAD") }

// quotingHint adds to an argument-count error of command name what
// usually caused it over ssh: the client joins its arguments with spaces,
// so quotes the local shell removed are gone by the time the server
// splits the line.
func quotingHint(name string, err error) error {
	var many tooManyArgs
	if errors.As(err, &many) || err != nil && strings.Contains(err.Error(), " arg(s), received ") {
		return fmt.Errorf("%w (over ssh quote the whole command line once more, so that quoted words stay one argument: %s)", err, sshInvocation(name+` … "two words"`))
	}
	return err
}

// isWord reports whether a command-line argument is not a flag.
func isWord(arg string) bool { return !strings.HasPrefix(arg, "-") }

// isHelp reports whether a command-line argument asks for help.
func isHelp(arg string) bool { return arg == "-h" || arg == "--help" }

// fromStdinOnly refuses a file on the server's disk for a command run
// over SSH: the user means a file on their own machine, which only
// reaches the server as stdin.
func (g *globals) fromStdinOnly(flag, name, example string) error {
	if g.served == nil || name == "-" {
		return nil
	}
	return fmt.Errorf("over ssh %s reads stdin, not a file on the server: %s", flag, example)
}
