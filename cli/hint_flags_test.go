package cli

import (
	"io"
	"strings"
	"testing"
)

// The flags a hint's line to paste keeps, where the line's own tests
// (TestHintsNameWhoActs, TestStreamsToTerminal) give each flag alone:
// --as given with --reviewer, a flag given empty, and no --db at all.

// TestStreamHintKeepsFlagsAsGiven: with both --as and --reviewer given,
// the command acts as --as, and so does the line its refusal on a terminal
// prints (naming --reviewer instead, pasted as printed it ran, and was
// audited, as someone else); a flag given empty (--feedback-url "") is
// kept as ” (printed bare, the pasted line took --db as the URL).
func TestStreamHintKeepsFlagsAsGiven(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	for _, c := range []struct {
		flags []string
		want  string
	}{
		{[]string{"--as", "lead-1", "--reviewer", "rev-01"}, " --db " + db + " --as lead-1"},
		{[]string{"--feedback-url", ""}, " --feedback-url '' --db " + db},
	} {
		root := New()
		root.SetArgs(append(append([]string{"export", "badges", "-"}, c.flags...), "--db", db))
		root.SetOut(terminalOut(t))
		root.SetErr(io.Discard)
		want := "export badges -: stdout is a terminal; redirect it to a file: (umask 077; assessor export badges -" + c.want + " > badges.tar)"
		if err := root.Execute(); err == nil || err.Error() != want {
			t.Errorf("export badges - %q to a terminal: %v, want %q", c.flags, err, want)
		}
	}
}

// TestHintWithoutDBNamesNoStore: a hint's line for a command run on the
// default store (no --db) gives no --db either: pasted as printed it runs
// on the same store, where --db ” is refused as empty.
func TestHintWithoutDBNamesNoStore(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	t.Setenv(reviewerEnv, "")
	if out, err := run(t, "", "demo", "--build-only", "--applications", "6"); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	out, err := run(t, "", "applications", "--credential", "XX")
	if want := "(assessor rubrics list names them)"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("applications --credential XX on the default store: %v\n%s\nwant %q", err, out, want)
	}
}
