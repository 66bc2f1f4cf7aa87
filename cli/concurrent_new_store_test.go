package cli

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestTwoCommandsStartingOneStore: two admins' commands that both start a
// new store at once (a rubric added while a first import runs, as a setup
// script does in the background) are two writers on one store: one waits
// for the other's lock. One that fails must not take the other's work
// with it: a `rubrics add` that said "added" must find its rubric in the
// store afterwards.
func TestTwoCommandsStartingOneStore(t *testing.T) {
	rubricFile := filepath.Join("..", "examples", "small-group-instruction.md")
	// A submission for a credential no rubric adds: the import opens the
	// store and fails there.
	var rec map[string]any
	line, _, _ := strings.Cut(string(must(os.ReadFile(filepath.Join("..", "examples", "submissions.jsonl")))), "\n")
	if err := json.Unmarshal([]byte(line), &rec); err != nil {
		t.Fatal(err)
	}
	rec["credential"] = "no-such-credential"
	for _, p := range rec["parts"].([]any) {
		delete(p.(map[string]any), "files")
	}
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	if err := os.WriteFile(bad, append(must(json.Marshal(rec)), '\n'), 0o600); err != nil {
		t.Fatal(err)
	}
	var outcomes = map[string]int{}
	n := 150
	if testing.Short() {
		n = 30
	}
	for i := 0; i < n; i++ {
		db := filepath.Join(t.TempDir(), "program.db")
		var wg sync.WaitGroup
		var aOut, bOut string
		var aErr, bErr error
		start := make(chan struct{})
		wg.Add(2)
		go func() { defer wg.Done(); <-start; aOut, aErr = run(t, "", "rubrics", "add", rubricFile, "--db", db) }()
		go func() { defer wg.Done(); <-start; bOut, bErr = run(t, "", "import", bad, "--db", db) }()
		close(start)
		wg.Wait()
		outcomes[short(aErr)+" | "+short(bErr)]++
		if aErr != nil {
			continue // the rubric waited too long and was refused: its admin knows
		}
		_, statErr := os.Stat(db)
		out, err := run(t, "", "rubrics", "list", "--db", db)
		if errors.Is(statErr, fs.ErrNotExist) || !strings.Contains(out, "small-group-instruction") {
			t.Fatalf("run %d: rubrics add said %q (no error) while import failed (%v %q), yet the store (%v) has no such rubric: rubrics list: %v %q",
				i, strings.TrimSpace(aOut), bErr, bOut, statErr, err, out)
		}
	}
	t.Logf("outcomes: %v", outcomes)
}

func short(err error) string {
	if err == nil {
		return "ok"
	}
	s := err.Error()
	if len(s) > 40 {
		s = s[:40]
	}
	return s
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
