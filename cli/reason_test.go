package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"assessor/review"
)

// reasonArgs are the arguments each command taking --reason is tried with.
var reasonArgs = map[string][]string{
	"amend":                 {"CE-YA97", "--level", "C2=meets"},
	"conflicts near-misses": nil,
	"leaks clear":           {"CE-YA97", "1"},
	"leaks redact":          {"CE-YA97", "1"},
	"leaks show":            {"CE-YA97"},
	"release":               {"CE-YA97"},
	"reveal":                {"CE-YA97"},
	"reviewers keys remove": {"rev-9", "SHA256:abc"},
	"reviewers remove":      {"rev-9"},
	"revoke":                {"urn:uuid:x"},
}

// TestReasonBounded: every command that takes --reason refuses one over
// review.MaxReason characters with one line naming the flag, before any
// store is opened (so it costs no lock and writes nothing), and takes one
// of exactly that many characters past its check.
func TestReasonBounded(t *testing.T) {
	n := 0
	walk(New(), func(c *cobra.Command) {
		if c.Flags().Lookup("reason") == nil {
			return
		}
		name := commandName(c)
		args, ok := reasonArgs[name]
		if !ok {
			t.Errorf("%s takes --reason: add it to reasonArgs", name)
			return
		}
		n++
		db := filepath.Join(t.TempDir(), "none.db")
		cmd := append(strings.Fields(name), args...)
		_, err := run(t, "", append(cmd, "--reason", strings.Repeat("é", review.MaxReason+1), "--db", db)...)
		if want := "--reason: a reason is at most 500 characters; this one has 501"; err == nil || err.Error() != want {
			t.Errorf("%s with a long reason: %v; want %q", name, err, want)
		}
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Errorf("%s with a long reason opened the store: %v", name, err)
		}
		_, err = run(t, "", append(cmd, "--reason", strings.Repeat("é", review.MaxReason), "--db", db)...)
		if err == nil || strings.Contains(err.Error(), "reason") {
			t.Errorf("%s with a reason at the bound: %v; want it past the reason's check", name, err)
		}
	})
	if n != len(reasonArgs) {
		t.Errorf("%d commands take --reason, %d listed", n, len(reasonArgs))
	}
}
