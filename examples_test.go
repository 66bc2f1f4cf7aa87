package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// exampleCommands are the commands examples/README.md gives: every line of
// its sh blocks that starts with "assessor ", read from the file so the
// test runs what a reader copies.
func exampleCommands(t *testing.T) [][]string {
	t.Helper()
	data, err := os.ReadFile("examples/README.md")
	if err != nil {
		t.Fatal(err)
	}
	var cmds [][]string
	in := false
	for _, l := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(l, "```"):
			in = !in && l == "```sh"
		case in && strings.HasPrefix(l, "assessor "):
			if strings.ContainsAny(l, `"'$|<>`) {
				t.Fatalf("examples/README.md: %q: this test splits commands on blanks only", l)
			}
			cmds = append(cmds, strings.Fields(l)[1:])
		}
	}
	return cmds
}

// TestExamples runs the commands of examples/README.md, as written, with
// the built binary in a copy of examples/, and checks what the README says
// they give: the import line, the report's figures and check's summary.
func TestExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	cmds := exampleCommands(t)
	if len(cmds) != 4 {
		t.Fatalf("examples/README.md gives %d commands, want the 4 this test checks", len(cmds))
	}
	bin := assessorBinary(t)
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("examples")); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (string, error) {
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "XDG_DATA_HOME="+filepath.Join(dir, "data"), "NO_COLOR=1")
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return string(out), &exampleError{args, err, stderr.String()}
		}
		return string(out), nil
	}
	outs := map[string]string{}
	for _, args := range cmds {
		out, err := run(args...)
		if err != nil {
			t.Fatal(err)
		}
		outs[args[0]] = out
	}
	if want := "submissions.jsonl: 4 submissions, 3 decisions imported; 0 lines unchanged\n"; outs["import"] != want {
		t.Errorf("import printed %q, want %q", outs["import"], want)
	}
	var rep struct {
		Overall map[string]float64 `json:"overall"`
	}
	if err := json.Unmarshal([]byte(outs["report"]), &rep); err != nil {
		t.Fatalf("report --format json: %v\n%s", err, outs["report"])
	}
	for k, v := range map[string]float64{
		"applications": 3, "first_attempts_decided": 2, "first_time_passes": 1, "first_time_pass_rate": 0.5,
		"passed": 2, "eventual_pass_rate": 1, "mean_attempts_to_pass": 1.5, "decided_attempts": 3,
		"pending_attempts": 1, "median_turnaround_days": 8.25,
	} {
		if got, ok := rep.Overall[k]; !ok || got != v {
			t.Errorf("report overall %s = %v, want %v (as examples/README.md says)", k, got, v)
		}
	}
	if !strings.HasSuffix(outs["check"], "ok (3 applications, 4 attempts: 3 decided, 1 pending)\n") {
		t.Errorf("check printed %q", outs["check"])
	}
	// Importing again changes nothing.
	if out, err := run(cmds[1]...); err != nil || out != "submissions.jsonl: 0 submissions, 0 decisions imported; 7 lines unchanged\n" {
		t.Errorf("import again: %v %q", err, out)
	}
	// The files were read: without them the same import fails, naming one.
	if err := os.RemoveAll(filepath.Join(dir, "evidence")); err != nil {
		t.Fatal(err)
	}
	if _, err := run("rubrics", "add", "small-group-instruction.md", "--db", "fresh.db"); err != nil {
		t.Fatal(err)
	}
	if _, err := run("import", "submissions.jsonl", "--db", "fresh.db"); err == nil || !strings.Contains(err.Error(), `"evidence/fractions-check.csv": no such file`) {
		t.Errorf("import without its evidence files: %v", err)
	}
}

// exampleError is a failed example command with what it printed on stderr.
type exampleError struct {
	args   []string
	err    error
	stderr string
}

func (e *exampleError) Error() string {
	return "assessor " + strings.Join(e.args, " ") + ": " + e.err.Error() + ": " + e.stderr
}
