package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/log"

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
