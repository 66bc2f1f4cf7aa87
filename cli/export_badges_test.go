package cli

import (
	"archive/tar"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"assessor/review"
	"assessor/store"
)

// TestBadgeExportWritesRevocationsLast: the revocation list is written
// after every other file, whatever the names, so an export stopped partway
// never holds an assertion with a list that does not yet revoke it.
func TestBadgeExportWritesRevocationsLast(t *testing.T) {
	files := map[string]any{
		review.RevocationListFile: []string{},
		"assertions/s-1.json":     map[string]string{},
		"z-after-the-list/x.json": map[string]string{},
		review.ProfileFile:        map[string]string{},
	}
	var out bytes.Buffer
	if _, err := writeBadgeFiles("-", &out, files); err != nil {
		t.Fatal(err)
	}
	var names []string
	eachTarEntry(t, &out, func(h *tar.Header, _ []byte) { names = append(names, h.Name) })
	want := []string{"assertions/s-1.json", review.ProfileFile, "z-after-the-list/x.json", review.RevocationListFile}
	if !slices.Equal(names, want) {
		t.Errorf("written in the order %q, want %q", names, want)
	}
}

// renameStack adds a version 2 of the known rubrics df and lt (the stack
// Assessment Literacy) whose stack is named to.
func renameStack(t *testing.T, db, to string) {
	t.Helper()
	for _, id := range []string{"df", "lt"} {
		md, err := os.ReadFile("../testdata/known/" + id + ".md")
		if err != nil {
			t.Fatal(err)
		}
		v2 := strings.Replace(strings.Replace(string(md), "stack: Assessment Literacy", "stack: "+to, 1), "---\n#", "version: 2\n---\n#", 1)
		if out, err := run(t, "", "rubrics", "add", writeFile(t, t.TempDir(), id+"2.md", v2), "--db", db); err != nil {
			t.Fatalf("rubrics add: %v\n%s", err, out)
		}
	}
}

// exportedBadgesStore is badgeStore with an issuer, exported once, so its
// stack assertions are published.
func exportedBadgesStore(t *testing.T) string {
	t.Helper()
	db := badgeStore(t)
	if out, err := runBadges(t, "config", "issuer", "--name", "NEA", "--url", "https://badges.example.net/", "--db", db); err != nil {
		t.Fatalf("config issuer: %v\n%s", err, out)
	}
	if out, err := runBadges(t, "export", "badges", filepath.Join(t.TempDir(), "first"), "--db", db); err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	return db
}

// TestKeptStackBadgeClassExported: a published stack assertion is kept
// when a new rubric version renames the stack (docs/formats.md §5), and
// the next export, into a fresh folder, writes the old stack's BadgeClass
// at the file the assertion names, listing the credentials it had, beside
// the new stack's.
func TestKeptStackBadgeClassExported(t *testing.T) {
	t.Parallel()
	db := exportedBadgesStore(t)
	renameStack(t, db, "Assessment Literacy Renamed")
	dir := filepath.Join(t.TempDir(), "fresh")
	if out, err := runBadges(t, "export", "badges", dir, "--db", db); err != nil {
		t.Fatalf("export after the rename: %v\n%s", err, out)
	}
	docs := checkOpenBadges(t, readTree(t, dir), "https://badges.example.net/")
	for _, f := range []string{"badges/stacks/assessment-literacy.json", "badges/stacks/assessment-literacy-renamed.json"} {
		class := docs[f]
		crit, _ := class["criteria"].(map[string]any)
		if class == nil || !strings.Contains(str(crit["narrative"]), "- Descriptive Feedback") || !strings.Contains(str(crit["narrative"]), "- Learning Targets") {
			t.Errorf("%s: %v, want the class of a stack of df and lt", f, class)
		}
	}
	if name := docs["badges/stacks/assessment-literacy.json"]["name"]; name != "Assessment Literacy" {
		t.Errorf("the kept stack's class is named %v", name)
	}
}

