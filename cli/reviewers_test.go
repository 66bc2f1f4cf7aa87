package cli

import (
	"bytes"
	"crypto/rand"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	gossh "golang.org/x/crypto/ssh"

	"assessor/review"
)

// runCmd executes one command built for --db db, as the binary would once
// root registers it.
func runCmd(t *testing.T, cmd *cobra.Command, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err := cmd.Execute()
	return out.String(), err
}

// pubKeyFile writes a new ed25519 public key to dir/name and returns its
// path and fingerprint.
func pubKeyFile(t *testing.T, dir, name string) (string, string) {
	t.Helper()
	path, s := signerFile(t, dir, name)
	return path, gossh.FingerprintSHA256(s.PublicKey())
}

// TestReviewersAddAndList: add creates a reviewer with a key; adding
// again adds keys, keeps the old ones and the conflicts not given, and
// changes the role; list shows fingerprints and conflicts.
func TestReviewersAddAndList(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	g := &globals{db: db}
	k1, fp1 := pubKeyFile(t, dir, "k1.pub")
	k2, fp2 := pubKeyFile(t, dir, "k2.pub")

	out, err := runCmd(t, reviewersCmd(g), "add", "rev-1", "--key", k1, "--conflict-district", "Oak Ridge", "--conflict-state", "HI")
	// The line says the conflicts too: what the queue now keeps from them.
	if err != nil || !strings.Contains(out, "rev-1 (reviewer): 1 key, 1 added · conflicts: districts: Oak Ridge; states: HI") {
		t.Fatalf("add: %v %q", err, out)
	}
	// Update: a second key is added, the first kept; the same key again
	// changes nothing; the role changes; conflicts not given are kept.
	out, err = runCmd(t, reviewersCmd(g), "add", "rev-1", "--key", k2, "--key", k1, "--role", "lead")
	if err != nil || !strings.Contains(out, "rev-1 (lead): 2 keys, 1 added") {
		t.Fatalf("update: %v %q", err, out)
	}
	st := openTestStore(t, db)
	r, err := st.Reviewer("rev-1")
	st.Close()
	if err != nil || r.Role != review.RoleLead || len(r.Keys) != 2 || !strings.HasSuffix(r.Keys[0], " k1.pub@laptop") ||
		len(r.ConflictDistricts) != 1 || r.ConflictStates[0] != "HI" {
		t.Fatalf("stored %+v (%v)", r, err)
	}

	out, err = runCmd(t, reviewersCmd(g), "list")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ID", "ROLE", "KEYS", "CONFLICTS", "rev-1", "lead", fp1 + ", " + fp2, "districts: Oak Ridge; states: HI"} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}

	// A conflict flag given "" clears its list; it never stores a blank.
	out, err = runCmd(t, reviewersCmd(g), "add", "rev-1", "--conflict-district", "")
	if err != nil || !strings.Contains(out, "conflicts: states: HI") || strings.Contains(out, "districts") {
		t.Fatalf("clear districts: %v %q", err, out)
	}
	out, err = runCmd(t, reviewersCmd(g), "add", "rev-1", "--conflict-state", " ", "--conflict-state", "OR")
	if err != nil || !strings.HasSuffix(strings.TrimSpace(out), "conflicts: states: OR") {
		t.Fatalf("blank state among others: %v %q", err, out)
	}
	// A state is kept as its postal code, however written; one that is
	// none is refused (a typo would match no candidate) and nothing changes.
	out, err = runCmd(t, reviewersCmd(g), "add", "rev-1", "--conflict-state", "Hawaiʻi")
	if err != nil || !strings.HasSuffix(strings.TrimSpace(out), "conflicts: states: HI") {
		t.Fatalf("a state by name: %v %q", err, out)
	}
	if _, err = runCmd(t, reviewersCmd(g), "add", "rev-1", "--conflict-state", "Hawai"); err == nil ||
		err.Error() != `--conflict-state "Hawai": not a US state, DC or territory, nor its two-letter postal code` {
		t.Fatalf("a misspelt state: %v", err)
	}
	out, err = runCmd(t, reviewersCmd(g), "add", "rev-1", "--conflict-state", "")
	if err != nil || !strings.HasSuffix(strings.TrimSpace(out), "· conflicts: none") {
		t.Fatalf("the last conflict cleared: %v %q", err, out)
	}
}

