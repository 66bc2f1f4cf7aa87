package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"assessor/review"
)

// TestExportBadgesWithholdsRevocationReason: a lead's revocation reason is
// published in the assertion and in revocations.json, which the candidate
// and whoever verifies the badge read, so it withholds what the feedback
// export does: the reviewer who decided (rev-a, not even registered), a
// registered id, handles and a phone. A stack badge revoked with the pass
// carries the same reason, withheld too; badges list shows leads the
// reason as written.
func TestExportBadgesWithholdsRevocationReason(t *testing.T) {
	t.Parallel()
	db := badgeStore(t)
	addReviewers(t, db, review.Reviewer{ID: "rev-z", Role: review.RoleReviewer})
	if _, err := runBadges(t, "config", "issuer", "--name", "NEA", "--url", "https://badges.example.net", "--db", db); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "site")
	// Published first, so the stack badge X1 earned stays, revoked with it.
	if out, err := runBadges(t, "export", "badges", dir, "--db", db); err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	st := openTestStore(t, db)
	set, err := st.Badges("lead-1")
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	id := idOf(t, set, "X1") // decided by rev-a
	var stack string
	for _, b := range set.Badges {
		if b.Stack == "Assessment Literacy" {
			stack = b.ID
		}
	}
	own, other := storedApplication(t, db, "X1").Pseudonym, storedApplication(t, db, "Y1").Pseudonym
	reason := "rev-a found the lesson plan copied from " + other + "#1 into " + own + "#1; Rev Z agrees, rev-z too, call 808-555-7777"
	if out, err := runBadges(t, "revoke", id, "--reason", reason, "--db", db); err != nil {
		t.Fatalf("revoke: %v\n%s", err, out)
	}
	if out, err := runBadges(t, "export", "badges", dir, "--db", db); err != nil || !strings.Contains(out, "2 revoked") {
		t.Fatalf("export: %v\n%s", err, out)
	}
	published := "[reviewer] found the lesson plan copied from [another application] into [your application]; Rev Z agrees, [reviewer] too, call [contact withheld]"
	docs := checkOpenBadges(t, readTree(t, dir), "https://badges.example.net/")
	if got := docs[review.AssertionFile(id)]["revocationReason"]; got != published {
		t.Errorf("the assertion's reason\n %q\nwant %q", got, published)
	}
	if got, _ := docs[review.AssertionFile(stack)]["revocationReason"].(string); !strings.HasSuffix(got, "("+published+")") {
		t.Errorf("the stack assertion's reason %q", got)
	}
	list := map[string]string{}
	for _, r := range docs[review.RevocationListFile]["revokedAssertions"].([]any) {
		m := r.(map[string]any)
		list[m["id"].(string)] = m["revocationReason"].(string)
	}
	if got := list["https://badges.example.net/assertions/"+id+".json"]; got != published {
		t.Errorf("revocations.json's reason\n %q\nwant %q", got, published)
	}
	if got := list["https://badges.example.net/assertions/"+stack+".json"]; !strings.HasSuffix(got, "("+published+")") {
		t.Errorf("revocations.json's stack reason %q", got)
	}
	if out, err := runBadges(t, "badges", "list", "--db", db); err != nil || !strings.Contains(out, reason) {
		t.Errorf("badges list does not show leads the reason as written: %v\n%s", err, out)
	}
}
