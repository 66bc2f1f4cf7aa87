package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"assessor/cli"
)

// TestFormatsExample imports the worked example of docs/formats.md §2, as
// written there, into a store holding the bundled rubrics, so the example a
// program copies is one that imports; the report must then count what the
// text says it holds.
func TestFormatsExample(t *testing.T) {
	data, err := os.ReadFile("docs/formats.md")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, `{"type":`) {
			lines = append(lines, l)
		}
	}
	if len(lines) != 5 {
		t.Fatalf("docs/formats.md holds %d example import lines, want 5", len(lines))
	}
	dir := t.TempDir()
	jsonl := filepath.Join(dir, "example.jsonl")
	if err := os.WriteFile(jsonl, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "example.db")
	for _, args := range [][]string{
		{"rubrics", "add", "rubrics/bundled", "--db", db},
		{"import", jsonl, "--no-files", "--db", db},
	} {
		if _, err := runCLI(t, args...); err != nil {
			t.Fatalf("assessor %s: %v", strings.Join(args, " "), err)
		}
	}
	out, err := runCLI(t, "report", "--format", "csv", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	// descriptive-feedback: 2 applications, attempt 1 decided once and sent
	// back, one passed on attempt 2, 2 decided attempts and 1 pending.
	if !strings.Contains(out, "descriptive-feedback,Descriptive Feedback of Student Learning,Assessment Literacy,2,1,0,0,1,1,2,2,1,") {
		t.Fatalf("report does not count the example as docs/formats.md describes it:\n%s", out)
	}
}

// runCLI runs one assessor command in process and returns what it wrote to
// stdout.
func runCLI(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut strings.Builder
	cmd := cli.New()
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	cmd.SetIn(strings.NewReader(""))
	err := cmd.Execute()
	return out.String(), err
}
