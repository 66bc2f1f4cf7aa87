package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"assessor/review"
)

// TestExportWithholdsHandleOfDigitCredential: the handles of a credential
// whose id makes a prefix with a digit ("3d-design": 3D-7KQ2) are withheld
// from the candidate's feedback as any other handle.
func TestExportWithholdsHandleOfDigitCredential(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("../testdata/known/df.md")
	if err != nil {
		t.Fatal(err)
	}
	rubric := strings.Replace(string(data), "id: df", "id: 3d-design", 1)
	db := filepath.Join(dir, "a.db")
	if out, err := run(t, "", "rubrics", "add", writeFile(t, dir, "3d.md", rubric), "--db", db); err != nil {
		t.Fatalf("rubrics add: %v\n%s", err, out)
	}
	subs := `{"type":"submission","application":"A1","credential":"3d-design","attempt":1,"submitted_at":"2024-02-01T00:00:00Z","parts":[{"title":"Part 1: Overview","text":"t"}],"candidate":{"name":"Cand A","email":"a@example.org"}}
{"type":"submission","application":"B1","credential":"3d-design","attempt":1,"submitted_at":"2024-02-01T00:00:00Z","parts":[{"title":"Part 1: Overview","text":"t"}],"candidate":{"name":"Cand B","email":"b@example.org"}}
`
	if out, err := run(t, "", "import", writeFile(t, dir, "s.jsonl", subs), "--db", db); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	other := storedApplication(t, db, "B1").Pseudonym
	own := storedApplication(t, db, "A1").Pseudonym
	if !strings.HasPrefix(other, "3D-") {
		t.Fatalf("handle %q", other)
	}
	dec := `{"type":"decision","application":"A1","attempt":1,"reviewer":"rev-a","decided_at":"2024-02-04T00:00:00Z","outcome":"resubmit","levels":{"C1":"not-yet","C2":"meets"},"feedback":{"C1":"Describe the class the way ` + other + `#1 did, and as ` + own + `#1 began to."}}
`
	if out, err := run(t, "", "import", writeFile(t, dir, "d.jsonl", dec), "--db", db); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	addReviewers(t, db, review.Reviewer{ID: "lead-1", Role: review.RoleLead})
	out, err := run(t, "", "export", "feedback", "--application", "A1", "--as", "lead-1", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, other) || strings.Contains(out, own) {
		t.Errorf("the candidate's feedback carries pseudonyms (%s, %s):\n%s", other, own, out)
	}
}
