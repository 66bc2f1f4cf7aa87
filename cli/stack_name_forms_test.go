package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestStackNameFormsAreOneStack: three rubrics name the stack
// "Pédagogie avancée", one of them written decomposed (NFD, as an editor
// on macOS may save it). On every screen the three read the same, and
// the badge export itself reads them as one file. A candidate who passed
// two of the three credentials has not completed the stack (docs/formats.md
// §5: a stack badge is for a completed stack), and the report
// shows the stack once.
func TestStackNameFormsAreOneStack(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	stacks := map[string]string{"cred-a": "Pédagogie avancée", "cred-b": "Pédagogie avancée", "cred-c": "Pe\u0301dagogie avance\u0301e"}
	for id, stack := range stacks {
		writeFile(t, dir, id+".md", fmt.Sprintf("---\nid: %s\ntitle: Credential %s\nstack: %s\n---\n# T\n\n## Part 1: Evidence\n\n### C1. Only criterion\nDescribes C1.\n", id, id, stack))
		if out, err := run(t, "", "rubrics", "add", filepath.Join(dir, id+".md"), "--db", db); err != nil {
			t.Fatalf("rubrics add: %v\n%s", err, out)
		}
	}
	var lines []string
	for i, cred := range []string{"cred-a", "cred-b"} {
		app := fmt.Sprintf("P-%d", i+1)
		lines = append(lines,
			`{"type":"submission","application":"`+app+`","credential":"`+cred+`","attempt":1,"submitted_at":"2025-01-01T10:00:00Z","candidate":{"name":"Dana Ruiz","email":"dana@example.org"},"parts":[{"title":"Part 1: Evidence","text":"My class."}]}`,
			`{"type":"decision","application":"`+app+`","attempt":1,"reviewer":"rev-07","decided_at":"2025-01-05T10:00:00Z","outcome":"pass","levels":{"C1":"meets"}}`)
	}
	in := writeFile(t, dir, "in.jsonl", strings.Join(lines, "\n")+"\n")
	if out, err := run(t, "", "import", in, "--db", db); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	out, err := run(t, "", "report", "--format", "json", "--db", db)
	if err != nil {
		t.Fatalf("report: %v\n%s", err, out)
	}
	var rep struct {
		ByStack []struct {
			Stack     string `json:"stack"`
			Completed int    `json:"stacks_completed"`
		} `json:"by_stack"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.ByStack) != 1 {
		t.Errorf("by_stack has %d rows for one stack name as read: %+v", len(rep.ByStack), rep.ByStack)
	}
	for _, s := range rep.ByStack {
		if s.Completed != 0 {
			t.Errorf("stack %q: stacks_completed = %d, but the candidate passed 2 of its 3 credentials", s.Stack, s.Completed)
		}
	}
}
