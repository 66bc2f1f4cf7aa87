package cli

import (
	"strings"
	"testing"

	"assessor/review"
)

// TestConflictsNearMisses: a lead lists the pending candidates whose
// district is near a reviewer's declared one, only with a reason, and the
// listing is audited; an unknown state fails the import with one line.
func TestConflictsNearMisses(t *testing.T) {
	db := leadStore(t)
	line := func(app, district, state string) string {
		return `{"type":"submission","application":"` + app + `","credential":"df","attempt":1,"submitted_at":"2024-04-01T00:00:00Z",` +
			`"parts":[{"title":"Part 1: Overview","text":"x"},{"title":"Part 2: Artifacts","text":"y"}],` +
			`"candidate":{"name":"Cand ` + app + `","email":"` + app + `@example.org","district":"` + district + `","state":"` + state + `"}}` + "\n"
	}
	_, _, err := runLead(t, line("B1", "Hilo", "Atlantis"), "import", "-", "--db", db)
	if err == nil || !strings.Contains(err.Error(), "stdin:1: candidate.state:") {
		t.Fatalf("unknown state: %v", err)
	}
	if _, errOut, err := runLead(t, line("B1", "Hilo Uplands", "Hawaii")+line("B2", "Hilo Complex Area", "HI")+line("B3", "Kona", "HI"), "import", "-", "--db", db); err != nil {
		t.Fatalf("import: %v\n%s", err, errOut)
	}
	addReviewers(t, db, review.Reviewer{ID: "rev-hilo", ConflictDistricts: []string{"Hilo"}})
	root := func() []string { return []string{"--db", db, "--reviewer", "lead-1"} }
	if _, _, err := runLead(t, "", append([]string{"conflicts", "near-misses"}, root()...)...); err == nil || !strings.Contains(err.Error(), "--reason") {
		t.Fatalf("without a reason: %v", err)
	}
	if _, _, err := runLead(t, "", "conflicts", "near-misses", "--reason", "x", "--db", db, "--reviewer", "rev-x"); err == nil {
		t.Fatal("a reviewer listed near-misses")
	}
	out := mustRun(t, append([]string{"conflicts", "near-misses", "--reason", "check rev-hilo"}, root()...)...)
	if !strings.Contains(out, "rev-hilo") || !strings.Contains(out, "Hilo Uplands") || strings.Contains(out, "Complex Area") || strings.Contains(out, "Kona") {
		t.Errorf("near-misses:\n%s", out)
	}
	if audit := mustRun(t, append([]string{"audit"}, root()...)...); !strings.Contains(audit, "conflict near-misses") || !strings.Contains(audit, "check rev-hilo") {
		t.Errorf("audit:\n%s", audit)
	}
}
