package cli

import (
	"strings"
	"testing"
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
