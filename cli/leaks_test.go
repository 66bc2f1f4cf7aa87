package cli

import (
	"path/filepath"
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
	return executeSplit(leadRoot(), stdin, args...)
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
	// A bad name fails the whole command before anything is stored.
	if out, err := run(t, "", "config", "leaks", "add", "Waianae", "", "--db", db); err == nil || out != "" || !strings.Contains(err.Error(), "name 2 of 2: listed name: invalid: it is empty") {
		t.Errorf("add with an empty name: %v %q", err, out)
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
	// The candidate's own name and e-mail were redacted at import: only
	// the listed school is an open flag.
	for _, want := range []string{"HANDLE", "pending", "part 1", "Part 1: Overview", "listed-name"} {
		if !strings.Contains(out, want) {
			t.Errorf("leaks output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "candidate-name") || strings.Contains(out, "candidate-email") {
		t.Errorf("redacted values listed as open flags:\n%s", out)
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

// TestLeaksWork: a lead reads an attempt's flags in context and what
// import redacted, redacts and clears flags with a reason, and each step
// reaches the audit log; reviewers can do none of it, and the policy
// command turns the claim hold on.
func TestLeaksWork(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	mustRun(t, "config", "leaks", "add", "Kapolei High", "--db", db)
	sub := `{"type":"submission","application":"L-1","credential":"df","attempt":1,"submitted_at":"2024-05-01T00:00:00Z",` +
		`"candidate":{"name":"Noor Haddad","email":"noor@example.org"},"parts":[{"title":"Part 1: Overview","text":"I am Noor Haddad at Kapolei High. Ask kim@example.org."},` +
		`{"title":"Part 2: Artifacts","text":"Mail noor@example.org"}]}`
	if _, _, err := runLead(t, sub+"\n", "import", "-", "--no-files", "--db", db); err != nil {
		t.Fatal(err)
	}
	handle := strings.Fields(strings.Split(mustRun(t, "leaks", "--db", db, "--reviewer", "lead-1"), "\n")[1])[0]
	lead := []string{"--db", db, "--reviewer", "lead-1"}
	if _, _, err := runLead(t, "", "leaks", "show", handle, "--db", db, "--reviewer", "lead-1"); err == nil || !strings.HasPrefix(err.Error(), "leaks show needs --reason: ") {
		t.Fatalf("show without a reason: %v", err)
	}
	if _, _, err := runLead(t, "", "leaks", "show", handle, "--reason", "x", "--db", db, "--reviewer", "rev-x"); err == nil {
		t.Fatal("a reviewer read the flags")
	}
	out := mustRun(t, append([]string{"leaks", "show", handle, "--reason", "weekly check"}, lead...)...)
	for _, want := range []string{
		"1. part 1 (listed-name): I am [candidate name] at ⟦Kapolei High⟧. Ask kim@example.org.",
		"2. part 1 (email): I am [candidate name] at Kapolei High. Ask ⟦kim@example.org⟧.",
		"part 1 (candidate-name): I am ⟦Noor Haddad⟧ at Kapolei High.",
		"part 2 (candidate-email): Mail ⟦noor@example.org⟧",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("leaks show lacks %q:\n%s", want, out)
		}
	}
	if _, _, err := runLead(t, "", append([]string{"leaks", "redact", handle, "1"}, lead...)...); err == nil || !strings.HasPrefix(err.Error(), "leaks redact needs --reason: ") {
		t.Errorf("redact without a reason: %v", err)
	}
	// Each line names the flag it worked, and says the numbers after it
	// moved up, so the second command's 1 is the address.
	if out := mustRun(t, append([]string{"leaks", "redact", handle, "1", "--reason", "names the school"}, lead...)...); !strings.Contains(out,
		handle+": flag 1 (listed-name, part 1) redacted; the open flags after it are numbered one less now (1 left: leaks show "+handle+")") {
		t.Errorf("leaks redact said:\n%s", out)
	}
	if out := mustRun(t, append([]string{"leaks", "clear", handle, "1", "--reason", "the district office"}, lead...)...); !strings.Contains(out, handle+": flag 1 (email, part 1) cleared; recorded") {
		t.Errorf("leaks clear said:\n%s", out)
	}
	if out := mustRun(t, append([]string{"leaks"}, lead...)...); !strings.Contains(out, "no attempt has open flags") {
		t.Errorf("leaks after working both:\n%s", out)
	}
	out = mustRun(t, append([]string{"leaks", "show", handle, "--reason", "confirm"}, lead...)...)
	for _, want := range []string{"Open flags:\n  none", "redact part 1 (listed-name): names the school", "clear part 1 (email): the district office"} {
		if !strings.Contains(out, want) {
			t.Errorf("leaks show after work lacks %q:\n%s", want, out)
		}
	}
	audit := mustRun(t, append([]string{"audit"}, lead...)...)
	for _, want := range []string{"show flags", "redact flag", "clear flag", "names the school"} {
		if !strings.Contains(audit, want) {
			t.Errorf("audit lacks %q:\n%s", want, audit)
		}
	}
	if out := mustRun(t, "config", "leaks", "require-worked", "on", "--db", db); out != "require-worked: on\n" {
		t.Errorf("require-worked: %q", out)
	}
	if out := mustRun(t, "config", "leaks", "require-worked", "--db", db); out != "require-worked: on\n" {
		t.Errorf("require-worked read back: %q", out)
	}
}

// TestLeaksScreenIsForLeads: leaks work refuses a reviewer with the lead
// tools' one line before any screen opens.
func TestLeaksScreenIsForLeads(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	_, _, err := runLead(t, "", "leaks", "work", "--db", db, "--reviewer", "rev-x")
	if err == nil || !strings.Contains(err.Error(), "lead tools need role lead or admin") {
		t.Fatalf("leaks work as a reviewer: %v", err)
	}
}

// TestLeaksReleaseFiles: `leaks clear HANDLE f1` names the file's place,
// and says the redacted files after it moved up, as a flag's line does.
func TestLeaksReleaseFiles(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	dir := t.TempDir()
	putFile(t, filepath.Join(dir, "a.txt"), "Prepared by Noor Haddad")
	putFile(t, filepath.Join(dir, "b.txt"), "Signed, Noor Haddad")
	sub := `{"type":"submission","application":"L-2","credential":"df","attempt":1,"submitted_at":"2024-05-01T00:00:00Z",` +
		`"candidate":{"name":"Noor Haddad"},"parts":[{"title":"Part 1: Overview","text":"Plans.","files":["a.txt","b.txt"]}]}`
	in := filepath.Join(dir, "in.jsonl")
	putFile(t, in, sub+"\n")
	mustRun(t, "import", in, "--db", db)
	handle, lead := "L-2#1", []string{"--db", db, "--reviewer", "lead-1"}
	if out := mustRun(t, append([]string{"leaks", "clear", handle, "f1", "--reason", "agreed"}, lead...)...); !strings.Contains(out,
		handle+": file f1 (part 1, file 1) released to reviewers as submitted; the redacted files after it are numbered one less now (1 left: leaks show "+handle+"); recorded") {
		t.Errorf("the first release said:\n%s", out)
	}
	if out := mustRun(t, append([]string{"leaks", "clear", handle, "f1", "--reason", "agreed"}, lead...)...); !strings.Contains(out,
		handle+": file f1 (part 1, file 2) released to reviewers as submitted; recorded") {
		t.Errorf("the second release said:\n%s", out)
	}
}

// TestLeaksShowListsRedactedFiles: leaks show lists the files reviewers
// read as redacted text with their fN numbers, which leaks clear takes;
// leaks redact refuses an fN (only clear releases a file).
func TestLeaksShowListsRedactedFiles(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	dir := t.TempDir()
	putFile(t, filepath.Join(dir, "a.txt"), "Prepared by Noor Haddad")
	sub := `{"type":"submission","application":"L-2","credential":"df","attempt":1,"submitted_at":"2024-05-01T00:00:00Z",` +
		`"candidate":{"name":"Noor Haddad"},"parts":[{"title":"Part 1: Overview","text":"Plans.","files":["a.txt"]}]}`
	in := filepath.Join(dir, "in.jsonl")
	putFile(t, in, sub+"\n")
	mustRun(t, "import", in, "--db", db)
	lead := []string{"--db", db, "--reviewer", "lead-1"}
	out := mustRun(t, append([]string{"leaks", "show", "L-2#1", "--reason", "check"}, lead...)...)
	if !strings.Contains(out, "Files reviewers read as redacted text only") || !strings.Contains(out, "f1. part 1") || !strings.Contains(out, "a.txt") {
		t.Errorf("leaks show lacks the redacted file:\n%s", out)
	}
	out, _, err := runLead(t, "", append([]string{"leaks", "redact", "L-2#1", "f1", "--reason", "x"}, lead...)...)
	if err == nil || strings.Contains(out, "released") {
		t.Errorf("leaks redact f1 released the file: %v %q", err, out)
	}
	if out := mustRun(t, append([]string{"leaks", "show", "L-2#1", "--reason", "check"}, lead...)...); !strings.Contains(out, "f1. part 1") {
		t.Errorf("the file is no longer redacted after leaks redact f1:\n%s", out)
	}
}

// TestRequireWorkedTakesOnOrOff: a word other than on or off is refused,
// and does not change the setting.
func TestRequireWorkedTakesOnOrOff(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	mustRun(t, "config", "leaks", "require-worked", "on", "--db", db)
	if _, _, err := runLead(t, "", "config", "leaks", "require-worked", "yes", "--db", db); err == nil || !strings.Contains(err.Error(), "want on or off") {
		t.Errorf("require-worked yes: %v", err)
	}
	if out := mustRun(t, "config", "leaks", "require-worked", "--db", db); out != "require-worked: on\n" {
		t.Errorf("after a refused word: %q", out)
	}
}
