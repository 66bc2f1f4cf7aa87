package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/store"
)

// runBadges runs the badge commands in a tree of their own, as root.go
// attaches them: config issuer, export badges, revoke, badges list.
func runBadges(t *testing.T, args ...string) (string, error) {
	t.Helper()
	return execute(bareRoot("lead-1", func(g *globals) []*cobra.Command {
		config := &cobra.Command{Use: "config"}
		config.AddCommand(configIssuerCmd(g))
		export := &cobra.Command{Use: "export"}
		export.AddCommand(exportBadgesCmd(g))
		return []*cobra.Command{config, export, revokeCmd(g), badgesCmd(g)}
	}), "", args...)
}

// badgeHistory is a small fixture over the known rubrics (df and lt in
// Assessment Literacy, fp in Culturally Responsive): x passes df and lt
// (under two spellings of one email), so completes Assessment Literacy; y
// passes df but not lt, and passes fp, so completes Culturally Responsive
// only; N1 passes fp with no identity on record.
const badgeHistory = `{"type":"submission","application":"X1","credential":"df","attempt":1,"submitted_at":"2024-02-01T00:00:00Z","parts":[{"title":"Part 1: Overview","text":"t"}],"candidate":{"name":"Cand X","email":"x@example.org"}}
{"type":"decision","application":"X1","attempt":1,"reviewer":"rev-a","decided_at":"2024-02-04T00:00:00Z","outcome":"pass","levels":{"C1":"meets","C2":"meets"}}
{"type":"submission","application":"X2","credential":"lt","attempt":1,"submitted_at":"2024-02-02T00:00:00Z","parts":[{"title":"Part 1: Overview","text":"t"}],"candidate":{"name":"Cand X","email":" X@Example.org"}}
{"type":"decision","application":"X2","attempt":1,"reviewer":"rev-a","decided_at":"2024-02-03T00:00:00Z","outcome":"resubmit","levels":{"C1":"meets","C2":"not-yet"},"feedback":{"C2":"Add the missing artifact."}}
{"type":"submission","application":"X2","credential":"lt","attempt":2,"submitted_at":"2024-02-10T00:00:00Z","parts":[{"title":"Part 1: Overview","text":"t2"}]}
{"type":"decision","application":"X2","attempt":2,"reviewer":"rev-b","decided_at":"2024-02-12T00:00:00Z","outcome":"pass","levels":{"C1":"meets","C2":"meets"}}
{"type":"submission","application":"Y1","credential":"df","attempt":1,"submitted_at":"2024-03-01T00:00:00Z","parts":[{"title":"Part 1: Overview","text":"t"}],"candidate":{"name":"Cand Y","email":"y@example.org"}}
{"type":"decision","application":"Y1","attempt":1,"reviewer":"rev-a","decided_at":"2024-03-04T00:00:00Z","outcome":"pass","levels":{"C1":"meets","C2":"meets"}}
{"type":"submission","application":"Y2","credential":"lt","attempt":1,"submitted_at":"2024-03-01T00:00:00Z","parts":[{"title":"Part 1: Overview","text":"t"}],"candidate":{"name":"Cand Y","email":"y@example.org"}}
{"type":"decision","application":"Y2","attempt":1,"reviewer":"rev-a","decided_at":"2024-03-04T00:00:00Z","outcome":"resubmit","levels":{"C1":"not-yet","C2":"meets"},"feedback":{"C1":"Describe the class."}}
{"type":"submission","application":"Y3","credential":"fp","attempt":1,"submitted_at":"2024-03-02T00:00:00Z","parts":[{"title":"Part 1: Overview","text":"t"}],"candidate":{"name":"Cand Y","email":"y@example.org"}}
{"type":"decision","application":"Y3","attempt":1,"reviewer":"rev-b","decided_at":"2024-03-05T00:00:00Z","outcome":"pass","levels":{"C1":"meets","C2":"meets"}}
{"type":"submission","application":"N1","credential":"fp","attempt":1,"submitted_at":"2024-03-02T00:00:00Z","parts":[{"title":"Part 1: Overview","text":"t"}]}
{"type":"decision","application":"N1","attempt":1,"reviewer":"rev-b","decided_at":"2024-03-05T00:00:00Z","outcome":"pass","levels":{"C1":"meets","C2":"meets"}}
`

// emailOf is each fixture application's candidate email, normalized.
var emailOf = map[string]string{"X1": "x@example.org", "X2": "x@example.org", "Y1": "y@example.org", "Y3": "y@example.org"}

