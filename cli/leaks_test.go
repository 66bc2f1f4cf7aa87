package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"assessor/review"
)

// leadRoot is a command tree holding the lead and anonymity commands beside
// import and rubrics, bound to --db and --reviewer as New binds them, so
// these tests do not depend on how root.go registers them.
func leadRoot() *cobra.Command {
	g := &globals{}
	root := &cobra.Command{Use: "assessor", SilenceUsage: true, SilenceErrors: true}
	root.PersistentFlags().StringVar(&g.db, "db", "", "")
	root.PersistentFlags().StringVar(&g.reviewer, "reviewer", "nobody", "")
	root.AddCommand(importCmd(g), rubricsCmd(g), configCmd(g), leaksCmd(g), revealCmd(g), auditCmd(g),
		amendCmd(g), historyCmd(g), applicationsCmd(g), exportCmd(g), conflictsCmd(g))
	return root
}

// runLead runs leadRoot in-process and returns stdout and stderr apart.
func runLead(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	cmd := leadRoot()
	var out, errOut bytes.Buffer
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	cmd.SetIn(strings.NewReader(stdin))
	err = cmd.Execute()
	return out.String(), errOut.String(), err
}

// mustRun runs leadRoot and fails the test on error.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, err := runLead(t, "", args...)
	if err != nil {
		t.Fatalf("%s: %v\n%s%s", strings.Join(args, " "), err, out, errOut)
	}
	return out
}

// leadStore is a store with the known rubrics and history (applications
// A1..A5), a lead "lead-1" and a reviewer "rev-x".
func leadStore(t *testing.T) string {
	t.Helper()
	db := storeWithKnownRubrics(t)
	mustRun(t, "import", "../testdata/known/history.jsonl", "--db", db)
	addReviewers(t, db, review.Reviewer{ID: "lead-1", Role: review.RoleLead}, review.Reviewer{ID: "rev-x", Role: review.RoleReviewer})
	return db
}

// TestConfigLeaksAndLeaks: listed names are added, listed and removed;
// leaks is for leads and says where each leak is without printing the
// matched text.
func TestConfigLeaksAndLeaks(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	if out := mustRun(t, "config", "leaks", "list", "--db", db); !strings.Contains(out, "no names listed") {
		t.Errorf("empty list: %q", out)
	}
	if out := mustRun(t, "config", "leaks", "add", "Kapolei High", "kapolei high", "--db", db); out != "Kapolei High: added\nkapolei high: already listed\n" {
		t.Errorf("add: %q", out)
	}
	sub := `{"type":"submission","application":"L-1","credential":"df","attempt":1,"submitted_at":"2024-05-01T00:00:00Z",` +
		`"candidate":{"name":"Noor Haddad","email":"noor@example.org"},"parts":[{"title":"Part 1: Overview","text":"I am Noor Haddad at Kapolei High."},` +
		`{"title":"Part 2: Artifacts","text":"Mail noor@example.org","files":["haddad-samples.pdf"]}]}`
	if _, _, err := runLead(t, sub+"\n", "import", "-", "--no-files", "--db", db); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runLead(t, "", "leaks", "--db", db, "--as", "rev-x"); err == nil || !strings.Contains(err.Error(), "lead tools need role lead or admin") {
		t.Errorf("reviewer ran leaks: %v", err)
	}
	out := mustRun(t, "leaks", "--db", db, "--reviewer", "lead-1")
	for _, want := range []string{"HANDLE", "pending", "part 1", "Part 1: Overview", "candidate-name", "listed-name", "a file name of part 2", "candidate-email"} {
		if !strings.Contains(out, want) {
			t.Errorf("leaks output lacks %q:\n%s", want, out)
		}
	}
	for _, secret := range []string{"Noor", "Haddad", "noor@", "Kapolei", "L-1"} {
		if strings.Contains(out, secret) {
			t.Errorf("leaks output shows %q:\n%s", secret, out)
		}
	}
	if out := mustRun(t, "config", "leaks", "remove", "KAPOLEI HIGH", "--db", db); out != "KAPOLEI HIGH: removed\n" {
		t.Errorf("remove: %q", out)
	}
	if _, _, err := runLead(t, "", "config", "leaks", "remove", "Nowhere", "--db", db); err == nil {
		t.Error("removing an unlisted name succeeded")
	}
}
