package server

import (
	"context"
	"io"
	"strings"
	"testing"

	"assessor/review"
)

// TestParseCommand: an SSH command line splits by POSIX shell quoting, as
// a local shell would split it, and nothing in it is expanded.
func TestParseCommand(t *testing.T) {
	t.Parallel()
	ok := []struct {
		line string
		want []string
	}{
		{``, nil},
		{`reveal CE-YA97 --reason "ssh reveal"`, []string{"reveal", "CE-YA97", "--reason", "ssh reveal"}},
		{`reveal CE-YA97 --reason 'ssh reveal'`, []string{"reveal", "CE-YA97", "--reason", "ssh reveal"}},
		{`reveal CE-YA97 --reason=ssh\ reveal`, []string{"reveal", "CE-YA97", "--reason=ssh reveal"}},
		{`reveal CE-YA97 --reason="élève à l'école, 学校"`, []string{"reveal", "CE-YA97", "--reason=élève à l'école, 学校"}},
		{`amend DF-7KQ2#2 --reason "it's \"fixed\""`, []string{"amend", "DF-7KQ2#2", "--reason", `it's "fixed"`}},
		{`snippets add ""  -`, []string{"snippets", "add", "", "-"}},
		// Literal text: no globbing, no home directory, no comment inside a word.
		{`history * ~ a?b '$HOME'`, []string{"history", "*", "~", "a?b", "$HOME"}},
		// No account of the server's host is looked up.
		{`rubrics show ~root ~root/x ~/y ~nobody-here`, []string{"rubrics", "show", "~root", "~root/x", "~/y", "~nobody-here"}},
		{`snippets add C1 ~\ root ~approx\$5 ~a\"b ~"x"`, []string{"snippets", "add", "C1", "~ root", "~approx$5", `~a"b`, "~x"}},
		// Braces a shell leaves as they are.
		{`reveal X --reason {x} {} \{a,b\} "{a,b}" a{b`, []string{"reveal", "X", "--reason", "{x}", "{}", "{a,b}", "{a,b}", "a{b"}},
		{`report # a comment`, []string{"report"}},
		{`reveal X --reason \$'a' "b\\"'c' a$ '$'"$"`, []string{"reveal", "X", "--reason", "$a", `b\c`, "a$", "$$"}},
	}
	for _, c := range ok {
		got, err := parseCommand(c.line)
		if err != nil || strings.Join(got, "|") != strings.Join(c.want, "|") || len(got) != len(c.want) {
			t.Errorf("parseCommand(%q) = %q, %v; want %q", c.line, got, err, c.want)
		}
	}
	bad := []struct{ line, says string }{
		{`reveal X --reason "unclosed`, "without closing quote"},
		{`report $HOME`, "nothing is expanded: $HOME"},
		{`report "$(id)"`, "nothing is expanded: $(id)"},
		{"report `id`", "nothing is expanded: `id` would be"},
		{`report {a,b}`, "nothing is expanded: {a,b}"},
		{`report x{1..3}y`, "nothing is expanded: x{1..3}y"},
		{`report {a,b}""`, `nothing is expanded: {a,b}""`},
		{`report ''x{1..3}`, "nothing is expanded: ''x{1..3}"},
		{`report {a,"b"}`, `nothing is expanded: {a,"b"}`},
		{`reveal X --reason $'esc\e[31m'`, `$'…' and $"…" are not read as bash reads them`},
		{`reveal X --reason a$"dq"`, `$'…' and $"…" are not read`},
		{`reveal X --reason \\$'x'`, `$'…' and $"…" are not read`},
		{`report; backup`, "one assessor command"},
		{`report > /tmp/x`, "one assessor command"},
		{`report | sh`, "one assessor command"},
		{`X=1 report`, "one assessor command"},
		{strings.Repeat("a", maxCommandLine+1), "over 8192 bytes"},
	}
	for _, c := range bad {
		if _, err := parseCommand(c.line); err == nil || !strings.Contains(err.Error(), c.says) || strings.Contains(err.Error(), "\n") {
			t.Errorf("parseCommand(%q): %v, want one line with %q", c.line, err, c.says)
		}
	}
}

// TestCommandLineOverSSH: the arguments a command receives over SSH are the
// quoted words the client sent, non-ASCII included; a line that cannot be
// parsed gets one line on stderr, exit status 1, and runs nothing.
func TestCommandLineOverSSH(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 5)
	lead := addReviewer(t, st, "lead-1", review.RoleLead)
	var got [][]string
	commands := func(_ context.Context, _ review.Reviewer, args []string, _ io.Reader, _, _ io.Writer) error {
		got = append(got, args)
		return nil
	}
	_, addr := startServer(t, st, Config{Commands: commands})
	if _, stderr, err := runCommand(t, addr, lead, `reveal CE-YA97 --reason "ssh révélé, 学校" --x='a b'`); err != nil {
		t.Fatalf("reveal: %v %q", err, stderr)
	}
	if len(got) != 1 || strings.Join(got[0], "|") != "reveal|CE-YA97|--reason|ssh révélé, 学校|--x=a b" {
		t.Fatalf("arguments received: %q", got)
	}
	_, stderr, err := runCommand(t, addr, lead, `reveal CE-YA97 --reason "cut`)
	if err == nil || stderr != "assessor: command line, at character 25: reached the end without closing quote \"\n" || strings.Count(strings.TrimSpace(stderr), "\n") > 0 || len(got) != 1 {
		t.Fatalf("unclosed quote: %v %q (ran %q)", err, stderr, got)
	}
}

// TestBracesRefusedBeforeExpanding: a few bytes of braces would expand to
// hundreds of thousands of words; they are refused before any is made.
// Not parallel: AllocsPerRun counts the whole process's allocations.
func TestBracesRefusedBeforeExpanding(t *testing.T) {
	for _, line := range []string{"rubrics list {1..300000}", strings.Repeat("{a,b}", 17), "rubrics list " + strings.Repeat("{", 8000)} {
		var err error
		allocs := testing.AllocsPerRun(1, func() { _, err = parseCommand(line) })
		if err == nil || !strings.Contains(err.Error(), "nothing is expanded") || allocs > 5000 || len(err.Error()) > 200 {
			t.Errorf("parseCommand(%q): %v after %.0f allocations", line, err, allocs)
		}
	}
}
