package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/log"
	"mvdan.cc/sh/v3/shell"

	"assessor/review"
	"assessor/server"
	"assessor/store"
)

// pastedDir is a folder whose name a shell splits (a space) and reads a
// quote in: a line that names a store in it runs, pasted, only quoted.
func pastedDir(t *testing.T) string {
	dir := filepath.Join(t.TempDir(), "it's a dir")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	return dir
}

// storeIn is a copy of knownStore in dir.
func storeIn(t *testing.T, dir string) string {
	data, err := os.ReadFile(knownStore(t))
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "it's.db")
	if err := os.WriteFile(db, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return db
}

// An error that names the command that mends it (a review.Mend: "see:
// assessor applications") names it locally with the --db and --as given:
// without them, pasted as printed, it ran on the default store as the
// operator.
func TestMendLineKeepsStoreAndWho(t *testing.T) {
	db := storeIn(t, pastedDir(t))
	addReviewers(t, db, review.Reviewer{ID: "lead-1", Role: review.RoleLead})
	_, err := run(t, "", "history", "NOPE", "--db", db, "--as", "lead-1")
	want := "(see: assessor applications --db " + server.ShellWord(db) + " --as lead-1)"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("history NOPE: %v\nwant it to name: %s", err, want)
	}
}

// The lines written by hand that name a command to run next name the
// store --db gave: the person's own (--credential's rubrics list) with
// who acts too, an admin's (register someone, list the leads) without.
func TestHintLinesKeepStore(t *testing.T) {
	db := storeIn(t, pastedDir(t))
	addReviewers(t, db, review.Reviewer{ID: "admin-1", Role: review.RoleAdmin}, review.Reviewer{ID: "rev-1", Role: review.RoleReviewer})
	q := " --db " + server.ShellWord(db)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "--as", "newbie"}, "have an admin run: assessor reviewers add newbie --role lead" + q},
		{[]string{"review", "--credential", "nosuch", "--as", "rev-1"}, "(assessor rubrics list" + q + " --as rev-1 shows them)"},
		{[]string{"adjudicate"}, "(assessor reviewers list" + q + " names the leads)"},
	} {
		_, err := run(t, "", append(c.args, "--db", db)...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v\nwant it to name: %s", strings.Join(c.args, " "), err, c.want)
		}
	}
	none := filepath.Join(filepath.Dir(db), "none.db")
	want := "`assessor import FILE --db " + server.ShellWord(none) + "`"
	if _, err := run(t, "", "report", "--db", none); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("report on no store: %v\nwant it to name: %s", err, want)
	}
}

// The lines that name the store with --db quote its path as a shell
// reads it (serve's no-key warning, the refusal of a store with no
// admin, of an older store, check of an older store): pasted as printed
// they split the path into arguments. Serve's line keeps the --as serve
// was given, as the admin who runs it runs the line too.
func TestStoreLinesQuotePath(t *testing.T) {
	dir := pastedDir(t)
	q := func(p string) string { return "--db " + server.ShellWord(p) }

	db := filepath.Join(dir, "program.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	warnNoKeys(st, newLogger(&out, log.Options{}), " --as admin-1")
	st.Close()
	if want := "assessor reviewers add ID --key FILE --role admin " + q(db) + " --as admin-1"; !strings.Contains(out.String(), want) {
		t.Errorf("serve's no-key warning %q\nwant %s", out.String(), want)
	}

	if _, err := run(t, "", "report", "--db", db, "--as", "bob"); err == nil || !strings.Contains(err.Error(), "assessor reviewers add ID --role admin "+q(db)) {
		t.Errorf("report --as bob on a store with no admin: %v\nwant %s", err, q(db))
	}

	old := filepath.Join(dir, "old.db")
	if err := os.WriteFile(old, gunzipFile(t, filepath.Join("..", "testdata", "stores", "schema"+itoa(int64(store.SchemaVersion-1))+".db.gz")), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, "", "report", "--db", old); err == nil || !strings.Contains(err.Error(), "assessor upgrade "+q(old)) {
		t.Errorf("report on an older store: %v\nwant assessor upgrade %s", err, q(old))
	}
	if o, _ := run(t, "", "check", "--db", old); !strings.Contains(o, "assessor upgrade "+q(old)) {
		t.Errorf("check of an older store: %q\nwant assessor upgrade %s", o, q(old))
	}
}

// The line leaks redact and clear print to find a flag's number (want its
// number from …, … lists them) runs as printed: leaks show refuses to run
// without --reason, so a line without one failed when pasted. Over ssh it
// is the same line, quoted once more for the server.
func TestLeaksShowLineRunsAsPrinted(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	mustRun(t, "config", "leaks", "add", "Kapolei High", "--db", db)
	sub := `{"type":"submission","application":"L-1","credential":"df","attempt":1,"submitted_at":"2024-05-01T00:00:00Z",` +
		`"candidate":{"name":"Noor Haddad","email":"noor@example.org"},"parts":[{"title":"Part 1: Overview","text":"I am at Kapolei High."}]}`
	if out, err := run(t, sub+"\n", "import", "-", "--no-files", "--db", db); err != nil {
		t.Fatal(err, out)
	}
	out := mustRun(t, "leaks", "--db", db, "--as", "lead-1")
	handle := strings.Fields(strings.Split(out, "\n")[1])[0]
	for _, bad := range []string{"x", "9"} {
		_, err := run(t, "", "leaks", "redact", handle, bad, "--reason", "weekly check", "--db", db, "--as", "lead-1")
		want := "assessor leaks show " + handle + ` --reason "…" --db ` + server.ShellWord(db) + " --as lead-1"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("leaks redact %s %s: %v\nwant it to name %s", handle, bad, err, want)
		}
		// As a shell splits it (no word in it has a space).
		var args []string
		for _, a := range strings.Fields(strings.TrimPrefix(want, "assessor ")) {
			args = append(args, strings.Trim(a, `'"`))
		}
		if o, err := run(t, "", args...); err != nil {
			t.Errorf("pasted %q: %v %s", want, err, o)
		}
	}

	st := openTestStore(t, db)
	defer st.Close()
	var o strings.Builder
	err := serveCommands(st)(context.Background(), review.Reviewer{ID: "lead-1", Role: review.RoleLead},
		[]string{"leaks", "redact", handle, "9", "--reason", "weekly check"}, strings.NewReader(""), &o, &o)
	if want := `ssh -p PORT HOST 'leaks show ` + handle + ` --reason "…"' lists them`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("over ssh leaks redact %s 9: %v\nwant it to name %s", handle, err, want)
	}
}

