//go:build unix

package cli

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// goodDecision decides goodSub's attempt (rubric df of testdata/known).
const goodDecision = `{"type":"decision","application":"A-1","attempt":1,"reviewer":"rev-a","decided_at":"2024-02-04T00:00:00Z","outcome":"pass","levels":{"C1":"meets","C2":"meets"},"feedback":{"overall":"Thank you."}}`

// TestImportHostileInput: a FIFO among the evidence files is refused at
// once rather than waited on with the store locked; a line over the size
// limit names the limit; an error quoting a criterion name that carries an
// OSC sequence reaches the terminal without it; feedback under a criterion
// the rubric lacks is refused.
func TestImportHostileInput(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.pdf"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	in := filepath.Join(dir, "in.jsonl")
	putFile(t, in, subWithFiles("A-1", `"pipe.pdf"`)+"\n")
	done := make(chan error, 1)
	go func() { _, err := run(t, "", "import", "--db", db, in); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), `"pipe.pdf": not a regular file (a FIFO)`) {
			t.Errorf("FIFO: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("import waited on a FIFO")
	}

	long := strings.Repeat("x", maxLine+1)
	if _, err := run(t, long, "import", "--db", db, "-"); err == nil || err.Error() != "stdin:1: line longer than the limit of 64.0 MiB" {
		t.Errorf("long line: %v", err)
	}

	// A submission to decide, then decisions naming bad criteria.
	putFile(t, in, goodSub+"\n")
	if _, err := run(t, "", "import", "--db", db, "--no-files", in); err != nil {
		t.Fatal(err)
	}
	osc := "\x1b]0;owned\x07"
	for _, tt := range []struct{ feedback, want string }{
		{`"C9":"lost"`, "feedback.C9: unknown criterion"},
		{`"overal":"lost"`, "feedback.overal: unknown criterion"},
		{`"C` + strings.NewReplacer("\x1b", `\u001b`, "\x07", `\u0007`).Replace(osc) + `":"x"`, "feedback.C: unknown criterion"},
	} {
		line := strings.Replace(goodDecision, `"feedback":{`, `"feedback":{`+tt.feedback+`,`, 1)
		if !strings.Contains(line, tt.feedback) {
			t.Fatalf("fixture decision has no feedback object: %s", goodDecision)
		}
		putFile(t, in, line+"\n")
		_, err := run(t, "", "import", "--db", db, "--no-files", in)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.ContainsAny(err.Error(), "\x1b\x07\n") {
			t.Errorf("feedback %s: %q, want %q, sanitized", tt.feedback, err, tt.want)
		}
	}
}
