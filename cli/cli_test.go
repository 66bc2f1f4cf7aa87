package cli

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/store"
)

// run executes the command tree in-process, as the binary would.
func run(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	return execute(New(), stdin, args...)
}

// execute runs root with args and stdin and returns what it wrote to
// stdout and stderr together.
func execute(root *cobra.Command, stdin string, args ...string) (string, error) {
	var out bytes.Buffer
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetIn(strings.NewReader(stdin))
	err := root.Execute()
	return out.String(), err
}

// executeSplit is execute with stdout and stderr returned apart.
func executeSplit(root *cobra.Command, stdin string, args ...string) (stdout, stderr string, err error) {
	var out, errOut bytes.Buffer
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetIn(strings.NewReader(stdin))
	err = root.Execute()
	return out.String(), errOut.String(), err
}

// bareRoot is a root command with only the global flags (--reviewer
// defaulting to reviewer) and the commands sub builds, attached as the
// caller nests them, so a test does not depend on where root.go registers
// them.
func bareRoot(reviewer string, sub func(*globals) []*cobra.Command) *cobra.Command {
	g := &globals{}
	root := &cobra.Command{Use: "assessor", SilenceUsage: true, SilenceErrors: true}
	root.PersistentFlags().StringVar(&g.db, "db", "", "store file")
	root.PersistentFlags().StringVar(&g.reviewer, "reviewer", reviewer, "")
	root.AddCommand(sub(g)...)
	root.PersistentPreRunE = g.authorize // the permission model, as in New
	decorate(root)
	return root
}

// writeFile writes content to dir/name and returns its path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// counts opens the store at db and returns its counts.
func counts(t *testing.T, db string) store.Counts {
	t.Helper()
	st := openTestStore(t, db)
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

// openTestStore opens the store at db with the default options; the caller
// closes it.
func openTestStore(t *testing.T, db string) *store.Store {
	t.Helper()
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// storedApplication is application id as the store at db holds it (its
// handle, for the tests that name it), the store closed again.
func storedApplication(t *testing.T, db, id string) review.Application {
	t.Helper()
	st := openTestStore(t, db)
	defer st.Close()
	app, err := st.Application(id)
	if err != nil {
		t.Fatal(err)
	}
	return app
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

// TestUnknownCredentialRefused: review and calibrate refuse a --credential
// that names no rubric, instead of opening a queue that looks empty.
func TestUnknownCredentialRefused(t *testing.T) {
	db := knownStore(t)
	for _, cmd := range []string{"review", "calibrate"} {
		_, err := run(t, "", cmd, "--db", db, "--credential", "nope", "--reviewer", "rev-1")
		if !errors.Is(err, review.ErrUnknownCredential) || !strings.Contains(err.Error(), `--credential "nope"`) {
			t.Errorf("%s --credential nope: %v", cmd, err)
		}
	}
}