// TestReviewersConflictReleasesSaid: a conflict declared while the
// reviewer holds a claim of that candidate's attempt releases it (rule 7),
// and the admin's line says so, where it said only the conflicts.
func TestReviewersConflictReleasesSaid(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := storeWithKnownRubrics(t)
	sub := writeFile(t, dir, "sub.jsonl", `{"type":"submission","application":"H-1","credential":"df","attempt":1,"submitted_at":"2024-05-01T00:00:00Z",`+
		`"candidate":{"name":"Noor Haddad","email":"noor@example.org","district":"Hilo","state":"HI"},"parts":[{"title":"Part 1: Overview","text":"Grade 5 science."}]}`+"\n")
	mustRun(t, "import", sub, "--db", db)
	g := &globals{db: db}
	if _, err := runCmd(t, reviewersCmd(g), "add", "rev-1"); err != nil {
		t.Fatal(err)
	}
	st := openTestStore(t, db)
	_, err := st.Claim("rev-1", review.AttemptKey{Application: "H-1", Attempt: 1})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, err := runCmd(t, reviewersCmd(g), "add", "rev-1", "--conflict-district", "Hilo")
	if want := "rev-1 (reviewer): 0 keys, 0 added · conflicts: districts: Hilo · released 1 claim now in conflict"; err != nil || strings.TrimSpace(out) != want {
		t.Errorf("a conflict declared over a claim: %v %q, want %q", err, out, want)
	}
	// Declared again, nothing more is released, and the line says none.
	if out, err = runCmd(t, reviewersCmd(g), "add", "rev-1", "--conflict-district", "Hilo", "--conflict-state", "HI"); err != nil || strings.Contains(out, "released") {
		t.Errorf("declared again: %v %q", err, out)
	}
}

