package cli

import (
	"strings"
	"testing"

	"assessor/review"
)

// TestStoredRubricNamesDrawnClean: a rubric stored before its front matter
// was checked for invisible characters (here put in directly) has its
// title and stack printed without them by `rubrics list` and the report's
// table, as the screens draw them.
func TestStoredRubricNamesDrawnClean(t *testing.T) {
	t.Parallel()
	db := knownStore(t)
	st := openTestStore(t, db)
	rs, err := st.Credentials()
	if err != nil {
		t.Fatal(err)
	}
	r := rs[0]
	r.Version++
	r.Title, r.Stack = "Safe title \u202egnp.exe", "Stack \u202ekcatS\x1b[2J"
	if _, err := st.AddRubric(r); err != nil {
		t.Fatal(err)
	}
	st.Close()
	for _, args := range [][]string{{"rubrics", "list"}, {"report"}} {
		out, err := run(t, "", append(args, "--db", db)...)
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		if strings.ContainsAny(out, "\u202e\x1b") || !strings.Contains(out, "Stack kcatS") {
			t.Errorf("%v printed the stack as %q", args, review.Sanitize(out))
		}
	}
}
