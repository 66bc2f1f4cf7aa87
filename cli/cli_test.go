package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"assessor/review"
	"assessor/store"
)

// run executes the command tree in-process, as the binary would.
func run(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	cmd := New()
	var out bytes.Buffer
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetIn(strings.NewReader(stdin))
	err := cmd.Execute()
	return out.String(), err
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func counts(t *testing.T, db string) store.Counts {
	t.Helper()
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.Counts()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// storeWithKnownRubrics is a store holding the three rubrics of
// testdata/known.
func storeWithKnownRubrics(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "a.db")
	// The flag after the argument, as users write it.
	if out, err := run(t, "", "rubrics", "add", "../testdata/known", "--db", db); err != nil {
		t.Fatalf("rubrics add: %v\n%s", err, out)
	}
	return db
}

func openTestStore(t *testing.T, db string) *store.Store {
	t.Helper()
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// addReviewers registers reviewers straight in the store, for tests of
// commands that check roles.
func addReviewers(t *testing.T, db string, rs ...review.Reviewer) {
	t.Helper()
	st := openTestStore(t, db)
	defer st.Close()
	for _, r := range rs {
		if err := st.AddReviewer(r); err != nil {
			t.Fatal(err)
		}
	}
}