// badgeStore is the known rubrics, badgeHistory and a lead, lead-1.
func badgeStore(t *testing.T) string {
	t.Helper()
	db := storeWithKnownRubrics(t)
	if out, err := run(t, "", "import", writeFile(t, t.TempDir(), "badges.jsonl", badgeHistory), "--db", db); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	addReviewers(t, db, review.Reviewer{ID: "lead-1", Role: review.RoleLead})
	return db
}

// TestExportBadges: export needs an issuer profile and a lead; it writes
// hashed recipients (recomputable from email and salt, never the email),
// credential and stack assertions, the same bytes when run again, and the
// same files as a tar stream for "-".
func TestExportBadges(t *testing.T) {
	t.Parallel()
	db := badgeStore(t)
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := runBadges(t, "export", "badges", dir, "--db", db); err == nil || !strings.Contains(err.Error(), "assessor config issuer --name") {
		t.Fatalf("export without an issuer: %v", err)
	}
	if out, err := runBadges(t, "config", "issuer", "--name", "NEA", "--url", "https://badges.example.net/", "--email", "badges@example.net", "--db", db); err != nil {
		t.Fatalf("config issuer: %v\n%s", err, out)
	}
	if _, err := runBadges(t, "export", "badges", dir, "--as", "rev-a", "--db", db); err == nil || !strings.Contains(err.Error(), "lead") {
		t.Fatalf("a reviewer exports: %v", err)
	}
	out, err := runBadges(t, "export", "badges", dir, "--db", db, "--feedback-url", "https://badges.example.net/feedback")
	n1 := storedApplication(t, db, "N1").Pseudonym
	if err != nil || !strings.Contains(out, "6 assertions (4 credential, 2 stack; 0 revoked)") || !strings.Contains(out, "1 passed application has no email on record ("+n1+")") {
		t.Fatalf("export: %v\n%s", err, out)
	}
	files := readTree(t, dir)
	docs := checkOpenBadges(t, files, "https://badges.example.net/")

	// Recipients: hashed, recomputable from email + salt, never the email.
	st := openTestStore(t, db)
	set, err := st.Badges("lead-1")
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	stacks := map[string]string{}
	for _, b := range set.Badges {
		a := docs[review.AssertionFile(b.ID)]
		rcp := a["recipient"].(map[string]any)
		email := emailOf[b.Applications[0]]
		sum := sha256.Sum256([]byte(email + rcp["salt"].(string)))
		if rcp["identity"] != "sha256$"+hex.EncodeToString(sum[:]) {
			t.Errorf("%s: identity %v is not sha256(%s + salt)", b.ID, rcp["identity"], email)
		}
		if b.Stack != "" {
			stacks[b.Stack] = email + " " + a["issuedOn"].(string)
		}
	}
	// x completes Assessment Literacy on its later pass; y lacks lt there.
	want := map[string]string{"Assessment Literacy": "x@example.org 2024-02-12T00:00:00Z", "Culturally Responsive": "y@example.org 2024-03-05T00:00:00Z"}
	if len(stacks) != 2 || stacks["Assessment Literacy"] != want["Assessment Literacy"] || stacks["Culturally Responsive"] != want["Culturally Responsive"] {
		t.Errorf("stack assertions %v, want %v", stacks, want)
	}
	for name, data := range files {
		if bytes.Contains(data, []byte("example.org")) || bytes.Contains(data, []byte("Cand ")) {
			t.Errorf("%s carries identity", name)
		}
	}
	x2 := docs[review.AssertionFile(idOf(t, set, "X2"))]
	if ev := x2["evidence"].(map[string]any); ev["narrative"] != "Passed on attempt 2" || ev["id"] != "https://badges.example.net/feedback/"+feedbackFile(t, db, "X2", 2) {
		t.Errorf("evidence %v", ev)
	}

	// Re-export is byte-identical, into the same directory or a fresh one.
	for _, d := range []string{dir, filepath.Join(t.TempDir(), "again")} {
		if out, err := runBadges(t, "export", "badges", d, "--db", db, "--feedback-url", "https://badges.example.net/feedback"); err != nil {
			t.Fatalf("re-export: %v\n%s", err, out)
		}
		if again := readTree(t, d); !sameTree(files, again) {
			t.Fatalf("re-export into %s differs", d)
		}
	}

	// "-" writes the same files as a tar stream to stdout, the report to stderr.
	out, errOut, err := runLead(t, "", "export", "badges", "-", "--as", "lead-1", "--db", db, "--feedback-url", "https://badges.example.net/feedback")
	if err != nil || !strings.HasPrefix(errOut, "stdout: ") {
		t.Fatalf("export badges -: %v %q", err, errOut)
	}
	if tarred := untar(t, out); !sameTree(files, tarred) {
		t.Errorf("the tar stream holds %d files, not those of the folder export (%d)", len(tarred), len(files))
	}
}

