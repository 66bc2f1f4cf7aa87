package cli

import (
	"assessor/review"
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"assessor/store"
)

// runSnippets runs `assessor snippets …` on a root that has the command;
// root.go wires it in New, which this test does not depend on.
func runSnippets(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	g := &globals{}
	root := &cobra.Command{Use: "assessor", SilenceUsage: true, SilenceErrors: true}
	root.PersistentFlags().StringVar(&g.db, "db", "", "")
	root.PersistentFlags().StringVar(&g.reviewer, "reviewer", "rev-a", "")
	root.AddCommand(snippetsCmd(g))
	var out bytes.Buffer
	root.SetArgs(append([]string{"snippets"}, args...))
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetIn(strings.NewReader(stdin))
	err := root.Execute()
	return out.String(), err
}

// TestSnippetsCommands: a lead adds shared snippets, a plain reviewer only
// their own; list shows the shared ones and the actor's own, never
// another's; a plain reviewer cannot remove a shared snippet.
func TestSnippetsCommands(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	addReviewers(t, db, review.Reviewer{ID: "lead-1", Role: review.RoleLead}, review.Reviewer{ID: "rev-a", Role: review.RoleReviewer})
	must := func(stdin string, args ...string) string {
		t.Helper()
		out, err := runSnippets(t, stdin, append(args, "--db", db)...)
		if err != nil {
			t.Fatalf("snippets %v: %v\n%s", args, err, out)
		}
		return out
	}

	out := must("", "add", "--credential", "df", "--criterion", "C2", "--shared", "--as", "lead-1", "Name the evidence for each claim.")
	if !strings.Contains(out, "added shared snippet 1 to df C2") {
		t.Errorf("add --shared said %q", out)
	}
	// A plain reviewer: personal by default (here the global --reviewer), refused when shared.
	must("Line one.\nLine two.\n", "add", "--credential", "df", "--criterion", "C2", "-")
	_, err := runSnippets(t, "", "add", "--credential", "df", "--criterion", "C2", "--shared", "Nope.", "--db", db)
	if !errors.Is(err, store.ErrSnippetNotAllowed) || !strings.Contains(err.Error(), "--as") {
		t.Errorf("shared add by a plain reviewer: %v, want ErrSnippetNotAllowed naming --as", err)
	}
	if _, err := runSnippets(t, "", "add", "--credential", "df", "--criterion", "C9", "x", "--db", db); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("add to an unknown criterion: %v, want ErrNotFound", err)
	}

	// An escape sequence would reach every screen the snippet is inserted
	// on; a CRLF file is only a Windows editor's line ends.
	if _, err := runSnippets(t, "plain \x1b]0;TITLE\x07 text", "add", "--credential", "df", "--criterion", "C2", "-", "--db", db); !errors.Is(err, review.ErrSnippetControl) || strings.Contains(err.Error(), "\n") {
		t.Errorf("add with an escape sequence: %v, want one line of ErrSnippetControl", err)
	}
	must("Windows one.\r\nWindows two.\r\n", "add", "--credential", "df", "--criterion", "C1", "-")
	if out := must("", "list", "--credential", "df", "--criterion", "C1"); !strings.Contains(out, "Windows one. ⏎") {
		t.Errorf("the CRLF snippet:\n%s", out)
	}

	out = must("", "list", "--credential", "df", "--criterion", "C2")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.Contains(lines[1], "shared") || !strings.Contains(lines[1], "Name the evidence") ||
		!strings.Contains(lines[2], "mine") || !strings.Contains(lines[2], "Line one. ⏎") {
		t.Errorf("list as rev-a:\n%s", out)
	}
	if out := must("", "list", "--as", "lead-1"); strings.Contains(out, "Line one") {
		t.Errorf("the lead sees rev-a's personal snippet:\n%s", out)
	}
	if out := must("", "list", "--shared"); strings.Contains(out, "Line one") || !strings.Contains(out, "Name the evidence") {
		t.Errorf("list --shared:\n%s", out)
	}

	if _, err := runSnippets(t, "", "remove", "1", "--db", db); !errors.Is(err, store.ErrSnippetNotAllowed) {
		t.Errorf("plain reviewer removing a shared snippet: %v", err)
	}
	if out := must("", "remove", "1", "--as", "lead-1"); !strings.Contains(out, "removed snippet 1") {
		t.Errorf("remove said %q", out)
	}
	if out := must("", "list", "--as", "lead-1"); strings.Contains(out, "Name the evidence") {
		t.Errorf("removed snippet still listed:\n%s", out)
	}
}

// TestSnippetPreviewOneLine: a snippet stored before snippets were checked
// may hold a lone "\r", which a terminal's text turns into a line end; the
// list's preview stays on its row.
func TestSnippetPreviewOneLine(t *testing.T) {
	got := snippetPreview(review.Snippet{Text: "EVIL and\r cleared\x1b[2J\nsecond line"})
	if strings.ContainsAny(got, "\r\n\x1b") || !strings.HasPrefix(got, "EVIL and ⏎") {
		t.Errorf("snippetPreview = %q, want the first line only, marked as one of several", got)
	}
}

// TestSnippetStdinWithLineEnd: a snippet of the most characters allowed,
// each of four bytes, piped in with the line end an editor or here-doc
// adds (CRLF too) is taken: the stored text is trimmed, and the byte cap
// on stdin leaves room for it.
func TestSnippetStdinWithLineEnd(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	addReviewers(t, db, review.Reviewer{ID: "rev-1"})
	text := strings.Repeat("😀", review.MaxSnippetChars)
	for _, end := range []string{"\n", "\r\n"} {
		if _, err := run(t, text+end, "snippets", "add", "--as", "rev-1", "--credential", "df", "--criterion", "C1", "-", "--db", db); err != nil {
			t.Errorf("a snippet of %d characters ending %q: %v", review.MaxSnippetChars, end, err)
		}
	}
	if _, err := run(t, text+"😀\n", "snippets", "add", "--as", "rev-1", "--credential", "df", "--criterion", "C1", "-", "--db", db); err == nil {
		t.Error("a snippet of one character more was taken")
	}
}
