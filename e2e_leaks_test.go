package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEndToEndLeaksScreen works a flag on the lead's flag screen of the
// binary (`assessor leaks work`): the list, a read with a reason, a
// redaction with its reason; then `leaks` lists what is left and `audit`
// holds both records, as the leaks show and redact subcommands write them.
func TestEndToEndLeaksScreen(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "leaks.db")
	runBin(t, bin, "rubrics", "add", "examples/small-group-instruction.md", "--db", db)
	runBin(t, bin, "config", "leaks", "add", "Lincoln Elementary", "--db", db)
	sub := `{"type":"submission","application":"L-1","credential":"small-group-instruction","attempt":1,` +
		`"submitted_at":"2026-10-06T09:00:00Z","candidate":{"name":"Noor Haddad","email":"noor@example.org"},"parts":[` +
		`{"title":"Part 1: Overview questions","text":"I am Noor Haddad. Ask kim@example.org at Lincoln Elementary."},` +
		`{"title":"Part 2: Evidence and plan","text":"The plan."},{"title":"Part 3: Reflection","text":"It went well."}]}` + "\n"
	jsonl := filepath.Join(dir, "l.jsonl")
	if err := os.WriteFile(jsonl, []byte(sub), 0o600); err != nil {
		t.Fatal(err)
	}
	runBin(t, bin, "import", jsonl, "--db", db, "--no-files")
	runBin(t, bin, "reviewers", "add", "lead-1", "--role", "lead", "--db", db)

	tm := newTerm(t, []string{"NO_COLOR=1"}, bin, "leaks", "work", "--db", db, "--as", "lead-1")
	s := tm.waitForText("1 attempt with open flags")
	if !strings.Contains(s, "part 1 (email) · part 1 (listed-name)") || strings.Contains(s, "kim@example.org") {
		t.Fatalf("list:\n%s", s)
	}
	tm.press("Enter", "Why are you reading")
	tm.typeText("e2e check")
	tm.press("Enter", "read for: e2e check")
	s = tm.waitForText("⟦kim@example.org⟧")
	// What leaks show prints a lead: the import's redaction of the
	// candidate's own name, from the evidence as submitted.
	if !strings.Contains(s, "part 1 (candidate-name)") || !strings.Contains(s, "⟦Noor Haddad⟧") {
		t.Fatalf("flags:\n%s", s)
	}
	tm.press("x", "Why are you redacting flag 1")
	tm.typeText("another teacher")
	tm.press("Enter", "flag 1 redacted; recorded in the audit log")
	tm.waitForText("1. part 1 (listed-name)")
	tm.key("q")
	tm.waitExit()

	left := runBin(t, bin, "leaks", "--db", db, "--as", "lead-1")
	if strings.Contains(left, "email") || !strings.Contains(left, "listed-name") {
		t.Errorf("leaks after the screen:\n%s", left)
	}
	audit := runBin(t, bin, "audit", "--db", db, "--as", "lead-1")
	for _, want := range []string{"show flags", "e2e check", "redact flag", "another teacher"} {
		if !strings.Contains(audit, want) {
			t.Errorf("audit lacks %q:\n%s", want, audit)
		}
	}
}
