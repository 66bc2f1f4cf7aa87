package cli

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// argWord is an argument in a command's Use line: HANDLE, FILE|-, TEXT|-,
// NAME..., not a flag's value.
var argWord = regexp.MustCompile(`^[A-Z][A-Z|.-]*$`)

// takesArg reports whether cmd's Use line names an argument after its
// name: flags, their values and [optional] parts aside.
func takesArg(cmd *cobra.Command) bool {
	words := strings.Fields(cmd.Use)
	depth := 0
	for i := 1; i < len(words); i++ {
		w := words[i]
		depth += strings.Count(w, "[") - strings.Count(w, "]")
		switch {
		case depth > 0 || strings.HasSuffix(w, "]"):
		case strings.HasPrefix(w, "-"):
			if !strings.Contains(w, "=") {
				i++ // its value
			}
		case argWord.MatchString(w):
			return true
		}
	}
	return false
}

// walk calls fn on every command below root.
func walk(root *cobra.Command, fn func(*cobra.Command)) {
	for _, c := range root.Commands() {
		fn(c)
		walk(c, fn)
	}
}

// TestMissingArgument: every command that takes an argument, run without
// it, fails with one line naming the command, what it needs and an
// example, before any store is opened.
func TestMissingArgument(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	n := 0
	walk(New(), func(c *cobra.Command) {
		if !takesArg(c) {
			return
		}
		n++
		name := commandName(c)
		args := append(strings.Fields(name), "--db", db)
		_, err := run(t, "", args...)
		if err == nil || !strings.HasPrefix(err.Error(), name+" needs ") || !strings.Contains(err.Error(), ", e.g. assessor "+name+" ") ||
			strings.Contains(err.Error(), "\n") {
			t.Errorf("%s with no argument: %v", name, err)
		}
	})
	if n < 16 {
		t.Fatalf("only %d commands take an argument: is the Use line check broken?", n)
	}
	out, err := run(t, "", "history", "CE-1", "CE-2", "--db", db)
	if want := "history takes 1 argument, an application handle; got 2: CE-1 CE-2"; err == nil || err.Error() != want {
		t.Errorf("history with two arguments: %v, %q; want %q", err, out, want)
	}
	// A shell's glob: the count, and the first few, not every name.
	many := []string{"rubrics", "add"}
	for i := range 240 {
		many = append(many, fmt.Sprintf("r/cred-%03d.md", i))
	}
	_, err = run(t, "", append(many, "--db", db)...)
	if want := "rubrics add takes 1 argument, a rubric file, a directory of them, or - for stdin; got 240: r/cred-000.md r/cred-001.md r/cred-002.md r/cred-003.md r/cred-004.md …"; err == nil || err.Error() != want {
		t.Errorf("rubrics add of 240 files: %v; want %q", err, want)
	}
	// A required flag left out: which, and where to read about it.
	_, err = run(t, "", "snippets", "add", "Name one strength.", "--db", db)
	if want := `required flag(s) "credential", "criterion" not set (assessor snippets add --help)`; err == nil || err.Error() != want {
		t.Errorf("snippets add without its flags: %v; want %q", err, want)
	}
}

// TestUnknownSubcommand: a command group given a word that is none of
// its subcommands fails with one line; alone it still shows its help.
func TestUnknownSubcommand(t *testing.T) {
	n := 0
	walk(New(), func(c *cobra.Command) {
		if !c.HasSubCommands() {
			return
		}
		n++
		name := commandName(c)
		_, err := run(t, "", append(strings.Fields(name), "nosuch")...)
		if err == nil || !strings.HasPrefix(err.Error(), name+` has no subcommand "nosuch"; it has `) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s nosuch: %v", name, err)
		}
		// A group that runs something of its own alone (leaks lists the
		// open flags) is not a help page.
		if c.Runnable() && c.RunE != nil && !isGroupRun(c) {
			return
		}
		if out, err := run(t, "", strings.Fields(name)...); err != nil || !strings.Contains(out, "Available Commands:") {
			t.Errorf("%s alone: %v\n%s", name, err, out)
		}
	})
	if n < 5 {
		t.Fatalf("only %d command groups", n)
	}
	_, err := run(t, "", "hisotry")
	if want := `unknown command "hisotry"; did you mean history? (assessor --help lists them)`; err == nil || err.Error() != want {
		t.Errorf("assessor hisotry: %v, want %q", err, want)
	}
	// help fails alike on what it does not know (cobra printed the root's
	// help and exited 0), and prints a command's own help.
	_, err = run(t, "", "help", "hisotry")
	if want := `unknown command "hisotry"; did you mean history? (assessor --help lists them)`; err == nil || err.Error() != want {
		t.Errorf("assessor help hisotry: %v, want %q", err, want)
	}
	if _, err := run(t, "", "help", "reviewers", "nosuch"); err == nil || !strings.HasPrefix(err.Error(), `reviewers has no subcommand "nosuch"; it has `) {
		t.Errorf("assessor help reviewers nosuch: %v", err)
	}
	if out, err := run(t, "", "help", "reviewers", "add"); err != nil || !strings.Contains(out, "assessor reviewers add ID") {
		t.Errorf("assessor help reviewers add: %v\n%s", err, out)
	}
	// What completion scripts run answers (it had no row, so every
	// script completed nothing).
	if out, err := run(t, "", "__complete", "rev"); err != nil || !strings.Contains(out, "review\t") || !strings.Contains(out, "reviewers\t") {
		t.Errorf("assessor __complete rev: %v\n%s", err, out)
	}
}

// isGroupRun reports whether c runs groupRun (strictGroups set it).
func isGroupRun(c *cobra.Command) bool {
	return fmt.Sprintf("%p", c.RunE) == fmt.Sprintf("%p", groupRun)
}

// TestTakesArg: the Use lines that name an argument, and those that only
// name flags.
func TestTakesArg(t *testing.T) {
	for use, want := range map[string]bool{
		"history HANDLE": true,
		"add --credential ID --criterion C2 [--shared] TEXT|-": true,
		"feedback --application ID-OR-HANDLE | --all DIR|-":    false,
		"issuer [--name NAME] [--url URL]":                     false,
		"report [--reviewer ID] [--format table|json]":         false,
		"list": false,
	} {
		if got := takesArg(&cobra.Command{Use: use}); got != want {
			t.Errorf("takesArg(%q) = %v, want %v", use, got, want)
		}
	}
}
