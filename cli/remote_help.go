// Help pages as an SSH user reads them: every command written the way it
// runs over ssh, and no flag that names who acts, which the key does.

package cli

import (
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"assessor/review"
)

// sshHelp makes every help page of the served tree root read as over
// ssh: the local page, with commands rewritten by sshForm and --as and
// --reviewer hidden (over ssh they may only name the key's owner), but
// for --reviewer where it picks whose rows to read, and --compact, which
// serve refuses.
func sshHelp(root *cobra.Command) {
	local := root.HelpFunc()
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		// --compact needs the store to itself, which serve holds, and
		// --files names a folder the server would read: serve refuses both.
		hide := []string{"as", "compact", "files", "reviewer"}
		if c.Annotations[rowsFlag] != "" {
			hide = hide[:3] // --reviewer picks whose rows a lead reads
		}
		for p := c; p != nil; p = p.Parent() {
			for _, name := range hide {
				if f := p.Flags().Lookup(name); f != nil {
					f.Hidden = true
				}
				if f := p.PersistentFlags().Lookup(name); f != nil {
					f.Hidden = true
				}
			}
		}
		if p, ok := review.Permissions[commandName(c)]; ok && p.Where == review.Screen {
			// ssh opens a screen named alone, with no flags.
			c.Flags().VisitAll(func(f *pflag.Flag) { f.Hidden = f.Name != "help" })
		}
		out := c.OutOrStdout()
		var page strings.Builder
		c.SetOut(&page)
		local(c, args)
		c.SetOut(out)
		_, _ = out.Write([]byte(sshForm(root, page.String())))
	})
}

// localCommand is "assessor" and the words after it that may name a
// command; usageLine is a help page's usage line of a command.
var (
	localCommand = regexp.MustCompile(`assessor( [a-z][a-z-]*)+`)
	usageLine    = regexp.MustCompile(`(?m)^  assessor .+$`)
	// asFlag is how help texts offer --as, which over ssh only repeats
	// the key's owner.
	asFlag = strings.NewReplacer(" [--as LEAD]", "", " --as LEAD", "", " (--as, default --reviewer)", "")
)

// sshForm rewrites a local help page for ssh: a usage line becomes the
// ssh command line, quoted once more when it holds quotes (a screen's has
// no flags, a file's goes as stdin or stdout, sshExample); a command
// named in the text is run as ssh runs it (ssh -t for a screen); a
// local-only command and anything else called assessor stay as they are.
func sshForm(root *cobra.Command, page string) string {
	page = asFlag.Replace(page)
	if long, usage, ok := strings.Cut(page, "\nUsage:\n"); ok {
		page = long + "\nUsage:\n" + usageLine.ReplaceAllStringFunc(usage, func(line string) string {
			rest := strings.TrimPrefix(line, "  assessor ")
			run, ok := sshStart(root, rest)
			if !ok {
				return line
			}
			c, _, _ := root.Find(strings.Fields(rest))
			if strings.HasPrefix(run, "ssh -t") {
				return "  " + run + commandName(c)
			}
			if ex, ok := c.Annotations[sshExample]; ok {
				// Its file goes as stdin or stdout, not by name. Forms
				// apart ("A | B") go on lines apart: a | inside the
				// umask form of a redirect would be a pipe.
				var lines []string
				for _, form := range strings.Split(ex, " | ") {
					lines = append(lines, "  "+sshInvocation(commandName(c)+" [flags] "+form))
				}
				return strings.Join(lines, "\n")
			}
			// Forms apart ("release HANDLE --reason … | release
			// --list") go on lines apart too, each quoted alone: one
			// pair of quotes around both sent the | to the server.
			forms := strings.Split(rest, " | ")
			flags := ""
			if n := len(forms) - 1; n > 0 && strings.HasSuffix(forms[n], " [flags]") {
				forms[n], flags = strings.TrimSuffix(forms[n], " [flags]"), " [flags]"
			}
			var lines []string
			for _, form := range forms {
				lines = append(lines, "  "+run+strings.TrimPrefix(sshInvocation(form+flags), "ssh -p PORT HOST "))
			}
			return strings.Join(lines, "\n")
		})
	}
	var b strings.Builder
	last := 0
	for _, m := range localCommand.FindAllStringIndex(page, -1) {
		rest := page[m[0]+len("assessor ") : m[1]]
		run, ok := sshStart(root, rest)
		if !ok {
			continue
		}
		b.WriteString(page[last:m[0]])
		b.WriteString(run + rest)
		last = m[1]
		// In a table of commands, the spaces after a screen take up its
		// -t, so the column after the commands stays in line.
		grown := len(run) - len("ssh -p PORT HOST ")
		if spaces := len(page[last:]) - len(strings.TrimLeft(page[last:], " ")); spaces >= grown+2 {
			last += grown
		}
	}
	return b.String() + page[last:]
}

// sshStart is how ssh starts the command that line begins with, and
// whether it runs over ssh at all.
func sshStart(root *cobra.Command, line string) (string, bool) {
	words := strings.Fields(line)
	c, _, err := root.Find(words)
	if err != nil || c == root {
		return "", false
	}
	p, ok := review.Permissions[commandName(c)]
	switch {
	case ok && p.Where == review.LocalOnly:
		return "", false
	case ok && p.Where == review.Screen && !c.HasSubCommands():
		return "ssh -t -p PORT HOST ", true
	}
	return "ssh -p PORT HOST ", true
}