// TestRevokeAndList: badges list shows every assertion; revoke needs a
// reason and a lead, refuses a second revocation, and the next export
// lists the revocation and marks the assertion revoked.
func TestRevokeAndList(t *testing.T) {
	t.Parallel()
	db := badgeStore(t)
	if _, err := runBadges(t, "config", "issuer", "--name", "NEA", "--url", "https://badges.example.net", "--db", db); err != nil {
		t.Fatal(err)
	}
	st := openTestStore(t, db)
	set, err := st.Badges("lead-1")
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	list, err := runBadges(t, "badges", "list", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range set.Badges {
		if !strings.Contains(list, b.ID) {
			t.Errorf("list lacks %s:\n%s", b.ID, list)
		}
	}
	if !regexp.MustCompile(`(?m)^s-[0-9a-f]{24}\s+stack Assessment Literacy\s+[A-Z]{2}-\w{4},[A-Z]{2}-\w{4}\s+2024-02-12T00:00:00Z\s+issued$`).MatchString(list) ||
		!regexp.MustCompile(`(?m)^c-[0-9a-f]{24}\s+credential lt\s+[A-Z]{2}-\w{4}#2\s+2024-02-12T00:00:00Z\s+issued$`).MatchString(list) ||
		strings.Contains(list, "example.org") || regexp.MustCompile(`\bX2\b`).MatchString(list) {
		t.Errorf("list:\n%s", list)
	}

	id := idOf(t, set, "X2")
	if _, err := runBadges(t, "revoke", id, "--db", db); err == nil || !strings.Contains(err.Error(), "--reason") {
		t.Fatalf("revoke without a reason: %v", err)
	}
	if _, err := runBadges(t, "revoke", id, "--reason", "x", "--as", "rev-a", "--db", db); err == nil || !strings.Contains(err.Error(), "lead") {
		t.Fatalf("a reviewer revokes: %v", err)
	}
	revokedOn := time.Now().UTC().Format("2006-01-02") // or the day after, at midnight
	out, err := runBadges(t, "revoke", "https://badges.example.net/assertions/"+id+".json", "--reason", "Evidence was not the candidate's own.", "--db", db)
	if err != nil || !strings.Contains(out, "revoked "+id+" (credential lt, ") {
		t.Fatalf("revoke: %v\n%s", err, out)
	}
	if _, err := runBadges(t, "revoke", id, "--reason", "again", "--db", db); err == nil || !strings.Contains(err.Error(), "already revoked") {
		t.Fatalf("revoke twice: %v", err)
	}
	list, _ = runBadges(t, "badges", "list", "--db", db)
	if !strings.Contains(list, "revoked "+revokedOn+" by lead-1: Evidence was not the candidate's own.") &&
		!strings.Contains(list, "revoked "+time.Now().UTC().Format("2006-01-02")+" by lead-1: Evidence was not the candidate's own.") {
		// Who revoked it and why, for the leads who come after.
		t.Errorf("list after revoking:\n%s", list)
	}

	dir := t.TempDir()
	if out, err := runBadges(t, "export", "badges", dir, "--db", db); err != nil || !strings.Contains(out, "1 revoked") {
		t.Fatalf("export: %v\n%s", err, out)
	}
	docs := checkOpenBadges(t, readTree(t, dir), "https://badges.example.net/")
	url := "https://badges.example.net/assertions/" + id + ".json"
	revoked := docs[review.RevocationListFile]["revokedAssertions"].([]any)
	if len(revoked) != 1 || revoked[0].(map[string]any)["id"] != url || revoked[0].(map[string]any)["revocationReason"] != "Evidence was not the candidate's own." {
		t.Errorf("revocation list %v", revoked)
	}
	for name, d := range docs {
		if d["type"] != "Assertion" {
			continue
		}
		if isRevoked := d["id"] == url; (d["revoked"] == true) != isRevoked || isRevoked && d["revocationReason"] != "Evidence was not the candidate's own." {
			t.Errorf("%s: revoked %v, reason %v", name, d["revoked"], d["revocationReason"])
		}
	}
}

// TestStacksCompletedReport: the report's stacks_completed, from the
// running tallies, equals the recomputation a date filter runs, and the
// hand count: x completed Assessment Literacy, y Culturally Responsive.
func TestStacksCompletedReport(t *testing.T) {
	t.Parallel()
	db := badgeStore(t)
	figures := func(args ...string) map[string]int64 {
		out, err := run(t, "", append([]string{"report", "--format", "json", "--as", "lead-1", "--db", db}, args...)...)
		if err != nil {
			t.Fatal(err)
		}
		var rep review.Report
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		m := map[string]int64{}
		for _, s := range rep.ByStack {
			m[s.Stack] = s.StacksCompleted
		}
		return m
	}
	tallied, recomputed := figures(), figures("--since", "2000-01-01")
	if tallied["Assessment Literacy"] != 1 || tallied["Culturally Responsive"] != 1 || len(tallied) != 2 {
		t.Errorf("stacks completed %v", tallied)
	}
	for s, n := range tallied {
		if recomputed[s] != n {
			t.Errorf("%s: %d from tallies, %d recomputed", s, n, recomputed[s])
		}
	}
	if out, err := run(t, "", "check", "--db", db); err != nil || !strings.Contains(out, "ok") {
		t.Fatalf("check: %v\n%s", err, out)
	}
}

// idOf is the assertion id of an application's credential badge.
func idOf(t *testing.T, set store.BadgeSet, app string) string {
	t.Helper()
	for _, b := range set.Badges {
		if b.Stack == "" && b.Applications[0] == app {
			return b.ID
		}
	}
	t.Fatalf("no badge for %s", app)
	return ""
}

// readTree reads every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameTree reports whether two exports hold the same files with the same
// bytes.
func sameTree(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// TestExportBadgeOfPassAmendedAway: a pass a lead amends away keeps its
// assertion in the export, revoked by the amendment and in the revocation
// list, in a folder and in the tar stream alike, so a tar unpacked over
// the hosted folder does not leave it verifying.
func TestExportBadgeOfPassAmendedAway(t *testing.T) {
	t.Parallel()
	db := badgeStore(t)
	if out, err := runBadges(t, "config", "issuer", "--name", "NEA", "--url", "https://badges.example.net/", "--db", db); err != nil {
		t.Fatalf("config issuer: %v\n%s", err, out)
	}
	st := openTestStore(t, db)
	set, err := st.Badges("lead-1")
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	y3 := idOf(t, set, "Y3")
	handle := storedApplication(t, db, "Y3").Pseudonym
	if _, _, err := runLead(t, "", "amend", handle, "--reason", "second look", "--level", "C2=not-yet", "--feedback", "C2=The artifact is missing.", "--as", "lead-1", "--db", db); err != nil {
		t.Fatalf("amend: %v", err)
	}
	dir := filepath.Join(t.TempDir(), "site")
	out, err := runBadges(t, "export", "badges", dir, "--db", db)
	if err != nil || !strings.Contains(out, "1 revoked") || strings.Contains(out, "removed") {
		t.Fatalf("export: %v\n%s", err, out)
	}
	tarOut, _, err := runLead(t, "", "export", "badges", "-", "--as", "lead-1", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	for where, files := range map[string]map[string][]byte{"folder": readTree(t, dir), "tar": untar(t, tarOut)} {
		docs := checkOpenBadges(t, files, "https://badges.example.net/")
		if a := docs[review.AssertionFile(y3)]; a == nil || a["revoked"] != true || !strings.Contains(a["revocationReason"].(string), "amended away") {
			t.Errorf("%s: the assertion of the pass amended away: %v", where, a)
		}
		if !bytes.Contains(files[review.RevocationListFile], []byte(y3)) {
			t.Errorf("%s: the revocation list lacks %s:\n%s", where, y3, files[review.RevocationListFile])
		}
	}
}

// TestExportKeepsPublishedStackBadge: a stack badge an export published
// stays in the next export when the stack gains a credential the
// candidate has not passed: not removed from the folder, not revoked.
func TestExportKeepsPublishedStackBadge(t *testing.T) {
	t.Parallel()
	db := badgeStore(t)
	if out, err := runBadges(t, "config", "issuer", "--name", "NEA", "--url", "https://badges.example.net/", "--db", db); err != nil {
		t.Fatalf("config issuer: %v\n%s", err, out)
	}
	dir := filepath.Join(t.TempDir(), "site")
	if out, err := runBadges(t, "export", "badges", dir, "--db", db); err != nil || !strings.Contains(out, "2 stack; 0 revoked") {
		t.Fatalf("export: %v\n%s", err, out)
	}
	df, err := os.ReadFile("../testdata/known/df.md")
	if err != nil {
		t.Fatal(err)
	}
	more := strings.Replace(strings.Replace(string(df), "id: df", "id: df2", 1), "title: Descriptive Feedback", "title: Descriptive Feedback II", 1)
	if out, err := run(t, "", "rubrics", "add", writeFile(t, t.TempDir(), "df2.md", more), "--db", db); err != nil {
		t.Fatalf("rubrics add: %v\n%s", err, out)
	}
	out, err := runBadges(t, "export", "badges", dir, "--db", db)
	if err != nil || !strings.Contains(out, "2 stack; 0 revoked") || strings.Contains(out, "removed") {
		t.Fatalf("export after the stack grew: %v\n%s", err, out)
	}
}
