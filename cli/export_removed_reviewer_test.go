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
	withheldAfterRemoval(t, db, "W-1", "rev-a")
}

// withheldAfterRemoval checks that app's feedback export withholds id
// while id is registered, and after reviewers remove id.
func withheldAfterRemoval(t *testing.T, db, app, id string) {
	t.Helper()
	if before := mustRun(t, "export", "feedback", "--application", app, "--db", db); strings.Contains(before, id) {
		t.Fatalf("export names %s while registered:\n%s", id, before)
	}
	if out, err := run(t, "", "reviewers", "remove", id, "--reason", "left the program", "--db", db); err != nil {
		t.Fatalf("reviewers remove: %v %s", err, out)
	}
	if after := mustRun(t, "export", "feedback", "--application", app, "--db", db); strings.Contains(after, id) {
		t.Errorf("after reviewers remove %s, the candidate's feedback names the reviewer:\n%s", id, after)
	}
}

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
	withheldAfterRemoval(t, db, "W-1", "rev-z9")
}
