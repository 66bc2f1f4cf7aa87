package cli

import (
	"strings"
	"testing"
)

// TestExportWithholdsRemovedReviewerAmendedAway: rev-z9's only
// decision was amended by a lead (the decision of record is now the
// lead's, and rev-z9's stays on record in its history); rev-z9 then
// leaves the program. A colleague's feedback on another application naming
// rev-z9 must still withhold the id (docs/formats.md §4), as it does for a
// removed reviewer whose decision was not amended.
func TestExportWithholdsRemovedReviewerAmendedAway(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	lines := `{"type":"submission","application":"Z-1","credential":"df","attempt":1,"submitted_at":"2024-05-01T00:00:00Z","parts":[{"title":"Part 1","text":"x"}]}
{"type":"decision","application":"Z-1","attempt":1,"reviewer":"rev-z9","decided_at":"2024-05-03T00:00:00Z","outcome":"resubmit","levels":{"C1":"meets","C2":"not-yet"},` +
		`"feedback":{"C2":"Your artifact shows the feedback but not what students did with it afterwards in class."}}
{"type":"submission","application":"W-1","credential":"df","attempt":1,"submitted_at":"2024-05-01T00:00:00Z","parts":[{"title":"Part 1","text":"x"}]}
{"type":"decision","application":"W-1","attempt":1,"reviewer":"grace","decided_at":"2024-05-03T00:00:00Z","outcome":"resubmit","levels":{"C1":"meets","C2":"not-yet"},` +
		`"feedback":{"C2":"Your artifact shows the feedback but not what students did with it; ask rev-z9 about the plan."}}
`
	if _, _, err := runLead(t, lines, "import", "-", "--no-files", "--db", db); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "amend", "Z-1#1", "--as", "lead-1", "--reason", "clearer feedback for the candidate",
		"--feedback", "C2=Your artifact shows your feedback but not what the students did with it next in class.", "--db", db)
	if before := mustRun(t, "export", "feedback", "--application", "W-1", "--db", db); strings.Contains(before, "rev-z9") {
		t.Fatalf("export names rev-z9 while registered:\n%s", before)
	}
	if out, err := run(t, "", "reviewers", "remove", "rev-z9", "--reason", "left the program", "--db", db); err != nil {
		t.Fatalf("reviewers remove: %v %s", err, out)
	}
	after := mustRun(t, "export", "feedback", "--application", "W-1", "--db", db)
	if strings.Contains(after, "rev-z9") {
		t.Errorf("after reviewers remove rev-z9 (whose decision a lead amended), the candidate's feedback names the reviewer:\n%s", after)
	}
}