// TestKeptStackBadgeClassSharesItsFile: a stack renamed as it reads (in
// another case) keeps its file, whose class is the present stack's; one
// renamed so that another name would take the old one's file is refused
// in one line, rather than one class silently overwriting the other.
func TestKeptStackBadgeClassSharesItsFile(t *testing.T) {
	t.Parallel()
	db := exportedBadgesStore(t)
	renameStack(t, db, "assessment  literacy")
	dir := filepath.Join(t.TempDir(), "fresh")
	if out, err := runBadges(t, "export", "badges", dir, "--db", db); err != nil {
		t.Fatalf("export after a rename in lower case: %v\n%s", err, out)
	}
	docs := checkOpenBadges(t, readTree(t, dir), "https://badges.example.net/")
	if name := docs["badges/stacks/assessment-literacy.json"]["name"]; name != "assessment literacy" {
		t.Errorf("the shared file's class is named %v, want the present stack's", name)
	}

	db = exportedBadgesStore(t)
	renameStack(t, db, "Assessment-Literacy")
	_, err := runBadges(t, "export", "badges", filepath.Join(t.TempDir(), "refused"), "--db", db)
	if want := `stack "Assessment Literacy", which published badges name, and stack "Assessment-Literacy" would both be written to badges/stacks/assessment-literacy.json: rename "Assessment-Literacy" in its rubric`; err == nil || err.Error() != want {
		t.Errorf("export with a stack taking the old one's file: %v\nwant %s", err, want)
	}
}

// TestExportNamesTenWithoutEmail: export badges lists at most ten of the
// passed applications with no email on record, by handle, and counts the
// rest, so that a migrated program of thousands gets one readable line.
func TestExportNamesTenWithoutEmail(t *testing.T) {
	t.Parallel()
	var handles []string
	for i := 0; i < 12; i++ {
		handles = append(handles, fmt.Sprintf("DF-%04d", i))
	}
	var errOut strings.Builder
	reportExport(&errOut, "site", store.BadgeSet{NoEmail: handles}, 0)
	want := "12 passed applications have no email on record (" + strings.Join(handles[:10], ", ") + " and 2 more)"
	if !strings.Contains(errOut.String(), want) {
		t.Errorf("export's report:\n%s\nwant %q", errOut.String(), want)
	}
}

// TestHintsNameTheStore: a hint that prints a command line to paste names
// the store --db named, quoted for the shell when it needs it: pasted as
// printed it set the issuer of the default store, and export badges on
// the store named still had none.
func TestHintsNameTheStore(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "my store.db")
	if err := os.WriteFile(db, knownStoreBytes(t), 0o600); err != nil {
		t.Fatal(err)
	}
	want := `assessor config issuer --name NAME --url URL --email EMAIL --db '` + db + `'`
	out, err := run(t, "", "config", "issuer", "--db", db)
	if err != nil || !strings.Contains(out, want) {
		t.Errorf("config issuer with none set: %v\n%s\nwant %q", err, out, want)
	}
}

// TestHintsNameWhoActs: a hint's line for the one who ran the command
// keeps whom they named (--as or --reviewer), so that pasted as
// printed it is allowed and audited as theirs, not run as the operator.
func TestHintsNameWhoActs(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "demo.db")
	if out, err := run(t, "", "demo", "--build-only", "--applications", "6", "--db", db); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"applications", "--credential", "XX", "--as", demoLead, "--db", db}, "assessor rubrics list --db " + db + " --as " + demoLead},
		{[]string{"reviewers", "keys", "remove", "rev-01", "nope", "--reviewer", demoAdmin, "--db", db}, "assessor reviewers list --db " + db + " --reviewer " + demoAdmin},
		{[]string{"applications", "--credential", "XX", "--db", db}, "assessor rubrics list --db " + db + " names them"},
		// Both given, --as acts, and the line keeps it.
		{[]string{"applications", "--credential", "XX", "--as", demoLead, "--reviewer", "rev-01", "--db", db}, "assessor rubrics list --db " + db + " --as " + demoLead + " names them"},
	} {
		out, err := run(t, "", c.args...)
		if got := out + fmt.Sprint(err); !strings.Contains(got, c.want) {
			t.Errorf("%v:\n%s\nwant %q", c.args, got, c.want)
		}
	}
}