// TestReviewersAddErrors: a missing or private key file, one that holds no
// key, a key of another reviewer, a bad role or a bad id each fail in one
// line, and nothing is stored.
func TestReviewersAddErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	g := &globals{db: db}
	k1, _ := pubKeyFile(t, dir, "k1.pub")
	if _, err := runCmd(t, reviewersCmd(g), "add", "rev-1", "--key", k1); err != nil {
		t.Fatal(err)
	}
	private := writeFile(t, dir, "id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbg==\n-----END OPENSSH PRIVATE KEY-----\n")
	garbage := writeFile(t, dir, "notes.txt", "my key is on the other laptop\n")
	// A certificate, and a line with options serve would not enforce.
	_, user := signerFile(t, dir, "user")
	_, ca := signerFile(t, dir, "ca")
	cert := &gossh.Certificate{Key: user.PublicKey(), CertType: gossh.UserCert, KeyId: "u",
		ValidBefore: uint64(time.Now().Add(-time.Hour).Unix())}
	if err := cert.SignCert(rand.Reader, ca); err != nil {
		t.Fatal(err)
	}
	certFile := writeFile(t, dir, "user-cert.pub", string(gossh.MarshalAuthorizedKey(cert)))
	_, other := signerFile(t, dir, "other")
	restricted := writeFile(t, dir, "authorized_keys", "# laptop\n\n"+string(gossh.MarshalAuthorizedKey(user.PublicKey()))+
		`from="10.9.9.9",expiry-time="20200101" `+string(gossh.MarshalAuthorizedKey(other.PublicKey())))
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing file", []string{"add", "rev-2", "--key", filepath.Join(dir, "nope.pub")}, "key file " + filepath.Join(dir, "nope.pub") + ": no such file or directory"},
		{"private key", []string{"add", "rev-2", "--key", private}, "key file " + private + " is a private key: pass the public key"},
		{"not a key", []string{"add", "rev-2", "--key", garbage}, "key file " + garbage + ": not an SSH public key"},
		{"key of another reviewer", []string{"add", "rev-2", "--key", k1}, "key file " + k1 + ": key SHA256:"},
		{"certificate", []string{"add", "rev-2", "--key", certFile}, "key file " + certFile + ":1: an SSH certificate, whose expiry, principals and signer assessor does not check"},
		{"options", []string{"add", "rev-2", "--key", restricted}, "key file " + restricted + `:4: options from="10.9.9.9",expiry-time="20200101", which assessor does not enforce`},
		{"bad role", []string{"add", "rev-2", "--role", "boss"}, `--role "boss": invalid role (want reviewer, lead or admin)`},
		{"empty role", []string{"add", "rev-2", "--role", ""}, `--role "": invalid role`},
		{"bad id", []string{"add", "rev 2"}, `reviewer id "rev 2"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := runCmd(t, reviewersCmd(g), tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("err = %v, want one line containing %q", err, tt.want)
			}
		})
	}
	st := openTestStore(t, db)
	defer st.Close()
	if _, err := st.Reviewer("rev-2"); err == nil {
		t.Fatal("a failed add stored rev-2")
	}
}

// TestReviewersAddIsAudited: what grants access is in the audit log, by
// whom and when, as what takes it away is: a reviewer added, each key
// added, a role and conflicts changed; adding a key already there, or
// giving the same role or conflicts again (in another order or form),
// records nothing.
func TestReviewersAddIsAudited(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := leadStore(t)
	addReviewers(t, db, review.Reviewer{ID: "admin-1", Role: review.RoleAdmin})
	k1, fp1 := pubKeyFile(t, dir, "k1.pub")
	k2, fp2 := pubKeyFile(t, dir, "k2.pub")
	for _, args := range [][]string{
		{"reviewers", "add", "rev-new", "--key", k1},
		{"reviewers", "add", "rev-new", "--key", k1, "--role", "reviewer"}, // nothing changes
		{"reviewers", "add", "rev-new", "--role", "admin", "--key", k2},
		{"reviewers", "add", "rev-new", "--conflict-district", "Hilo", "--conflict-district", "Kona", "--conflict-state", "Hawaii"},
		{"reviewers", "add", "rev-new", "--conflict-district", "kona", "--conflict-district", "Hilo Complex Area"}, // the same conflicts
		{"reviewers", "add", "rev-new", "--conflict-district", "", "--conflict-state", ""},
	} {
		if out, err := run(t, "", append(args, "--as", "admin-1", "--db", db)...); err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	out := mustRun(t, "audit", "--db", db, "--as", "lead-1")
	var got []string
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) > 3 && f[2] == "admin-1" {
			got = append(got, strings.Join(f[3:], " "))
		}
	}
	want := []string{
		"reviewer added: rev-new (reviewer)",
		"key added: rev-new " + fp1,
		"role changed: rev-new: reviewer → admin",
		"key added: rev-new " + fp2,
		"conflicts changed: rev-new: districts: Hilo, Kona; states: HI",
		"conflicts changed: rev-new: none",
	}
	if !slices.Equal(got, want) {
		t.Errorf("audit by admin-1:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// No reason is asked for these, and check does not want one.
	if out, err := run(t, "", "check", "--db", db); err != nil {
		t.Errorf("check after reviewers add: %v\n%s", err, out)
	}
}

// TestReviewersRemove: removing a reviewer releases their claim (the
// attempt is offered to others again), keeps their decision, writes an
// audit record, and needs a reason; removing one key by fingerprint keeps
// the others; unknown reviewers and keys are one-line errors.
func TestReviewersRemove(t *testing.T) {
	t.Parallel()
	mustRun := func(t *testing.T, args ...string) string {
		t.Helper()
		out, err := run(t, "", args...)
		if err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	dir := t.TempDir()
	db := leadStore(t) // lead-1, rev-x, decisions of the known history
	addReviewers(t, db, review.Reviewer{ID: "admin-1", Role: review.RoleAdmin})
	k1, fp1 := pubKeyFile(t, dir, "k1.pub")
	k2, fp2 := pubKeyFile(t, dir, "k2.pub")
	mustRun(t, "reviewers", "add", "rev-gone", "--key", k1, "--db", db)
	st := openTestStore(t, db)
	as, err := st.Next("rev-gone", "")
	if err != nil {
		t.Fatal(err)
	}
	decided, err := st.Audit()
	st.Close()
	if err != nil {
		t.Fatal(err)
	}

	if _, err := run(t, "", "reviewers", "remove", "rev-gone", "--reason", "left", "--as", "lead-1", "--db", db); err == nil || !strings.Contains(err.Error(), "reviewers remove is for admins and lead-1 has role lead") {
		t.Fatalf("a lead removes a reviewer: %v", err)
	}
	if _, err := run(t, "", "reviewers", "remove", "rev-gone", "--db", db); err == nil || !strings.Contains(err.Error(), "reviewers remove needs --reason") {
		t.Fatalf("remove without a reason: %v", err)
	}
	if out := mustRun(t, "reviewers", "remove", "rev-gone", "--reason", "left the program", "--db", db, "--as", "admin-1"); out != "rev-gone: removed; 1 claim released\n" {
		t.Fatalf("remove: %q", out)
	}
	if _, err := run(t, "", "reviewers", "remove", "nobody", "--reason", "x", "--db", db); err == nil || !strings.Contains(err.Error(), "reviewer nobody: not found") {
		t.Fatalf("remove unknown: %v", err)
	}
	st = openTestStore(t, db)
	if _, err := st.Reviewer("rev-gone"); err == nil {
		t.Error("rev-gone still registered")
	}
	if other, err := st.Claim("rev-x", as.Attempt.Key()); err != nil || other.Attempt.Key() != as.Attempt.Key() {
		t.Errorf("the released attempt: %v", err)
	}
	recs, _ := st.Audit()
	st.Close()
	if len(recs) != len(decided)+1 || recs[len(recs)-1].Action != review.AuditReviewerRemoved || recs[len(recs)-1].Lead != "admin-1" || recs[len(recs)-1].Subject != "rev-gone (reviewer)" {
		t.Errorf("audit after remove: %+v", recs)
	}
	if out := mustRun(t, "audit", "--db", db, "--as", "lead-1"); !strings.Contains(out, "reviewer removed: rev-gone (reviewer)") || !strings.Contains(out, "left the program") {
		t.Errorf("audit list:\n%s", out)
	}

	// One key of two.
	mustRun(t, "reviewers", "add", "rev-keys", "--key", k1, "--key", k2, "--db", db)
	if _, err := run(t, "", "reviewers", "keys", "remove", "rev-keys", "SHA256:nope", "--reason", "x", "--db", db); err == nil || !strings.Contains(err.Error(), "reviewer rev-keys has no key SHA256:nope") {
		t.Fatalf("remove an unknown key: %v", err)
	}
	// A claim made with a lost key goes back to the queue with it.
	st = openTestStore(t, db)
	held, err := st.Next("rev-keys", "")
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if out := mustRun(t, "reviewers", "keys", "remove", "rev-keys", fp1, "--reason", "lost laptop", "--db", db); out != "rev-keys: key "+fp1+" removed; 1 claim released\n" {
		t.Fatalf("keys remove: %q", out)
	}
	st = openTestStore(t, db)
	_, err = st.Claim("rev-x", held.Attempt.Key())
	st.Close()
	if err != nil {
		t.Errorf("the attempt claimed with the removed key: %v", err)
	}
	if out := mustRun(t, "reviewers", "list", "--db", db); !strings.Contains(out, fp2) || strings.Contains(out, fp1) {
		t.Errorf("list after keys remove:\n%s", out)
	}
}

// TestReviewersKeepAnAdmin: the last admin with a key cannot be removed,
// lose their last key or be made a lead (over ssh nobody could then
// manage reviewers); with a second admin added first, each works, and a
// refused change stores nothing and audits nothing.
func TestReviewersKeepAnAdmin(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := leadStore(t)
	k1, fp1 := pubKeyFile(t, dir, "k1.pub")
	k2, _ := pubKeyFile(t, dir, "k2.pub")
	if out, err := run(t, "", "reviewers", "add", "adm-1", "--role", "admin", "--key", k1, "--db", db); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	st := openTestStore(t, db)
	before, _ := st.Audit()
	st.Close()
	for _, args := range [][]string{
		{"reviewers", "remove", "adm-1", "--reason", "x"},
		{"reviewers", "keys", "remove", "adm-1", fp1, "--reason", "x"},
		{"reviewers", "add", "adm-1", "--role", "lead"},
	} {
		_, err := run(t, "", append(args, "--db", db)...)
		if err == nil || !strings.Contains(err.Error(), "adm-1 is the last admin with a key and that would leave no admin with a key: add another admin first") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v, want the one-line last-admin refusal", strings.Join(args, " "), err)
		}
	}
	st = openTestStore(t, db)
	r, err := st.Reviewer("adm-1")
	after, _ := st.Audit()
	st.Close()
	if err != nil || r.Role != review.RoleAdmin || len(r.Keys) != 1 || len(after) != len(before) {
		t.Fatalf("after refusals: %+v, %v, %d audit records (were %d)", r, err, len(after), len(before))
	}
	if out, err := run(t, "", "reviewers", "add", "adm-2", "--role", "admin", "--key", k2, "--db", db); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if out, err := run(t, "", "reviewers", "remove", "adm-1", "--reason", "left", "--db", db); err != nil {
		t.Fatalf("remove with another admin: %v\n%s", err, out)
	}
}

// TestReviewersAddDistrictWithComma: a district named with a comma (as a
// candidate's record may name it) is one district, declared as given,
// and its confirmation quotes it, so it never reads as two.
func TestReviewersAddDistrictWithComma(t *testing.T) {
	t.Parallel()
	g := &globals{db: filepath.Join(t.TempDir(), "a.db")}
	one, err := runCmd(t, reviewersCmd(g), "add", "rev-1", "--conflict-district", "Hilo, Kona")
	if err != nil || !strings.HasSuffix(one, ` · conflicts: districts: "Hilo, Kona"`+"\n") {
		t.Errorf("one district with a comma: %v %q", err, one)
	}
	two, err := runCmd(t, reviewersCmd(g), "add", "rev-2", "--conflict-district", "Hilo", "--conflict-district", "Kona")
	if err != nil || !strings.HasSuffix(two, " · conflicts: districts: Hilo, Kona\n") {
		t.Errorf("two districts: %v %q", err, two)
	}
}
