package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"assessor/review"
	"assessor/server"
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