// The line a command prints to run through the server that holds its
// store keeps every other flag it was given: without them, pasted as
// printed, export badges made badges whose evidence pointed nowhere and
// backup refused the store --force copies.
func TestServedStoreLinesKeepFlags(t *testing.T) {
	t.Parallel()
	db, port := servedKnownStore(t)
	ssh := "ssh -p " + port + " 127.0.0.1 "
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "badges", "-", "--feedback-url", "https://example.org/f"}, ssh + "export badges - --feedback-url https://example.org/f > badges.tar)"},
		{[]string{"backup", "--force", filepath.Join(t.TempDir(), "o2.db")}, ssh + "backup --force > "},
	} {
		_, err := run(t, "", append(c.args, "--db", db)...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s on a served store: %v\nwant %s", strings.Join(c.args, " "), err, c.want)
		}
	}
}

// TestNeedsHintKeepsStore: a command given --db (and --as) but not its
// argument, or too many, names the list command that shows what to give
// it with the --db and --as given, "(assessor rubrics list --db … shows
// them)", an empty --db too: without them, pasted as printed, it read the
// default store as the operator.
func TestNeedsHintKeepsStore(t *testing.T) {
	db := storeIn(t, pastedDir(t))
	addReviewers(t, db, review.Reviewer{ID: "lead-1", Role: review.RoleLead})
	q := " --db " + server.ShellWord(db)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"rubrics", "show"}, "(assessor rubrics list" + q + " shows them)"},
		{[]string{"revoke", "--as", "lead-1"}, "(assessor badges list" + q + " --as lead-1 shows them)"},
		{[]string{"calibration", "remove", "--as", "lead-1"}, "(assessor calibration list" + q + " --as lead-1 shows them)"},
		{[]string{"config", "leaks", "remove"}, "(assessor config leaks list" + q + " shows them)"},
		{[]string{"snippets", "remove"}, "(assessor snippets list" + q + " shows them)"},
		// Too many, as a two-word name left unquoted gives.
		{[]string{"config", "leaks", "remove", "Kapolei", "High"}, "(assessor config leaks list" + q + " shows them)"},
		{[]string{"revoke", "a", "b", "--reason", "x", "--as", "lead-1"}, "(assessor badges list" + q + " --as lead-1 shows them)"},
	} {
		_, err := run(t, "", append(c.args, "--db", db)...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s --db …: %v\nwant it to name: %s", strings.Join(c.args, " "), err, c.want)
		}
	}
	if _, err := run(t, "", "revoke", "--db", "", "--as", "lead-1"); err == nil || !strings.Contains(err.Error(), "(assessor badges list --db '' --as lead-1 shows them)") {
		t.Errorf("revoke --db '': %v\nwant the list named with the empty --db given, which is refused, not the default store", err)
	}
}

