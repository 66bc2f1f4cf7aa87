package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeMissingFileMessage: the README's "Attachments" quotes the line
// an import prints when a named evidence file is missing
// (`in.jsonl:4: parts[1].files[0]: lesson-plan.pdf: no such file in
// evidence/`). An import whose line 4 names a missing lesson-plan.pdf in
// its second part, read with --files evidence/, must print that line.
func TestReadmeMissingFileMessage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "every named file must exist (`")
	if !ok {
		t.Fatal("README.md no longer quotes the missing-file message")
	}
	want, _, _ := strings.Cut(rest, "`")
	want = strings.Join(strings.Fields(want), " ") // the README wraps it

	bin := assessorBinary(t)
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "evidence"), 0o755); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for i, files := range [][]string{nil, nil, nil, {"lesson-plan.pdf"}} {
		rec := map[string]any{"type": "submission", "application": "X-" + string(rune('1'+i)),
			"credential": "small-group-instruction", "attempt": 1,
			"started_at": "2026-10-01T00:00:00Z", "submitted_at": "2026-10-05T10:00:00Z",
			"candidate": map[string]any{"name": "Al Bee" + string(rune('a'+i))},
			"parts":     []map[string]any{{"title": "Part 1", "text": "t"}, {"title": "Part 2", "text": "t", "files": files}}}
		if files == nil {
			delete(rec["parts"].([]map[string]any)[1], "files")
		}
		b, _ := json.Marshal(rec)
		lines = append(lines, string(b))
	}
	if err := os.WriteFile(filepath.Join(dir, "in.jsonl"), []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "s.db")
	run := func(args ...string) (string, error) {
		cmd := exec.Command(bin, append(args, "--db", db)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "NO_COLOR=1", "XDG_DATA_HOME="+filepath.Join(dir, "data"))
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err := cmd.Run()
		return strings.TrimSpace(stderr.String()), err
	}
	rubric, _ := filepath.Abs("examples/small-group-instruction.md")
	if out, err := run("rubrics", "add", rubric); err != nil {
		t.Fatalf("rubrics add: %v\n%s", err, out)
	}
	got, err := run("import", "in.jsonl", "--files", "evidence/")
	if err == nil {
		t.Fatal("the import of a missing file succeeded")
	}
	if got != want {
		t.Errorf("import printed\n  %s\nREADME.md (\"Attachments\") says it prints\n  %s", got, want)
	}
}
