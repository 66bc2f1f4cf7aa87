package cli

import (
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// TestRevealAndAudit: reveal without a reason or by a reviewer is refused
// and not audited; a lead's reveal by handle prints the identity and
// writes one audit record, which audit lists.
func TestRevealAndAudit(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	app := storedApplication(t, db, "A2")

	// No reason: refused before anything is read, so nothing is audited.
	for _, reason := range []string{"", "   "} {
		_, _, err := runLead(t, "", "reveal", "A2", "--reason", reason, "--as", "lead-1", "--db", db)
		if err == nil || err.Error() != "reveal needs --reason: say why you need the identity" {
			t.Errorf("reason %q: %v", reason, err)
		}
	}
	// A reviewer may not reveal.
	if _, _, err := runLead(t, "", "reveal", "A2", "--reason", "curious", "--reviewer", "rev-x", "--db", db); err == nil ||
		!strings.Contains(err.Error(), "lead tools need role lead or admin") {
		t.Errorf("reviewer reveal: %v", err)
	}
	if out := mustRun(t, "audit", "--as", "lead-1", "--db", db); !strings.Contains(out, "the audit log is empty") {
		t.Fatalf("refused reveals were audited:\n%s", out)
	}

	// By handle, as a lead: identity printed, audit written.
	out, errOut, err := runLead(t, "", "reveal", app.Pseudonym, "--reason", "candidate appeal\tno. 4", "--as", "lead-1", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"A2", app.Pseudonym, "Cand A2", "a2@example.org", "Hilo", "HI"} {
		if !strings.Contains(out, want) {
			t.Errorf("reveal lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "recorded in the audit log") {
		t.Errorf("stderr %q", errOut)
	}
	out = mustRun(t, "audit", "--as", "lead-1", "--db", db)
	// BY, not LEAD: admins' changes to people are listed too.
	if head := strings.Fields(strings.SplitN(out, "\n", 2)[0]); strings.Join(head, " ") != "TIME (UTC) BY WHAT REASON" {
		t.Errorf("audit header %q", head)
	}
	if !strings.Contains(out, "lead-1") || !strings.Contains(out, "reveal: "+app.Pseudonym) || !strings.Contains(out, "candidate appeal no. 4") {
		t.Errorf("audit:\n%s", out)
	}
	if strings.Contains(out, "Cand A2") || strings.Contains(out, "a2@example.org") {
		t.Errorf("audit shows identity:\n%s", out)
	}
	if _, _, err := runLead(t, "", "audit", "--as", "rev-x", "--db", db); err == nil {
		t.Error("a reviewer read the audit log")
	}
}

// TestAuditSinceAndBy: a long audit log is narrowed to the records from a
// day on and to what one lead did; a filter that matches nothing says so,
// and a bad day is refused before the store is read.
func TestAuditSinceAndBy(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	addReviewers(t, db, review.Reviewer{ID: "lead-2", Role: review.RoleLead})
	for _, who := range []string{"lead-1", "lead-2"} {
		if _, _, err := runLead(t, "", "reveal", "A2", "--reason", "appeal of "+who, "--as", who, "--db", db); err != nil {
			t.Fatal(err)
		}
	}
	out := mustRun(t, "audit", "--by", "lead-2", "--since", "2000-01-01", "--as", "lead-1", "--db", db)
	if !strings.Contains(out, "appeal of lead-2") || strings.Contains(out, "appeal of lead-1") {
		t.Errorf("audit --by lead-2:\n%s", out)
	}
	tomorrow := time.Now().UTC().AddDate(0, 0, 1).Format("2006-01-02")
	if out := mustRun(t, "audit", "--since", tomorrow, "--as", "lead-1", "--db", db); !strings.HasPrefix(out, "no record of the ") || !strings.Contains(out, "matches --since "+tomorrow) {
		t.Errorf("audit --since tomorrow:\n%s", out)
	}
	if _, _, err := runLead(t, "", "audit", "--since", "last week", "--as", "lead-1", "--db", db); err == nil || !strings.Contains(err.Error(), `--since "last week"`) {
		t.Errorf("audit --since \"last week\": %v", err)
	}
}
