package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"assessor/review"
	"assessor/store"
)

// TestHelpPagesOverSSH: a lead's help pages over ssh name every command as
// ssh runs it: a usage line with quotes is quoted once more, a screen is
// opened with ssh -t and no flags, a command in the text is an ssh line,
// and a local-only one stays local; --as is offered nowhere, --reviewer
// only where it picks whose rows a lead reads.
func TestHelpPagesOverSSH(t *testing.T) {
	t.Parallel()
	addr, key := servedWithKey(t, "lead-1")
	for _, tc := range []struct {
		line      string
		want, not []string
	}{
		{"help reveal",
			[]string{"\n  ssh -p PORT HOST 'reveal APPLICATION-OR-HANDLE --reason \"…\" [flags]'\n", "See them with: ssh -p PORT HOST audit"},
			[]string{"assessor", "--as", "--reviewer"}},
		{"leaks --help",
			[]string{"  ssh -p PORT HOST leaks show HANDLE", "\n  ssh -t -p PORT HOST leaks work ", "ssh -p PORT HOST config leaks require-worked", `Use "ssh -p PORT HOST leaks [command] --help"`},
			[]string{"assessor leaks", "--as"}},
		{"calibrate --help",
			[]string{"\n  ssh -t -p PORT HOST calibrate\n", "with: ssh -p PORT HOST calibration report"},
			[]string{"--credential", "--reviewer", "[--reviewer ID]"}},
		{"help export feedback",
			// One line per form: a | inside the umask form is a pipe.
			[]string{"\n  ssh -p PORT HOST export feedback [flags] --application ID-OR-HANDLE\n  (umask 077; ssh -p PORT HOST export feedback [flags] --all - > feedback.tar)\n"},
			[]string{"DIR|-", " | "}},
		{"help release",
			// One line per form, each quoted alone: one pair around
			// both sent the | to the server.
			[]string{"\n  ssh -p PORT HOST 'release HANDLE[#N] --reason \"…\" [flags]'\n  ssh -p PORT HOST release --list [flags]\n"},
			[]string{" | "}},
		{"calibration report --help",
			[]string{"[--reviewer ID]", "--reviewer string"},
			[]string{"--as"}},
	} {
		out, errOut, code := sshRun(t, addr, key, "", tc.line)
		if code != 0 {
			t.Fatalf("%s: %d %q", tc.line, code, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s over ssh lacks %q:\n%s", tc.line, w, out)
			}
		}
		if tc.line == "leaks --help" && column(out, "the flags in context") != column(out, "all of it on a screen") {
			t.Errorf("leaks --help over ssh: the table of subcommands is out of line:\n%s", out)
		}
		for _, n := range tc.not {
			if strings.Contains(out, n) {
				t.Errorf("%s over ssh has %q:\n%s", tc.line, n, out)
			}
		}
	}
}

// TestSSHFormKeepsLocalOnly: a local-only command named in a help page
// stays as it runs, on the server's machine.
func TestSSHFormKeepsLocalOnly(t *testing.T) {
	root := newRoot(&globals{})
	got := sshForm(root, "Stop assessor serve, run assessor compact, then assessor report; assessor is a tool.")
	if want := "Stop assessor serve, run assessor compact, then ssh -p PORT HOST report; assessor is a tool."; got != want {
		t.Errorf("sshForm:\n got %q\nwant %q", got, want)
	}
}

// column is where on its line text first starts in page, in characters.
func column(page, text string) int {
	before := page[:strings.Index(page, text)]
	return utf8.RuneCountInString(before[strings.LastIndex(before, "\n")+1:])
}

// TestHelpOverSSHFilesAsStreams: over ssh a command's file goes as stdin
// or stdout, so its usage line shows that (sshExample), not a FILE the
// server would refuse; and import's --compact, which needs the store to
// itself, is not offered.
func TestHelpOverSSHFilesAsStreams(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	addReviewers(t, db, review.Reviewer{ID: "adm-1", Role: review.RoleAdmin})
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	run := serveCommands(st)
	who := review.Reviewer{ID: "adm-1", Role: review.RoleAdmin}
	for line, want := range map[string]string{
		"import":        "ssh -p PORT HOST import [flags] - < submissions.jsonl",
		"backup":        "(umask 077; ssh -p PORT HOST backup [flags] > copy.db)",
		"rubrics add":   "ssh -p PORT HOST rubrics add [flags] - < rubric.md",
		"export badges": "(umask 077; ssh -p PORT HOST export badges [flags] - > badges.tar)",
	} {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), who, append(strings.Fields(line), "--help"), strings.NewReader(""), &out, &errOut); err != nil {
			t.Fatalf("%s --help: %v %s", line, err, errOut.String())
		}
		if !strings.Contains(out.String(), "Usage:\n  "+want+"\n") || strings.Contains(out.String(), "--compact") {
			t.Errorf("%s --help over ssh: want usage %q and no --compact:\n%s", line, want, out.String())
		}
	}
}

// TestNoHelpOverSSHOffersAs: no served command's help page over ssh names
// --as, which there can only repeat the key's owner, however its text is
// wrapped, nor offers the flags serve refuses (--files, --compact).
func TestNoHelpOverSSHOffersAs(t *testing.T) {
	t.Parallel()
	addr, key := servedWithKey(t, "admin-1", "--role", "admin")
	for _, name := range review.Served(review.RoleAdmin) {
		out, errOut, code := sshRun(t, addr, key, "", "help "+name)
		if code != 0 || strings.Contains(out, "--as") || strings.Contains(out, "--files string") || strings.Contains(out, "--compact ") {
			t.Errorf("help %s over ssh: %d %q names --as, --files or --compact:\n%s", name, code, errOut, out)
		}
	}
}