// TestServedLineRunsOverSSH: the line a command on a served store
// prints to run through the server keeps --feedback-url, quoted once more
// for ssh (sshLine), which joins its arguments with spaces: quoted for
// the local shell only, the server got the value unquoted, so a ; in it
// was refused ("no ; | & < >"), a ' left a quote unclosed, and an empty
// value left --feedback-url with no argument.
func TestServedLineRunsOverSSH(t *testing.T) {
	t.Parallel()
	db, port := servedKnownStore(t)
	ssh := "ssh -p " + port + " 127.0.0.1"
	for _, url := range []string{"https://x.example/fb", "https://x.example/fb;v=2", "https://x.example/it's", ""} {
		_, err := run(t, "", "export", "badges", "-", "--feedback-url", url, "--db", db)
		_, line, ok := strings.Cut(fmt.Sprint(err), "run it through the server: ")
		if !ok || !strings.Contains(line, ssh) {
			t.Fatalf("no line to paste in: %v", err)
		}
		// Pasted: the local shell gives ssh its words, which ssh joins
		// with spaces into the command line the server parses.
		sh := exec.Command("sh", "-c", `joined() { printf '%s' "$*"; }; `+strings.Replace(strings.Replace(line, ssh, "joined", 1), " > badges.tar", "", 1))
		sh.Dir = filepath.Dir(db)
		sent, shErr := sh.Output()
		if shErr != nil {
			t.Fatalf("%q: %v", line, shErr)
		}
		got, perr := words(string(sent))
		want := []string{"export", "badges", "-", "--feedback-url", url}
		if perr != nil || strings.Join(got, "\x00") != strings.Join(want, "\x00") {
			t.Errorf("--feedback-url %q: printed %s\nthe server gets %q: %q (%v), want %q", url, line, sent, got, perr, want)
		}
	}
}

// words splits a command line as a POSIX shell would (the server's parser
// is stricter).
func words(line string) ([]string, error) { return shell.Fields(line, nil) }

// TestAmendDisputedNamesAdjudicateAsRun: amend of an attempt whose two
// blind reviews disagree names the screen that settles it with the --db
// and --as given: without them, pasted as printed, it opened adjudication
// on the default store as the operator, whom adjudicate refuses.
func TestAmendDisputedNamesAdjudicateAsRun(t *testing.T) {
	db := filepath.Join(pastedDir(t), "it's.db")
	if out, err := run(t, "", "rubrics", "add", "../testdata/known", "--db", db); err != nil {
		t.Fatal(err, out)
	}
	if out, err := run(t, "", "config", "second-review", "--rate", "1", "--db", db); err != nil {
		t.Fatal(err, out)
	}
	sub := `{"type":"submission","application":"S-1","credential":"df","attempt":1,"submitted_at":"2024-05-01T00:00:00Z","parts":[{"title":"Part 1: Overview","text":"Grade 5."}]}`
	if out, err := run(t, sub+"\n", "import", "-", "--no-files", "--db", db); err != nil {
		t.Fatal(err, out)
	}
	addReviewers(t, db, review.Reviewer{ID: "lead-1", Role: review.RoleLead}, review.Reviewer{ID: "rev-1", Role: review.RoleReviewer}, review.Reviewer{ID: "rev-2", Role: review.RoleReviewer})
	st := openTestStore(t, db)
	k := review.AttemptKey{Application: "S-1", Attempt: 1}
	fb := "The evidence names no work samples, so the reader cannot see what students produced; add two."
	for who, levels := range map[string]map[string]string{"rev-1": {"C1": "meets", "C2": "not-yet"}, "rev-2": {"C1": "meets", "C2": "meets"}} {
		if _, err := st.Claim(who, k); err != nil {
			t.Fatal(who, err)
		}
		f := map[string]string{}
		if levels["C2"] == "not-yet" {
			f["C2"] = fb
		}
		if _, err := st.Decide(who, k, levels, f); err != nil {
			t.Fatal(who, err)
		}
	}
	st.Close()
	_, err := run(t, "", "amend", "S-1", "--reason", "second look", "--level", "C2=meets", "--db", db, "--as", "lead-1")
	want := "assessor adjudicate --db " + server.ShellWord(db) + " --as lead-1"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("amend of a disputed attempt: %v\nwant it to name: %s", err, want)
	}
}

// TestSSHInvocationOfAScreen: a line that names a screen to run over ssh
// (adjudicate, calibrate) asks for a terminal with -t, as serve refuses a
// screen without one; a command's does not.
func TestSSHInvocationOfAScreen(t *testing.T) {
	for args, want := range map[string]string{
		"adjudicate":    "ssh -t -p PORT HOST adjudicate",
		"calibrate":     "ssh -t -p PORT HOST calibrate",
		"badges list":   "ssh -p PORT HOST badges list",
		"backup > f.db": "(umask 077; ssh -p PORT HOST backup > f.db)",
	} {
		if got := sshInvocation(args); got != want {
			t.Errorf("sshInvocation(%q) = %q, want %q", args, got, want)
		}
	}
}

// TestNeedsHintEachRun: a command tree run twice names each run's --db in
// its "(… shows them)", where the first run's words were kept for every
// later one.
func TestNeedsHintEachRun(t *testing.T) {
	root := New()
	for _, db := range []string{"/tmp/first.db", "/tmp/second.db"} {
		root.SetErr(io.Discard)
		root.SetOut(io.Discard)
		root.SetArgs([]string{"revoke", "--db", db})
		if err := root.Execute(); err == nil || !strings.Contains(err.Error(), "(assessor badges list --db "+db+" shows them)") {
			t.Errorf("revoke --db %s without its argument: %v", db, err)
		}
	}
}
