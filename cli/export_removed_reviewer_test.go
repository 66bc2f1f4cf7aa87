package cli

import (
	"strings"
	"testing"
)

// TestExportWithholdsRemovedReviewerID: a reviewer who left the
// program (reviewers remove: "their decisions stay") is still one of its
// reviewers: rev-a's id, written in another application's feedback, is
// withheld from the candidate's export before the removal, and must stay
// withheld after it (docs/formats.md §4: no reviewer id).
func TestExportWithholdsRemovedReviewerID(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	lines := `{"type":"submission","application":"W-1","credential":"df","attempt":1,"submitted_at":"2024-05-01T00:00:00Z","parts":[{"title":"Part 1","text":"x"}]}
{"type":"decision","application":"W-1","attempt":1,"reviewer":"grace","decided_at":"2024-05-03T00:00:00Z","outcome":"resubmit","levels":{"C1":"meets","C2":"not-yet"},` +
		`"feedback":{"C2":"Your artifact shows the feedback but not what students did with it; ask rev-a about the plan."}}
`
	if _, _, err := runLead(t, lines, "import", "-", "--no-files", "--db", db); err != nil {
		t.Fatal(err)
	}
	before := mustRun(t, "export", "feedback", "--application", "W-1", "--db", db)
	if strings.Contains(before, "rev-a") {
		t.Fatalf("export names rev-a while registered:\n%s", before)
	}
	if out, err := run(t, "", "reviewers", "remove", "rev-a", "--reason", "left the program", "--db", db); err != nil {
		t.Fatalf("reviewers remove: %v %s", err, out)
	}
	after := mustRun(t, "export", "feedback", "--application", "W-1", "--db", db)
	if strings.Contains(after, "rev-a") {
		t.Errorf("after reviewers remove rev-a, the candidate's feedback names the reviewer:\n%s", after)
	}
}
